from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.refresh_token_request import RefreshTokenRequest
from ...models.refresh_token_response_400 import RefreshTokenResponse400
from ...models.refresh_token_response_401 import RefreshTokenResponse401
from ...models.token_response import TokenResponse
from ...types import Response


def _get_kwargs(
    *,
    body: RefreshTokenRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/oauth2/v3/token",
    }

    _kwargs["data"] = body.to_dict()
    headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | RefreshTokenResponse400 | RefreshTokenResponse401 | TokenResponse | None:
    if response.status_code == 200:
        response_200 = TokenResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = RefreshTokenResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = RefreshTokenResponse401.from_dict(response.json())

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
) -> Response[
    Error | RefreshTokenResponse400 | RefreshTokenResponse401 | TokenResponse
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RefreshTokenRequest,
) -> Response[
    Error | RefreshTokenResponse400 | RefreshTokenResponse401 | TokenResponse
]:
    """Exchange a refresh token for a new access token and a new refresh token.

     The refresh token is single use and expires after 3 months (Tesla's "Third-Party Tokens" page):
    store the new one before using the access token.

    Args:
        body (RefreshTokenRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | RefreshTokenResponse400 | RefreshTokenResponse401 | TokenResponse]
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
    body: RefreshTokenRequest,
) -> Error | RefreshTokenResponse400 | RefreshTokenResponse401 | TokenResponse | None:
    """Exchange a refresh token for a new access token and a new refresh token.

     The refresh token is single use and expires after 3 months (Tesla's "Third-Party Tokens" page):
    store the new one before using the access token.

    Args:
        body (RefreshTokenRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | RefreshTokenResponse400 | RefreshTokenResponse401 | TokenResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RefreshTokenRequest,
) -> Response[
    Error | RefreshTokenResponse400 | RefreshTokenResponse401 | TokenResponse
]:
    """Exchange a refresh token for a new access token and a new refresh token.

     The refresh token is single use and expires after 3 months (Tesla's "Third-Party Tokens" page):
    store the new one before using the access token.

    Args:
        body (RefreshTokenRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | RefreshTokenResponse400 | RefreshTokenResponse401 | TokenResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: RefreshTokenRequest,
) -> Error | RefreshTokenResponse400 | RefreshTokenResponse401 | TokenResponse | None:
    """Exchange a refresh token for a new access token and a new refresh token.

     The refresh token is single use and expires after 3 months (Tesla's "Third-Party Tokens" page):
    store the new one before using the access token.

    Args:
        body (RefreshTokenRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | RefreshTokenResponse400 | RefreshTokenResponse401 | TokenResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
