from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.relationships import Relationships
from ...types import UNSET, Response


def _get_kwargs(
    *,
    usernames: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["usernames"] = usernames

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/users/me/relationships",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | Relationships | None:
    if response.status_code == 200:
        response_200 = Relationships.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorBody.from_dict(response.json())

        return response_403

    if response.status_code == 500:
        response_500 = ErrorBody.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ErrorBody.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorBody | Relationships]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    usernames: str,
) -> Response[ErrorBody | Relationships]:
    """Get my relationships with users

     For each of up to 100 comma-separated `usernames`, whether the caller follows them
    (`following`) and they follow the caller (`followedBy`): one call renders a list of
    follow buttons. Names with no account are left out.

    Args:
        usernames (str):  Example: ada,alan.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | Relationships]
    """

    kwargs = _get_kwargs(
        usernames=usernames,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    usernames: str,
) -> ErrorBody | Relationships | None:
    """Get my relationships with users

     For each of up to 100 comma-separated `usernames`, whether the caller follows them
    (`following`) and they follow the caller (`followedBy`): one call renders a list of
    follow buttons. Names with no account are left out.

    Args:
        usernames (str):  Example: ada,alan.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | Relationships
    """

    return sync_detailed(
        client=client,
        usernames=usernames,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    usernames: str,
) -> Response[ErrorBody | Relationships]:
    """Get my relationships with users

     For each of up to 100 comma-separated `usernames`, whether the caller follows them
    (`following`) and they follow the caller (`followedBy`): one call renders a list of
    follow buttons. Names with no account are left out.

    Args:
        usernames (str):  Example: ada,alan.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | Relationships]
    """

    kwargs = _get_kwargs(
        usernames=usernames,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    usernames: str,
) -> ErrorBody | Relationships | None:
    """Get my relationships with users

     For each of up to 100 comma-separated `usernames`, whether the caller follows them
    (`following`) and they follow the caller (`followedBy`): one call renders a list of
    follow buttons. Names with no account are left out.

    Args:
        usernames (str):  Example: ada,alan.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | Relationships
    """

    return (
        await asyncio_detailed(
            client=client,
            usernames=usernames,
        )
    ).parsed
