from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.password_change import PasswordChange
from ...models.post_password_change_response_200 import PostPasswordChangeResponse200
from ...types import Response


def _get_kwargs(
    *,
    body: PasswordChange,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/password/change",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PostPasswordChangeResponse200 | None:
    if response.status_code == 200:
        response_200 = PostPasswordChangeResponse200.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | PostPasswordChangeResponse200]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PasswordChange,
) -> Response[Error | PostPasswordChangeResponse200]:
    """Change the customer password

     Request and answer as the samples show them (`password.change.request.json`,
    `password.change.response.json`): the answer echoes the new password,
    so neither is ever logged or recorded unmasked.

    Args:
        body (PasswordChange): The request of `POST /api/password/change` (the samples).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PostPasswordChangeResponse200]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: PasswordChange,
) -> Error | PostPasswordChangeResponse200 | None:
    """Change the customer password

     Request and answer as the samples show them (`password.change.request.json`,
    `password.change.response.json`): the answer echoes the new password,
    so neither is ever logged or recorded unmasked.

    Args:
        body (PasswordChange): The request of `POST /api/password/change` (the samples).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PostPasswordChangeResponse200
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PasswordChange,
) -> Response[Error | PostPasswordChangeResponse200]:
    """Change the customer password

     Request and answer as the samples show them (`password.change.request.json`,
    `password.change.response.json`): the answer echoes the new password,
    so neither is ever logged or recorded unmasked.

    Args:
        body (PasswordChange): The request of `POST /api/password/change` (the samples).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PostPasswordChangeResponse200]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: PasswordChange,
) -> Error | PostPasswordChangeResponse200 | None:
    """Change the customer password

     Request and answer as the samples show them (`password.change.request.json`,
    `password.change.response.json`): the answer echoes the new password,
    so neither is ever logged or recorded unmasked.

    Args:
        body (PasswordChange): The request of `POST /api/password/change` (the samples).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PostPasswordChangeResponse200
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
