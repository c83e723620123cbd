from http import HTTPStatus
from io import BytesIO
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...types import File, Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/devices/vitals",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | File | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

        return response_200

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | File]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | File]:
    """Vitals of every device, as protobuf (`teslapower.DevicesWithVitals`)

     The body is a protobuf `DevicesWithVitals` of `spec/tesla.proto`.
    Removed in firmware 23.44 (`404`); since then the data is only served
    over TEDAPI.

    No body a gateway sent exists in this repository: the recorded body
    was encoded by pwkit from the community's decoded example, so the
    field numbers of `tesla.proto` are checked against the community's
    definition, not against captured bytes. No public client we searched
    (pypowerwall, tesla_powerwall, the Go clients, vloschiavo/powerwall2)
    ships a captured vitals body as a test fixture.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | File]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> Error | File | None:
    """Vitals of every device, as protobuf (`teslapower.DevicesWithVitals`)

     The body is a protobuf `DevicesWithVitals` of `spec/tesla.proto`.
    Removed in firmware 23.44 (`404`); since then the data is only served
    over TEDAPI.

    No body a gateway sent exists in this repository: the recorded body
    was encoded by pwkit from the community's decoded example, so the
    field numbers of `tesla.proto` are checked against the community's
    definition, not against captured bytes. No public client we searched
    (pypowerwall, tesla_powerwall, the Go clients, vloschiavo/powerwall2)
    ships a captured vitals body as a test fixture.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | File
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | File]:
    """Vitals of every device, as protobuf (`teslapower.DevicesWithVitals`)

     The body is a protobuf `DevicesWithVitals` of `spec/tesla.proto`.
    Removed in firmware 23.44 (`404`); since then the data is only served
    over TEDAPI.

    No body a gateway sent exists in this repository: the recorded body
    was encoded by pwkit from the community's decoded example, so the
    field numbers of `tesla.proto` are checked against the community's
    definition, not against captured bytes. No public client we searched
    (pypowerwall, tesla_powerwall, the Go clients, vloschiavo/powerwall2)
    ships a captured vitals body as a test fixture.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | File]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> Error | File | None:
    """Vitals of every device, as protobuf (`teslapower.DevicesWithVitals`)

     The body is a protobuf `DevicesWithVitals` of `spec/tesla.proto`.
    Removed in firmware 23.44 (`404`); since then the data is only served
    over TEDAPI.

    No body a gateway sent exists in this repository: the recorded body
    was encoded by pwkit from the community's decoded example, so the
    field numbers of `tesla.proto` are checked against the community's
    definition, not against captured bytes. No public client we searched
    (pypowerwall, tesla_powerwall, the Go clients, vloschiavo/powerwall2)
    ships a captured vitals body as a test fixture.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | File
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
