from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.board_name import BoardName
from ...models.error_body import ErrorBody
from ...models.leaderboard_page import LeaderboardPage
from ...models.list_leaderboard_scope import ListLeaderboardScope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    board: BoardName | Unset = UNSET,
    scope: ListLeaderboardScope | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_board: str | Unset = UNSET
    if not isinstance(board, Unset):
        json_board = board.value

    params["board"] = json_board

    json_scope: str | Unset = UNSET
    if not isinstance(scope, Unset):
        json_scope = scope.value

    params["scope"] = json_scope

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/leaderboard",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | LeaderboardPage | None:
    if response.status_code == 200:
        response_200 = LeaderboardPage.from_dict(response.json())

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
) -> Response[ErrorBody | LeaderboardPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    board: BoardName | Unset = UNSET,
    scope: ListLeaderboardScope | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> Response[ErrorBody | LeaderboardPage]:
    """List a leaderboard

     Users by their rating on `board` (default `aggregate`: the profile's
    `aggregateRating`), best first, with competition ranks ("1224"). Only ratings whose
    last fetch was `ok` count; disabled accounts never appear. `scope=following`
    (with a bearer token) lists the caller and the people they follow, ranked among
    themselves. One page at a time (`limit`, `cursor`; see the API's pagination
    convention).

    Args:
        board (BoardName | Unset): A leaderboard: by the aggregate rating, or by one platform's.
        scope (ListLeaderboardScope | Unset):
        limit (int | Unset):  Default: 20.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | LeaderboardPage]
    """

    kwargs = _get_kwargs(
        board=board,
        scope=scope,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    board: BoardName | Unset = UNSET,
    scope: ListLeaderboardScope | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> ErrorBody | LeaderboardPage | None:
    """List a leaderboard

     Users by their rating on `board` (default `aggregate`: the profile's
    `aggregateRating`), best first, with competition ranks ("1224"). Only ratings whose
    last fetch was `ok` count; disabled accounts never appear. `scope=following`
    (with a bearer token) lists the caller and the people they follow, ranked among
    themselves. One page at a time (`limit`, `cursor`; see the API's pagination
    convention).

    Args:
        board (BoardName | Unset): A leaderboard: by the aggregate rating, or by one platform's.
        scope (ListLeaderboardScope | Unset):
        limit (int | Unset):  Default: 20.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | LeaderboardPage
    """

    return sync_detailed(
        client=client,
        board=board,
        scope=scope,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    board: BoardName | Unset = UNSET,
    scope: ListLeaderboardScope | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> Response[ErrorBody | LeaderboardPage]:
    """List a leaderboard

     Users by their rating on `board` (default `aggregate`: the profile's
    `aggregateRating`), best first, with competition ranks ("1224"). Only ratings whose
    last fetch was `ok` count; disabled accounts never appear. `scope=following`
    (with a bearer token) lists the caller and the people they follow, ranked among
    themselves. One page at a time (`limit`, `cursor`; see the API's pagination
    convention).

    Args:
        board (BoardName | Unset): A leaderboard: by the aggregate rating, or by one platform's.
        scope (ListLeaderboardScope | Unset):
        limit (int | Unset):  Default: 20.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | LeaderboardPage]
    """

    kwargs = _get_kwargs(
        board=board,
        scope=scope,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    board: BoardName | Unset = UNSET,
    scope: ListLeaderboardScope | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> ErrorBody | LeaderboardPage | None:
    """List a leaderboard

     Users by their rating on `board` (default `aggregate`: the profile's
    `aggregateRating`), best first, with competition ranks ("1224"). Only ratings whose
    last fetch was `ok` count; disabled accounts never appear. `scope=following`
    (with a bearer token) lists the caller and the people they follow, ranked among
    themselves. One page at a time (`limit`, `cursor`; see the API's pagination
    convention).

    Args:
        board (BoardName | Unset): A leaderboard: by the aggregate rating, or by one platform's.
        scope (ListLeaderboardScope | Unset):
        limit (int | Unset):  Default: 20.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | LeaderboardPage
    """

    return (
        await asyncio_detailed(
            client=client,
            board=board,
            scope=scope,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
