from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.contest_history_page import ContestHistoryPage
from ...models.error_body import ErrorBody
from ...models.platform_name import PlatformName
from ...types import UNSET, Response, Unset


def _get_kwargs(
    username: str,
    *,
    platform: PlatformName,
    from_: int | Unset = UNSET,
    to: int | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_platform = platform.value
    params["platform"] = json_platform

    params["from"] = from_

    params["to"] = to

    params["limit"] = limit

    params["cursor"] = cursor

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
) -> ContestHistoryPage | ErrorBody | None:
    if response.status_code == 200:
        response_200 = ContestHistoryPage.from_dict(response.json())

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
) -> Response[ContestHistoryPage | ErrorBody]:
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
    from_: int | Unset = UNSET,
    to: int | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> Response[ContestHistoryPage | ErrorBody]:
    """Get a user's contest history

     The rated contests of `username` on `platform`, newest first, one page at a time
    (`limit`, `cursor`; see the API's pagination convention): each with the platform's
    contest id and name, its time, the user's place and the rating before and after.
    `from` and `to` (epoch ms, inclusive) narrow it to a time window. The series is the
    platform's own, refreshed with the handle's rating; a user without a handle on the
    platform has an empty history. Unknown user → 404 `USER_NOT_FOUND`.

    Args:
        username (str):
        platform (PlatformName): A rating platform.
        from_ (int | Unset):
        to (int | Unset):
        limit (int | Unset):  Default: 20.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ContestHistoryPage | ErrorBody]
    """

    kwargs = _get_kwargs(
        username=username,
        platform=platform,
        from_=from_,
        to=to,
        limit=limit,
        cursor=cursor,
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
    from_: int | Unset = UNSET,
    to: int | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> ContestHistoryPage | ErrorBody | None:
    """Get a user's contest history

     The rated contests of `username` on `platform`, newest first, one page at a time
    (`limit`, `cursor`; see the API's pagination convention): each with the platform's
    contest id and name, its time, the user's place and the rating before and after.
    `from` and `to` (epoch ms, inclusive) narrow it to a time window. The series is the
    platform's own, refreshed with the handle's rating; a user without a handle on the
    platform has an empty history. Unknown user → 404 `USER_NOT_FOUND`.

    Args:
        username (str):
        platform (PlatformName): A rating platform.
        from_ (int | Unset):
        to (int | Unset):
        limit (int | Unset):  Default: 20.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ContestHistoryPage | ErrorBody
    """

    return sync_detailed(
        username=username,
        client=client,
        platform=platform,
        from_=from_,
        to=to,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    username: str,
    *,
    client: AuthenticatedClient | Client,
    platform: PlatformName,
    from_: int | Unset = UNSET,
    to: int | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> Response[ContestHistoryPage | ErrorBody]:
    """Get a user's contest history

     The rated contests of `username` on `platform`, newest first, one page at a time
    (`limit`, `cursor`; see the API's pagination convention): each with the platform's
    contest id and name, its time, the user's place and the rating before and after.
    `from` and `to` (epoch ms, inclusive) narrow it to a time window. The series is the
    platform's own, refreshed with the handle's rating; a user without a handle on the
    platform has an empty history. Unknown user → 404 `USER_NOT_FOUND`.

    Args:
        username (str):
        platform (PlatformName): A rating platform.
        from_ (int | Unset):
        to (int | Unset):
        limit (int | Unset):  Default: 20.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ContestHistoryPage | ErrorBody]
    """

    kwargs = _get_kwargs(
        username=username,
        platform=platform,
        from_=from_,
        to=to,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    username: str,
    *,
    client: AuthenticatedClient | Client,
    platform: PlatformName,
    from_: int | Unset = UNSET,
    to: int | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> ContestHistoryPage | ErrorBody | None:
    """Get a user's contest history

     The rated contests of `username` on `platform`, newest first, one page at a time
    (`limit`, `cursor`; see the API's pagination convention): each with the platform's
    contest id and name, its time, the user's place and the rating before and after.
    `from` and `to` (epoch ms, inclusive) narrow it to a time window. The series is the
    platform's own, refreshed with the handle's rating; a user without a handle on the
    platform has an empty history. Unknown user → 404 `USER_NOT_FOUND`.

    Args:
        username (str):
        platform (PlatformName): A rating platform.
        from_ (int | Unset):
        to (int | Unset):
        limit (int | Unset):  Default: 20.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ContestHistoryPage | ErrorBody
    """

    return (
        await asyncio_detailed(
            username=username,
            client=client,
            platform=platform,
            from_=from_,
            to=to,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
