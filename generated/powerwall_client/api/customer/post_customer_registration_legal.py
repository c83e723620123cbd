from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.legal_answers import LegalAnswers
from ...types import Response


def _get_kwargs(
    *,
    body: LegalAnswers,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/customer/registration/legal",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | LegalAnswers | None:
    if response.status_code == 200:
        response_200 = LegalAnswers.from_dict(response.json())

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
) -> Response[Error | LegalAnswers]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LegalAnswers,
) -> Response[Error | LegalAnswers]:
    """Accept the legal notices

     The seeds show the answer's fields `marketing`, `privacy_notice`, `limited_warranty` and
    `grid_services`.

    Args:
        body (LegalAnswers): The legal notices' answers, as `POST
            /api/customer/registration/legal` takes and returns them (the seed names the fields; their
            values are not shown).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | LegalAnswers]
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
    body: LegalAnswers,
) -> Error | LegalAnswers | None:
    """Accept the legal notices

     The seeds show the answer's fields `marketing`, `privacy_notice`, `limited_warranty` and
    `grid_services`.

    Args:
        body (LegalAnswers): The legal notices' answers, as `POST
            /api/customer/registration/legal` takes and returns them (the seed names the fields; their
            values are not shown).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | LegalAnswers
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LegalAnswers,
) -> Response[Error | LegalAnswers]:
    """Accept the legal notices

     The seeds show the answer's fields `marketing`, `privacy_notice`, `limited_warranty` and
    `grid_services`.

    Args:
        body (LegalAnswers): The legal notices' answers, as `POST
            /api/customer/registration/legal` takes and returns them (the seed names the fields; their
            values are not shown).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | LegalAnswers]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: LegalAnswers,
) -> Error | LegalAnswers | None:
    """Accept the legal notices

     The seeds show the answer's fields `marketing`, `privacy_notice`, `limited_warranty` and
    `grid_services`.

    Args:
        body (LegalAnswers): The legal notices' answers, as `POST
            /api/customer/registration/legal` takes and returns them (the seed names the fields; their
            values are not shown).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | LegalAnswers
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
