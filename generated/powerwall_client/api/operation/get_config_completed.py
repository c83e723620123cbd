from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.gateway_status import GatewayStatus
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/config/completed",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | GatewayStatus | None:
    if response.status_code == 200:
        response_200 = GatewayStatus.from_dict(response.json())

        return response_200

    if response.status_code == 202:
        response_202 = cast(Any, None)
        return response_202

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | Error | GatewayStatus]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | Error | GatewayStatus]:
    """Commit staged configuration changes

     A GET with a side effect: it applies what `POST /api/operation` (and
    other configuration writes) staged. The seed documents `202` (no
    body); the recording of 21.39.1 is a `200` with the gateway status.
    The simulator answers `200` on its 21.39.1 profile and `202` on the
    others.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | GatewayStatus]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> Any | Error | GatewayStatus | None:
    """Commit staged configuration changes

     A GET with a side effect: it applies what `POST /api/operation` (and
    other configuration writes) staged. The seed documents `202` (no
    body); the recording of 21.39.1 is a `200` with the gateway status.
    The simulator answers `200` on its 21.39.1 profile and `202` on the
    others.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | GatewayStatus
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | Error | GatewayStatus]:
    """Commit staged configuration changes

     A GET with a side effect: it applies what `POST /api/operation` (and
    other configuration writes) staged. The seed documents `202` (no
    body); the recording of 21.39.1 is a `200` with the gateway status.
    The simulator answers `200` on its 21.39.1 profile and `202` on the
    others.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | GatewayStatus]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> Any | Error | GatewayStatus | None:
    """Commit staged configuration changes

     A GET with a side effect: it applies what `POST /api/operation` (and
    other configuration writes) staged. The seed documents `202` (no
    body); the recording of 21.39.1 is a `200` with the gateway status.
    The simulator answers `200` on its 21.39.1 profile and `202` on the
    others.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | GatewayStatus
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
