from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.meters_aggregates import MetersAggregates
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/meters/aggregates",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | MetersAggregates | None:
    if response.status_code == 200:
        response_200 = MetersAggregates.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 502:
        response_502 = cast(Any, None)
        return response_502

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | Error | MetersAggregates]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | Error | MetersAggregates]:
    """Instantaneous readings of site (grid), battery, load (home) and solar

     Power in W, energy in Wh, frequency in Hz, voltage in V, current in A.

    Sign conventions of `instant_power`:
    - `site` (the app's "Grid"): positive = importing from the grid,
      negative = exporting to it.
    - `battery` (the app's "Powerwall", all batteries together):
      positive = discharging, negative = charging.
    - `load` (the app's "Home"): positive = consumption; never negative.
    - `solar`: positive = production; a few W negative at night.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | MetersAggregates]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> Any | Error | MetersAggregates | None:
    """Instantaneous readings of site (grid), battery, load (home) and solar

     Power in W, energy in Wh, frequency in Hz, voltage in V, current in A.

    Sign conventions of `instant_power`:
    - `site` (the app's "Grid"): positive = importing from the grid,
      negative = exporting to it.
    - `battery` (the app's "Powerwall", all batteries together):
      positive = discharging, negative = charging.
    - `load` (the app's "Home"): positive = consumption; never negative.
    - `solar`: positive = production; a few W negative at night.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | MetersAggregates
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | Error | MetersAggregates]:
    """Instantaneous readings of site (grid), battery, load (home) and solar

     Power in W, energy in Wh, frequency in Hz, voltage in V, current in A.

    Sign conventions of `instant_power`:
    - `site` (the app's "Grid"): positive = importing from the grid,
      negative = exporting to it.
    - `battery` (the app's "Powerwall", all batteries together):
      positive = discharging, negative = charging.
    - `load` (the app's "Home"): positive = consumption; never negative.
    - `solar`: positive = production; a few W negative at night.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | MetersAggregates]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> Any | Error | MetersAggregates | None:
    """Instantaneous readings of site (grid), battery, load (home) and solar

     Power in W, energy in Wh, frequency in Hz, voltage in V, current in A.

    Sign conventions of `instant_power`:
    - `site` (the app's "Grid"): positive = importing from the grid,
      negative = exporting to it.
    - `battery` (the app's "Powerwall", all batteries together):
      positive = discharging, negative = charging.
    - `load` (the app's "Home"): positive = consumption; never negative.
    - `solar`: positive = production; a few W negative at night.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | MetersAggregates
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
