from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.board_name import BoardName
from ...models.board_standing import BoardStanding
from ...models.error_body import ErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    username: str,
    *,
    board: BoardName | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_board: str | Unset = UNSET
    if not isinstance(board, Unset):
        json_board = board.value

    params["board"] = json_board

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/leaderboard/{username}".format(
            username=quote(str(username), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BoardStanding | ErrorBody | None:
    if response.status_code == 200:
        response_200 = BoardStanding.from_dict(response.json())

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
) -> Response[BoardStanding | ErrorBody]:
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
    board: BoardName | Unset = UNSET,
) -> Response[BoardStanding | ErrorBody]:
    """Get a user's standing on a leaderboard

     `username`'s rank on `board` (default `aggregate`), how many users the board
    holds, their percentile and the two users right above and below. Read from the
    board's index and rank counts, never by scanning the board. Unknown user → 404
    `USER_NOT_FOUND`; no rating on that board → 404 `NOT_RANKED`.

    Args:
        username (str):
        board (BoardName | Unset): A leaderboard: by the aggregate rating, or by one platform's.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BoardStanding | ErrorBody]
    """

    kwargs = _get_kwargs(
        username=username,
        board=board,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    username: str,
    *,
    client: AuthenticatedClient | Client,
    board: BoardName | Unset = UNSET,
) -> BoardStanding | ErrorBody | None:
    """Get a user's standing on a leaderboard

     `username`'s rank on `board` (default `aggregate`), how many users the board
    holds, their percentile and the two users right above and below. Read from the
    board's index and rank counts, never by scanning the board. Unknown user → 404
    `USER_NOT_FOUND`; no rating on that board → 404 `NOT_RANKED`.

    Args:
        username (str):
        board (BoardName | Unset): A leaderboard: by the aggregate rating, or by one platform's.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BoardStanding | ErrorBody
    """

    return sync_detailed(
        username=username,
        client=client,
        board=board,
    ).parsed


async def asyncio_detailed(
    username: str,
    *,
    client: AuthenticatedClient | Client,
    board: BoardName | Unset = UNSET,
) -> Response[BoardStanding | ErrorBody]:
    """Get a user's standing on a leaderboard

     `username`'s rank on `board` (default `aggregate`), how many users the board
    holds, their percentile and the two users right above and below. Read from the
    board's index and rank counts, never by scanning the board. Unknown user → 404
    `USER_NOT_FOUND`; no rating on that board → 404 `NOT_RANKED`.

    Args:
        username (str):
        board (BoardName | Unset): A leaderboard: by the aggregate rating, or by one platform's.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BoardStanding | ErrorBody]
    """

    kwargs = _get_kwargs(
        username=username,
        board=board,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    username: str,
    *,
    client: AuthenticatedClient | Client,
    board: BoardName | Unset = UNSET,
) -> BoardStanding | ErrorBody | None:
    """Get a user's standing on a leaderboard

     `username`'s rank on `board` (default `aggregate`), how many users the board
    holds, their percentile and the two users right above and below. Read from the
    board's index and rank counts, never by scanning the board. Unknown user → 404
    `USER_NOT_FOUND`; no rating on that board → 404 `NOT_RANKED`.

    Args:
        username (str):
        board (BoardName | Unset): A leaderboard: by the aggregate rating, or by one platform's.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BoardStanding | ErrorBody
    """

    return (
        await asyncio_detailed(
            username=username,
            client=client,
            board=board,
        )
    ).parsed
