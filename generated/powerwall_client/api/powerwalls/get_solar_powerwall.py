from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.solar_powerwall import SolarPowerwall
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/solar_powerwall",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | SolarPowerwall | None:
    if response.status_code == 200:
        response_200 = SolarPowerwall.from_dict(response.json())

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
) -> Response[Error | SolarPowerwall]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | SolarPowerwall]:
    """The Powerwall+ solar inverter, its PV strings and alerts (firmware ≥ 23.44)

     Since 23.44, when `/api/devices/vitals` is gone, pypowerwall reads the
    solar strings (`pvac_status.string_vitals[]`: `connected`,
    `measured_voltage`, `current`, `measured_power`) and alerts
    (`pvac_alerts`, `pvs_alerts`: alert → bool) here (its `strings()` and
    `alerts()`). The strings' powers sum to the inverter's output.

    Inferred: every other field; they mirror the same inverter's vitals
    (`PVAC_*`, `PVS_*` of the 21.39.1 recording). Whether older firmware
    serves this path is unknown; the simulator serves it from 23.44.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SolarPowerwall]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> Error | SolarPowerwall | None:
    """The Powerwall+ solar inverter, its PV strings and alerts (firmware ≥ 23.44)

     Since 23.44, when `/api/devices/vitals` is gone, pypowerwall reads the
    solar strings (`pvac_status.string_vitals[]`: `connected`,
    `measured_voltage`, `current`, `measured_power`) and alerts
    (`pvac_alerts`, `pvs_alerts`: alert → bool) here (its `strings()` and
    `alerts()`). The strings' powers sum to the inverter's output.

    Inferred: every other field; they mirror the same inverter's vitals
    (`PVAC_*`, `PVS_*` of the 21.39.1 recording). Whether older firmware
    serves this path is unknown; the simulator serves it from 23.44.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SolarPowerwall
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | SolarPowerwall]:
    """The Powerwall+ solar inverter, its PV strings and alerts (firmware ≥ 23.44)

     Since 23.44, when `/api/devices/vitals` is gone, pypowerwall reads the
    solar strings (`pvac_status.string_vitals[]`: `connected`,
    `measured_voltage`, `current`, `measured_power`) and alerts
    (`pvac_alerts`, `pvs_alerts`: alert → bool) here (its `strings()` and
    `alerts()`). The strings' powers sum to the inverter's output.

    Inferred: every other field; they mirror the same inverter's vitals
    (`PVAC_*`, `PVS_*` of the 21.39.1 recording). Whether older firmware
    serves this path is unknown; the simulator serves it from 23.44.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SolarPowerwall]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> Error | SolarPowerwall | None:
    """The Powerwall+ solar inverter, its PV strings and alerts (firmware ≥ 23.44)

     Since 23.44, when `/api/devices/vitals` is gone, pypowerwall reads the
    solar strings (`pvac_status.string_vitals[]`: `connected`,
    `measured_voltage`, `current`, `measured_power`) and alerts
    (`pvac_alerts`, `pvs_alerts`: alert → bool) here (its `strings()` and
    `alerts()`). The strings' powers sum to the inverter's output.

    Inferred: every other field; they mirror the same inverter's vitals
    (`PVAC_*`, `PVS_*` of the 21.39.1 recording). Whether older firmware
    serves this path is unknown; the simulator serves it from 23.44.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SolarPowerwall
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
