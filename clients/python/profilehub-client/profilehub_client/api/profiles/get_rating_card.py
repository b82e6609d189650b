from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_rating_card_theme import GetRatingCardTheme
from ...types import UNSET, Response, Unset


def _get_kwargs(
    username: str,
    *,
    platforms: str | Unset = UNSET,
    theme: GetRatingCardTheme | Unset = UNSET,
    hide: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    params: dict[str, Any] = {}

    params["platforms"] = platforms

    json_theme: str | Unset = UNSET
    if not isinstance(theme, Unset):
        json_theme = theme.value

    params["theme"] = json_theme

    params["hide"] = hide

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/profiles/{username}/card.svg".format(
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
    platforms: str | Unset = UNSET,
    theme: GetRatingCardTheme | Unset = UNSET,
    hide: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | str]:
    """Get a rating card

     `username`'s ratings as an embeddable SVG (`image/svg+xml`): one tile per platform
    of `platforms` (default: all four, in that order) that has a rating, in the `theme`
    `light` (default) or `dark`, without what `hide` names (`name`, `badge`,
    `contests`). Self-contained: no remote fonts, styles or images. Unknown user → 404
    with a "not found" card; no rating to show → a "no ratings yet" card. Unknown
    platform, theme or `hide` item → 400 `BAD_REQUEST`. Errors are cards too (the code
    and message drawn), so an embedding page never shows a broken image.

    Args:
        username (str):
        platforms (str | Unset):
        theme (GetRatingCardTheme | Unset):
        hide (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | str]
    """

    kwargs = _get_kwargs(
        username=username,
        platforms=platforms,
        theme=theme,
        hide=hide,
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
    platforms: str | Unset = UNSET,
    theme: GetRatingCardTheme | Unset = UNSET,
    hide: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | str | None:
    """Get a rating card

     `username`'s ratings as an embeddable SVG (`image/svg+xml`): one tile per platform
    of `platforms` (default: all four, in that order) that has a rating, in the `theme`
    `light` (default) or `dark`, without what `hide` names (`name`, `badge`,
    `contests`). Self-contained: no remote fonts, styles or images. Unknown user → 404
    with a "not found" card; no rating to show → a "no ratings yet" card. Unknown
    platform, theme or `hide` item → 400 `BAD_REQUEST`. Errors are cards too (the code
    and message drawn), so an embedding page never shows a broken image.

    Args:
        username (str):
        platforms (str | Unset):
        theme (GetRatingCardTheme | Unset):
        hide (str | Unset):
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
        platforms=platforms,
        theme=theme,
        hide=hide,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    username: str,
    *,
    client: AuthenticatedClient | Client,
    platforms: str | Unset = UNSET,
    theme: GetRatingCardTheme | Unset = UNSET,
    hide: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | str]:
    """Get a rating card

     `username`'s ratings as an embeddable SVG (`image/svg+xml`): one tile per platform
    of `platforms` (default: all four, in that order) that has a rating, in the `theme`
    `light` (default) or `dark`, without what `hide` names (`name`, `badge`,
    `contests`). Self-contained: no remote fonts, styles or images. Unknown user → 404
    with a "not found" card; no rating to show → a "no ratings yet" card. Unknown
    platform, theme or `hide` item → 400 `BAD_REQUEST`. Errors are cards too (the code
    and message drawn), so an embedding page never shows a broken image.

    Args:
        username (str):
        platforms (str | Unset):
        theme (GetRatingCardTheme | Unset):
        hide (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | str]
    """

    kwargs = _get_kwargs(
        username=username,
        platforms=platforms,
        theme=theme,
        hide=hide,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    username: str,
    *,
    client: AuthenticatedClient | Client,
    platforms: str | Unset = UNSET,
    theme: GetRatingCardTheme | Unset = UNSET,
    hide: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | str | None:
    """Get a rating card

     `username`'s ratings as an embeddable SVG (`image/svg+xml`): one tile per platform
    of `platforms` (default: all four, in that order) that has a rating, in the `theme`
    `light` (default) or `dark`, without what `hide` names (`name`, `badge`,
    `contests`). Self-contained: no remote fonts, styles or images. Unknown user → 404
    with a "not found" card; no rating to show → a "no ratings yet" card. Unknown
    platform, theme or `hide` item → 400 `BAD_REQUEST`. Errors are cards too (the code
    and message drawn), so an embedding page never shows a broken image.

    Args:
        username (str):
        platforms (str | Unset):
        theme (GetRatingCardTheme | Unset):
        hide (str | Unset):
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
            platforms=platforms,
            theme=theme,
            hide=hide,
            if_none_match=if_none_match,
        )
    ).parsed
