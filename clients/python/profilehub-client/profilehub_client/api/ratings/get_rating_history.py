from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.platform_name import PlatformName
from ...models.rating_history import RatingHistory
from ...types import UNSET, Response


def _get_kwargs(
    username: str,
    *,
    platform: PlatformName,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_platform = platform.value
    params["platform"] = json_platform

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/profiles/{username}/ratings/history".format(
            username=quote(str(username), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | RatingHistory | None:
    if response.status_code == 200:
        response_200 = RatingHistory.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = ErrorBody.from_dict(response.json())

        return response_404

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
) -> Response[ErrorBody | RatingHistory]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    username: str,
    *,
    client: AuthenticatedClient | Client,
    platform: PlatformName,
) -> Response[ErrorBody | RatingHistory]:
    """Get a user's rating history

     The rating over time on one platform: a point is recorded whenever a fetched value
    changes. Unknown user → 404 `USER_NOT_FOUND`.

    Args:
        username (str):
        platform (PlatformName): A rating platform.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | RatingHistory]
    """

    kwargs = _get_kwargs(
        username=username,
        platform=platform,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    username: str,
    *,
    client: AuthenticatedClient | Client,
    platform: PlatformName,
) -> ErrorBody | RatingHistory | None:
    """Get a user's rating history

     The rating over time on one platform: a point is recorded whenever a fetched value
    changes. Unknown user → 404 `USER_NOT_FOUND`.

    Args:
        username (str):
        platform (PlatformName): A rating platform.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | RatingHistory
    """

    return sync_detailed(
        username=username,
        client=client,
        platform=platform,
    ).parsed


async def asyncio_detailed(
    username: str,
    *,
    client: AuthenticatedClient | Client,
    platform: PlatformName,
) -> Response[ErrorBody | RatingHistory]:
    """Get a user's rating history

     The rating over time on one platform: a point is recorded whenever a fetched value
    changes. Unknown user → 404 `USER_NOT_FOUND`.

    Args:
        username (str):
        platform (PlatformName): A rating platform.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | RatingHistory]
    """

    kwargs = _get_kwargs(
        username=username,
        platform=platform,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    username: str,
    *,
    client: AuthenticatedClient | Client,
    platform: PlatformName,
) -> ErrorBody | RatingHistory | None:
    """Get a user's rating history

     The rating over time on one platform: a point is recorded whenever a fetched value
    changes. Unknown user → 404 `USER_NOT_FOUND`.

    Args:
        username (str):
        platform (PlatformName): A rating platform.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | RatingHistory
    """

    return (
        await asyncio_detailed(
            username=username,
            client=client,
            platform=platform,
        )
    ).parsed
