from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.digitomize_error import DigitomizeError
from ...models.digitomize_leaderboard import DigitomizeLeaderboard
from ...models.digitomize_position import DigitomizePosition
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: str | Unset = UNSET,
    platform: str | Unset = UNSET,
    username: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["platform"] = platform

    params["username"] = username

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/user/leaderboard",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DigitomizeError | DigitomizeLeaderboard | DigitomizePosition | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> DigitomizeLeaderboard | DigitomizePosition:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_digitomize_leaderboard_body_type_0 = DigitomizeLeaderboard.from_dict(data)

                return componentsschemas_digitomize_leaderboard_body_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_digitomize_leaderboard_body_type_1 = DigitomizePosition.from_dict(data)

            return componentsschemas_digitomize_leaderboard_body_type_1

        response_200 = _parse_response_200(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = DigitomizeError.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = DigitomizeError.from_dict(response.json())

        return response_404

    if response.status_code == 500:
        response_500 = DigitomizeError.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = DigitomizeError.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DigitomizeError | DigitomizeLeaderboard | DigitomizePosition]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: str | Unset = UNSET,
    platform: str | Unset = UNSET,
    username: str | Unset = UNSET,
) -> Response[DigitomizeError | DigitomizeLeaderboard | DigitomizePosition]:
    """Get Digitomize's leaderboard

     Digitomize's `GET /user/leaderboard`, in its shape: `top3`, then five rows per
    `page` (from 1), by the aggregate rating or, with `platform`, by that platform's
    (codechef, leetcode or codeforces), rating descending and ties by username. With
    `username`, that user's `user_position` (their rank on the whole board) and
    ratings instead. Unknown platform or page → 400 `{"message","error"}`.

    Args:
        page (str | Unset):
        platform (str | Unset):
        username (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DigitomizeError | DigitomizeLeaderboard | DigitomizePosition]
    """

    kwargs = _get_kwargs(
        page=page,
        platform=platform,
        username=username,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    page: str | Unset = UNSET,
    platform: str | Unset = UNSET,
    username: str | Unset = UNSET,
) -> DigitomizeError | DigitomizeLeaderboard | DigitomizePosition | None:
    """Get Digitomize's leaderboard

     Digitomize's `GET /user/leaderboard`, in its shape: `top3`, then five rows per
    `page` (from 1), by the aggregate rating or, with `platform`, by that platform's
    (codechef, leetcode or codeforces), rating descending and ties by username. With
    `username`, that user's `user_position` (their rank on the whole board) and
    ratings instead. Unknown platform or page → 400 `{"message","error"}`.

    Args:
        page (str | Unset):
        platform (str | Unset):
        username (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DigitomizeError | DigitomizeLeaderboard | DigitomizePosition
    """

    return sync_detailed(
        client=client,
        page=page,
        platform=platform,
        username=username,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: str | Unset = UNSET,
    platform: str | Unset = UNSET,
    username: str | Unset = UNSET,
) -> Response[DigitomizeError | DigitomizeLeaderboard | DigitomizePosition]:
    """Get Digitomize's leaderboard

     Digitomize's `GET /user/leaderboard`, in its shape: `top3`, then five rows per
    `page` (from 1), by the aggregate rating or, with `platform`, by that platform's
    (codechef, leetcode or codeforces), rating descending and ties by username. With
    `username`, that user's `user_position` (their rank on the whole board) and
    ratings instead. Unknown platform or page → 400 `{"message","error"}`.

    Args:
        page (str | Unset):
        platform (str | Unset):
        username (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DigitomizeError | DigitomizeLeaderboard | DigitomizePosition]
    """

    kwargs = _get_kwargs(
        page=page,
        platform=platform,
        username=username,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    page: str | Unset = UNSET,
    platform: str | Unset = UNSET,
    username: str | Unset = UNSET,
) -> DigitomizeError | DigitomizeLeaderboard | DigitomizePosition | None:
    """Get Digitomize's leaderboard

     Digitomize's `GET /user/leaderboard`, in its shape: `top3`, then five rows per
    `page` (from 1), by the aggregate rating or, with `platform`, by that platform's
    (codechef, leetcode or codeforces), rating descending and ties by username. With
    `username`, that user's `user_position` (their rank on the whole board) and
    ratings instead. Unknown platform or page → 400 `{"message","error"}`.

    Args:
        page (str | Unset):
        platform (str | Unset):
        username (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DigitomizeError | DigitomizeLeaderboard | DigitomizePosition
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            platform=platform,
            username=username,
        )
    ).parsed
