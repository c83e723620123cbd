from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.get_calendar_history_response_200 import GetCalendarHistoryResponse200
from ...types import UNSET, Response, Unset


def _get_kwargs(
    energy_site_id: int,
    *,
    kind: str | Unset = UNSET,
    period: str | Unset = UNSET,
    start_date: str | Unset = UNSET,
    end_date: str | Unset = UNSET,
    time_zone: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["kind"] = kind

    params["period"] = period

    params["start_date"] = start_date

    params["end_date"] = end_date

    params["time_zone"] = time_zone

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/1/energy_sites/{energy_site_id}/calendar_history".format(
            energy_site_id=quote(str(energy_site_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | GetCalendarHistoryResponse200 | None:
    if response.status_code == 200:
        response_200 = GetCalendarHistoryResponse200.from_dict(response.json())

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

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | GetCalendarHistoryResponse200]:
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
    kind: str | Unset = UNSET,
    period: str | Unset = UNSET,
    start_date: str | Unset = UNSET,
    end_date: str | Unset = UNSET,
    time_zone: str | Unset = UNSET,
) -> Response[Error | GetCalendarHistoryResponse200]:
    """Energy (or backup, power, soe, …) history of the site; Home Assistant's tesla_fleet polls it every 5
    minutes.

    Args:
        energy_site_id (int):
        kind (str | Unset): energy, backup, power, soe, self_consumption, time_of_use_energy,
            savings (open set).
        period (str | Unset): day, week, month, year, lifetime (open set).
        start_date (str | Unset):
        end_date (str | Unset):
        time_zone (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | GetCalendarHistoryResponse200]
    """

    kwargs = _get_kwargs(
        energy_site_id=energy_site_id,
        kind=kind,
        period=period,
        start_date=start_date,
        end_date=end_date,
        time_zone=time_zone,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    energy_site_id: int,
    *,
    client: AuthenticatedClient | Client,
    kind: str | Unset = UNSET,
    period: str | Unset = UNSET,
    start_date: str | Unset = UNSET,
    end_date: str | Unset = UNSET,
    time_zone: str | Unset = UNSET,
) -> Error | GetCalendarHistoryResponse200 | None:
    """Energy (or backup, power, soe, …) history of the site; Home Assistant's tesla_fleet polls it every 5
    minutes.

    Args:
        energy_site_id (int):
        kind (str | Unset): energy, backup, power, soe, self_consumption, time_of_use_energy,
            savings (open set).
        period (str | Unset): day, week, month, year, lifetime (open set).
        start_date (str | Unset):
        end_date (str | Unset):
        time_zone (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | GetCalendarHistoryResponse200
    """

    return sync_detailed(
        energy_site_id=energy_site_id,
        client=client,
        kind=kind,
        period=period,
        start_date=start_date,
        end_date=end_date,
        time_zone=time_zone,
    ).parsed


async def asyncio_detailed(
    energy_site_id: int,
    *,
    client: AuthenticatedClient | Client,
    kind: str | Unset = UNSET,
    period: str | Unset = UNSET,
    start_date: str | Unset = UNSET,
    end_date: str | Unset = UNSET,
    time_zone: str | Unset = UNSET,
) -> Response[Error | GetCalendarHistoryResponse200]:
    """Energy (or backup, power, soe, …) history of the site; Home Assistant's tesla_fleet polls it every 5
    minutes.

    Args:
        energy_site_id (int):
        kind (str | Unset): energy, backup, power, soe, self_consumption, time_of_use_energy,
            savings (open set).
        period (str | Unset): day, week, month, year, lifetime (open set).
        start_date (str | Unset):
        end_date (str | Unset):
        time_zone (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | GetCalendarHistoryResponse200]
    """

    kwargs = _get_kwargs(
        energy_site_id=energy_site_id,
        kind=kind,
        period=period,
        start_date=start_date,
        end_date=end_date,
        time_zone=time_zone,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    energy_site_id: int,
    *,
    client: AuthenticatedClient | Client,
    kind: str | Unset = UNSET,
    period: str | Unset = UNSET,
    start_date: str | Unset = UNSET,
    end_date: str | Unset = UNSET,
    time_zone: str | Unset = UNSET,
) -> Error | GetCalendarHistoryResponse200 | None:
    """Energy (or backup, power, soe, …) history of the site; Home Assistant's tesla_fleet polls it every 5
    minutes.

    Args:
        energy_site_id (int):
        kind (str | Unset): energy, backup, power, soe, self_consumption, time_of_use_energy,
            savings (open set).
        period (str | Unset): day, week, month, year, lifetime (open set).
        start_date (str | Unset):
        end_date (str | Unset):
        time_zone (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | GetCalendarHistoryResponse200
    """

    return (
        await asyncio_detailed(
            energy_site_id=energy_site_id,
            client=client,
            kind=kind,
            period=period,
            start_date=start_date,
            end_date=end_date,
            time_zone=time_zone,
        )
    ).parsed
