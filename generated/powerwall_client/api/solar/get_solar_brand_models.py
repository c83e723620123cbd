from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.solar_model import SolarModel
from ...types import Response


def _get_kwargs(
    brand: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/solars/brands/{brand}".format(
            brand=quote(str(brand), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | list[SolarModel] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = SolarModel.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Error | list[SolarModel]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    brand: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | list[SolarModel]]:
    """Inverter models of one brand (wizard options)

    Args:
        brand (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[SolarModel]]
    """

    kwargs = _get_kwargs(
        brand=brand,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    brand: str,
    *,
    client: AuthenticatedClient | Client,
) -> Error | list[SolarModel] | None:
    """Inverter models of one brand (wizard options)

    Args:
        brand (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[SolarModel]
    """

    return sync_detailed(
        brand=brand,
        client=client,
    ).parsed


async def asyncio_detailed(
    brand: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | list[SolarModel]]:
    """Inverter models of one brand (wizard options)

    Args:
        brand (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[SolarModel]]
    """

    kwargs = _get_kwargs(
        brand=brand,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    brand: str,
    *,
    client: AuthenticatedClient | Client,
) -> Error | list[SolarModel] | None:
    """Inverter models of one brand (wizard options)

    Args:
        brand (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[SolarModel]
    """

    return (
        await asyncio_detailed(
            brand=brand,
            client=client,
        )
    ).parsed
