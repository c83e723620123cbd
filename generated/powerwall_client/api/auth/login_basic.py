from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.login_request import LoginRequest
from ...models.login_response import LoginResponse
from ...types import Response


def _get_kwargs(
    *,
    body: LoginRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/login/Basic",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | LoginResponse | None:
    if response.status_code == 200:
        response_200 = LoginResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

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
) -> Response[Error | LoginResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LoginRequest,
) -> Response[Error | LoginResponse]:
    """Log in and receive a session token

     Sets the cookies `AuthCookie` (the token) and `UserRecord`. Later
    requests send either the cookie or `Authorization: Bearer <token>`.
    Repeated failures lock the user out for roughly 10–30 minutes (`429`).
    The gateway also accepts the body form-encoded. The customer's e-mail
    may be empty or missing: Home Assistant logs in with the password
    alone, and the seed's README says the e-mail "can be left as an empty
    string".

    `username: installer` answers
    `401 {"code":401,"error":"roles [Provider_Engineer] require physical access","message":"Login
    Error"}`
    since 1.50.1 until the physical toggle is done (`/api/auth/toggle/*`).

    Args:
        body (LoginRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | LoginResponse]
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
    body: LoginRequest,
) -> Error | LoginResponse | None:
    """Log in and receive a session token

     Sets the cookies `AuthCookie` (the token) and `UserRecord`. Later
    requests send either the cookie or `Authorization: Bearer <token>`.
    Repeated failures lock the user out for roughly 10–30 minutes (`429`).
    The gateway also accepts the body form-encoded. The customer's e-mail
    may be empty or missing: Home Assistant logs in with the password
    alone, and the seed's README says the e-mail "can be left as an empty
    string".

    `username: installer` answers
    `401 {"code":401,"error":"roles [Provider_Engineer] require physical access","message":"Login
    Error"}`
    since 1.50.1 until the physical toggle is done (`/api/auth/toggle/*`).

    Args:
        body (LoginRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | LoginResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LoginRequest,
) -> Response[Error | LoginResponse]:
    """Log in and receive a session token

     Sets the cookies `AuthCookie` (the token) and `UserRecord`. Later
    requests send either the cookie or `Authorization: Bearer <token>`.
    Repeated failures lock the user out for roughly 10–30 minutes (`429`).
    The gateway also accepts the body form-encoded. The customer's e-mail
    may be empty or missing: Home Assistant logs in with the password
    alone, and the seed's README says the e-mail "can be left as an empty
    string".

    `username: installer` answers
    `401 {"code":401,"error":"roles [Provider_Engineer] require physical access","message":"Login
    Error"}`
    since 1.50.1 until the physical toggle is done (`/api/auth/toggle/*`).

    Args:
        body (LoginRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | LoginResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: LoginRequest,
) -> Error | LoginResponse | None:
    """Log in and receive a session token

     Sets the cookies `AuthCookie` (the token) and `UserRecord`. Later
    requests send either the cookie or `Authorization: Bearer <token>`.
    Repeated failures lock the user out for roughly 10–30 minutes (`429`).
    The gateway also accepts the body form-encoded. The customer's e-mail
    may be empty or missing: Home Assistant logs in with the password
    alone, and the seed's README says the e-mail "can be left as an empty
    string".

    `username: installer` answers
    `401 {"code":401,"error":"roles [Provider_Engineer] require physical access","message":"Login
    Error"}`
    since 1.50.1 until the physical toggle is done (`/api/auth/toggle/*`).

    Args:
        body (LoginRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | LoginResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
