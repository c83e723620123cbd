from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.operation_request import OperationRequest
from ...types import Response


def _get_kwargs(
    *,
    body: OperationRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/operation",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | OperationRequest | None:
    if response.status_code == 200:
        response_200 = OperationRequest.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | OperationRequest]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: OperationRequest,
) -> Response[Error | OperationRequest]:
    """Stage a new operation mode and backup reserve

     Not in effect until `GET /api/config/completed` commits it.

    Who may: an installer session (obtained through the physical toggle,
    `/api/auth/toggle/*`). A customer login gets
    `403 {"code":403,"error":"Unable to POST to resource","message":"User does not have adequate access
    rights"}`
    on every firmware since at least 2019 (seed repository issues #18, #34,
    #45; tesla_powerwall issue #20 and pull request #46). Customers change
    mode and reserve through the Fleet API instead.

    Args:
        body (OperationRequest): What `POST /api/operation` takes. Since about firmware 1.21 the
            mode is
            `real_mode` (pypowerwall and tesla_powerwall send it); a body with the
            older `mode` alone is answered
            `500 "RealMode must be either self_consumption or backup"` (FACTS).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | OperationRequest]
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
    body: OperationRequest,
) -> Error | OperationRequest | None:
    """Stage a new operation mode and backup reserve

     Not in effect until `GET /api/config/completed` commits it.

    Who may: an installer session (obtained through the physical toggle,
    `/api/auth/toggle/*`). A customer login gets
    `403 {"code":403,"error":"Unable to POST to resource","message":"User does not have adequate access
    rights"}`
    on every firmware since at least 2019 (seed repository issues #18, #34,
    #45; tesla_powerwall issue #20 and pull request #46). Customers change
    mode and reserve through the Fleet API instead.

    Args:
        body (OperationRequest): What `POST /api/operation` takes. Since about firmware 1.21 the
            mode is
            `real_mode` (pypowerwall and tesla_powerwall send it); a body with the
            older `mode` alone is answered
            `500 "RealMode must be either self_consumption or backup"` (FACTS).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | OperationRequest
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: OperationRequest,
) -> Response[Error | OperationRequest]:
    """Stage a new operation mode and backup reserve

     Not in effect until `GET /api/config/completed` commits it.

    Who may: an installer session (obtained through the physical toggle,
    `/api/auth/toggle/*`). A customer login gets
    `403 {"code":403,"error":"Unable to POST to resource","message":"User does not have adequate access
    rights"}`
    on every firmware since at least 2019 (seed repository issues #18, #34,
    #45; tesla_powerwall issue #20 and pull request #46). Customers change
    mode and reserve through the Fleet API instead.

    Args:
        body (OperationRequest): What `POST /api/operation` takes. Since about firmware 1.21 the
            mode is
            `real_mode` (pypowerwall and tesla_powerwall send it); a body with the
            older `mode` alone is answered
            `500 "RealMode must be either self_consumption or backup"` (FACTS).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | OperationRequest]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: OperationRequest,
) -> Error | OperationRequest | None:
    """Stage a new operation mode and backup reserve

     Not in effect until `GET /api/config/completed` commits it.

    Who may: an installer session (obtained through the physical toggle,
    `/api/auth/toggle/*`). A customer login gets
    `403 {"code":403,"error":"Unable to POST to resource","message":"User does not have adequate access
    rights"}`
    on every firmware since at least 2019 (seed repository issues #18, #34,
    #45; tesla_powerwall issue #20 and pull request #46). Customers change
    mode and reserve through the Fleet API instead.

    Args:
        body (OperationRequest): What `POST /api/operation` takes. Since about firmware 1.21 the
            mode is
            `real_mode` (pypowerwall and tesla_powerwall send it); a body with the
            older `mode` alone is answered
            `500 "RealMode must be either self_consumption or backup"` (FACTS).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | OperationRequest
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
