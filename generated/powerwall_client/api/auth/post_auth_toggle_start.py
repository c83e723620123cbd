from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.post_auth_toggle_start_response_200 import PostAuthToggleStartResponse200
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/auth/toggle/start",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PostAuthToggleStartResponse200 | None:
    if response.status_code == 200:
        response_200 = PostAuthToggleStartResponse200.from_dict(response.json())

        return response_200

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | PostAuthToggleStartResponse200]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | PostAuthToggleStartResponse200]:
    """Open the window in which the owner switches a Powerwall off and on

     Since 1.50.1 an installer proves physical access: after this call the
    owner switches a Powerwall's power switch off and on within a short
    window, then `POST /api/auth/toggle/login` lets the installer in.

    Inferred: the body of the answer is not public. The simulator takes
    no request body and answers how long the window lasts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PostAuthToggleStartResponse200]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> Error | PostAuthToggleStartResponse200 | None:
    """Open the window in which the owner switches a Powerwall off and on

     Since 1.50.1 an installer proves physical access: after this call the
    owner switches a Powerwall's power switch off and on within a short
    window, then `POST /api/auth/toggle/login` lets the installer in.

    Inferred: the body of the answer is not public. The simulator takes
    no request body and answers how long the window lasts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PostAuthToggleStartResponse200
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | PostAuthToggleStartResponse200]:
    """Open the window in which the owner switches a Powerwall off and on

     Since 1.50.1 an installer proves physical access: after this call the
    owner switches a Powerwall's power switch off and on within a short
    window, then `POST /api/auth/toggle/login` lets the installer in.

    Inferred: the body of the answer is not public. The simulator takes
    no request body and answers how long the window lasts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PostAuthToggleStartResponse200]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> Error | PostAuthToggleStartResponse200 | None:
    """Open the window in which the owner switches a Powerwall off and on

     Since 1.50.1 an installer proves physical access: after this call the
    owner switches a Powerwall's power switch off and on within a short
    window, then `POST /api/auth/toggle/login` lets the installer in.

    Inferred: the body of the answer is not public. The simulator takes
    no request body and answers how long the window lasts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PostAuthToggleStartResponse200
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
