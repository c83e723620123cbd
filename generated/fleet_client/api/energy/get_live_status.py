from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.get_live_status_response_200 import GetLiveStatusResponse200
from ...types import Response


def _get_kwargs(
    energy_site_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/1/energy_sites/{energy_site_id}/live_status".format(
            energy_site_id=quote(str(energy_site_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | GetLiveStatusResponse200 | None:
    if response.status_code == 200:
        response_200 = GetLiveStatusResponse200.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 421:
        response_421 = Error.from_dict(response.json())

        return response_421

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | GetLiveStatusResponse200]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    energy_site_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | GetLiveStatusResponse200]:
    """The live status of the site (power in W, state of energy, grid status, storm mode).

    Args:
        energy_site_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | GetLiveStatusResponse200]
    """

    kwargs = _get_kwargs(
        energy_site_id=energy_site_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    energy_site_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Error | GetLiveStatusResponse200 | None:
    """The live status of the site (power in W, state of energy, grid status, storm mode).

    Args:
        energy_site_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | GetLiveStatusResponse200
    """

    return sync_detailed(
        energy_site_id=energy_site_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    energy_site_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | GetLiveStatusResponse200]:
    """The live status of the site (power in W, state of energy, grid status, storm mode).

    Args:
        energy_site_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | GetLiveStatusResponse200]
    """

    kwargs = _get_kwargs(
        energy_site_id=energy_site_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    energy_site_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Error | GetLiveStatusResponse200 | None:
    """The live status of the site (power in W, state of energy, grid status, storm mode).

    Args:
        energy_site_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | GetLiveStatusResponse200
    """

    return (
        await asyncio_detailed(
            energy_site_id=energy_site_id,
            client=client,
        )
    ).parsed
