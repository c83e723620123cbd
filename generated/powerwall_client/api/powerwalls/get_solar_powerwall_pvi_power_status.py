from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.solar_powerwall_power_status import SolarPowerwallPowerStatus
from ...types import Response


def _get_kwargs(
    pvi: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/solar_powerwall/{pvi}/power_status".format(
            pvi=quote(str(pvi), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | SolarPowerwallPowerStatus | None:
    if response.status_code == 200:
        response_200 = SolarPowerwallPowerStatus.from_dict(response.json())

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
) -> Response[Error | SolarPowerwallPowerStatus]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    pvi: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | SolarPowerwallPowerStatus]:
    """Power status of one Powerwall+ solar inverter

     In the seed's table. Inferred: the body, as `/api/solar_powerwall/power_status`.

    Args:
        pvi (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SolarPowerwallPowerStatus]
    """

    kwargs = _get_kwargs(
        pvi=pvi,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    pvi: str,
    *,
    client: AuthenticatedClient | Client,
) -> Error | SolarPowerwallPowerStatus | None:
    """Power status of one Powerwall+ solar inverter

     In the seed's table. Inferred: the body, as `/api/solar_powerwall/power_status`.

    Args:
        pvi (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SolarPowerwallPowerStatus
    """

    return sync_detailed(
        pvi=pvi,
        client=client,
    ).parsed


async def asyncio_detailed(
    pvi: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | SolarPowerwallPowerStatus]:
    """Power status of one Powerwall+ solar inverter

     In the seed's table. Inferred: the body, as `/api/solar_powerwall/power_status`.

    Args:
        pvi (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SolarPowerwallPowerStatus]
    """

    kwargs = _get_kwargs(
        pvi=pvi,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    pvi: str,
    *,
    client: AuthenticatedClient | Client,
) -> Error | SolarPowerwallPowerStatus | None:
    """Power status of one Powerwall+ solar inverter

     In the seed's table. Inferred: the body, as `/api/solar_powerwall/power_status`.

    Args:
        pvi (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SolarPowerwallPowerStatus
    """

    return (
        await asyncio_detailed(
            pvi=pvi,
            client=client,
        )
    ).parsed
