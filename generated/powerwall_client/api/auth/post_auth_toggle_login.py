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
        "url": "/api/auth/toggle/login",
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
    """Installer login, accepted once the physical toggle is done

     The installer's credentials, sent after `POST /api/auth/toggle/start`
    and after the owner switched a Powerwall off and on inside the window.
    Until then the answer is the recorded
    `401 {"code":401,"error":"roles [Provider_Engineer] require physical access","message":"Login
    Error"}`
    (seed repository issue #34, firmware 1.50.1; pypowerwall issue #165, 2026).
    Success gives an installer session (`roles: ["Provider_Engineer"]`),
    which may post `/api/operation` and commit it; `DELETE` ends it.

    Inferred: the path is in the gateway's web app (seed table), but no
    request or answer body is public. The simulator takes the body of
    `POST /api/login/Basic` and answers like it, the closest documented
    shape.

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
    """Installer login, accepted once the physical toggle is done

     The installer's credentials, sent after `POST /api/auth/toggle/start`
    and after the owner switched a Powerwall off and on inside the window.
    Until then the answer is the recorded
    `401 {"code":401,"error":"roles [Provider_Engineer] require physical access","message":"Login
    Error"}`
    (seed repository issue #34, firmware 1.50.1; pypowerwall issue #165, 2026).
    Success gives an installer session (`roles: ["Provider_Engineer"]`),
    which may post `/api/operation` and commit it; `DELETE` ends it.

    Inferred: the path is in the gateway's web app (seed table), but no
    request or answer body is public. The simulator takes the body of
    `POST /api/login/Basic` and answers like it, the closest documented
    shape.

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
    """Installer login, accepted once the physical toggle is done

     The installer's credentials, sent after `POST /api/auth/toggle/start`
    and after the owner switched a Powerwall off and on inside the window.
    Until then the answer is the recorded
    `401 {"code":401,"error":"roles [Provider_Engineer] require physical access","message":"Login
    Error"}`
    (seed repository issue #34, firmware 1.50.1; pypowerwall issue #165, 2026).
    Success gives an installer session (`roles: ["Provider_Engineer"]`),
    which may post `/api/operation` and commit it; `DELETE` ends it.

    Inferred: the path is in the gateway's web app (seed table), but no
    request or answer body is public. The simulator takes the body of
    `POST /api/login/Basic` and answers like it, the closest documented
    shape.

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
    """Installer login, accepted once the physical toggle is done

     The installer's credentials, sent after `POST /api/auth/toggle/start`
    and after the owner switched a Powerwall off and on inside the window.
    Until then the answer is the recorded
    `401 {"code":401,"error":"roles [Provider_Engineer] require physical access","message":"Login
    Error"}`
    (seed repository issue #34, firmware 1.50.1; pypowerwall issue #165, 2026).
    Success gives an installer session (`roles: ["Provider_Engineer"]`),
    which may post `/api/operation` and commit it; `DELETE` ends it.

    Inferred: the path is in the gateway's web app (seed table), but no
    request or answer body is public. The simulator takes the body of
    `POST /api/login/Basic` and answers like it, the closest documented
    shape.

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
