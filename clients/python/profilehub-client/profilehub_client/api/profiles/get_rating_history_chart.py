from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_rating_history_chart_theme import GetRatingHistoryChartTheme
from ...models.platform_name import PlatformName
from ...types import UNSET, Response, Unset


def _get_kwargs(
    username: str,
    *,
    platform: PlatformName | Unset = UNSET,
    theme: GetRatingHistoryChartTheme | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    params: dict[str, Any] = {}

    json_platform: str | Unset = UNSET
    if not isinstance(platform, Unset):
        json_platform = platform.value

    params["platform"] = json_platform

    json_theme: str | Unset = UNSET
    if not isinstance(theme, Unset):
        json_theme = theme.value

    params["theme"] = json_theme

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/profiles/{username}/ratings/history.svg".format(
            username=quote(str(username), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | str | None:
    if response.status_code == 200:
        response_200 = cast(str, response.content)
        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

    if response.status_code == 400:
        response_400 = cast(str, response.content)
        return response_400

    if response.status_code == 404:
        response_404 = cast(str, response.content)
        return response_404

    if response.status_code == 500:
        response_500 = cast(str, response.content)
        return response_500

    if response.status_code == 503:
        response_503 = cast(str, response.content)
        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | str]:
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
    platform: PlatformName | Unset = UNSET,
    theme: GetRatingHistoryChartTheme | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | str]:
    """Get a rating history chart

     `username`'s rating on `platform` over their rated contests, drawn as an
    embeddable SVG line chart (`image/svg+xml`) with a labelled rating axis and date
    axis (UTC): one point per contest, the latest 1,000 at most. Without `platform`, the
    first of `codechef`, `leetcode`, `codeforces`, `atcoder` the user has a rating on.
    `theme` is `light` (default) or `dark`. Self-contained like the rating card, with the
    same headers. Unknown user → 404 with a "not found" card; no contest yet → a "no
    contests yet" card; unknown platform or theme → 400 `BAD_REQUEST` (as a card).

    Args:
        username (str):
        platform (PlatformName | Unset): A rating platform.
        theme (GetRatingHistoryChartTheme | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | str]
    """

    kwargs = _get_kwargs(
        username=username,
        platform=platform,
        theme=theme,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    username: str,
    *,
    client: AuthenticatedClient | Client,
    platform: PlatformName | Unset = UNSET,
    theme: GetRatingHistoryChartTheme | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | str | None:
    """Get a rating history chart

     `username`'s rating on `platform` over their rated contests, drawn as an
    embeddable SVG line chart (`image/svg+xml`) with a labelled rating axis and date
    axis (UTC): one point per contest, the latest 1,000 at most. Without `platform`, the
    first of `codechef`, `leetcode`, `codeforces`, `atcoder` the user has a rating on.
    `theme` is `light` (default) or `dark`. Self-contained like the rating card, with the
    same headers. Unknown user → 404 with a "not found" card; no contest yet → a "no
    contests yet" card; unknown platform or theme → 400 `BAD_REQUEST` (as a card).

    Args:
        username (str):
        platform (PlatformName | Unset): A rating platform.
        theme (GetRatingHistoryChartTheme | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | str
    """

    return sync_detailed(
        username=username,
        client=client,
        platform=platform,
        theme=theme,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    username: str,
    *,
    client: AuthenticatedClient | Client,
    platform: PlatformName | Unset = UNSET,
    theme: GetRatingHistoryChartTheme | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | str]:
    """Get a rating history chart

     `username`'s rating on `platform` over their rated contests, drawn as an
    embeddable SVG line chart (`image/svg+xml`) with a labelled rating axis and date
    axis (UTC): one point per contest, the latest 1,000 at most. Without `platform`, the
    first of `codechef`, `leetcode`, `codeforces`, `atcoder` the user has a rating on.
    `theme` is `light` (default) or `dark`. Self-contained like the rating card, with the
    same headers. Unknown user → 404 with a "not found" card; no contest yet → a "no
    contests yet" card; unknown platform or theme → 400 `BAD_REQUEST` (as a card).

    Args:
        username (str):
        platform (PlatformName | Unset): A rating platform.
        theme (GetRatingHistoryChartTheme | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | str]
    """

    kwargs = _get_kwargs(
        username=username,
        platform=platform,
        theme=theme,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    username: str,
    *,
    client: AuthenticatedClient | Client,
    platform: PlatformName | Unset = UNSET,
    theme: GetRatingHistoryChartTheme | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | str | None:
    """Get a rating history chart

     `username`'s rating on `platform` over their rated contests, drawn as an
    embeddable SVG line chart (`image/svg+xml`) with a labelled rating axis and date
    axis (UTC): one point per contest, the latest 1,000 at most. Without `platform`, the
    first of `codechef`, `leetcode`, `codeforces`, `atcoder` the user has a rating on.
    `theme` is `light` (default) or `dark`. Self-contained like the rating card, with the
    same headers. Unknown user → 404 with a "not found" card; no contest yet → a "no
    contests yet" card; unknown platform or theme → 400 `BAD_REQUEST` (as a card).

    Args:
        username (str):
        platform (PlatformName | Unset): A rating platform.
        theme (GetRatingHistoryChartTheme | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | str
    """

    return (
        await asyncio_detailed(
            username=username,
            client=client,
            platform=platform,
            theme=theme,
            if_none_match=if_none_match,
        )
    ).parsed
