from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.list_item_page import ListItemPage
from ...models.list_name import ListName
from ...types import UNSET, Response, Unset


def _get_kwargs(
    username: str,
    list_: ListName,
    *,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/profiles/{username}/lists/{list_}".format(
            username=quote(str(username), safe=""),
            list_=quote(str(list_), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | ListItemPage | None:
    if response.status_code == 200:
        response_200 = ListItemPage.from_dict(response.json())

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
) -> Response[ErrorBody | ListItemPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    username: str,
    list_: ListName,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> Response[ErrorBody | ListItemPage]:
    """List the items of a profile's list

     `username`'s `list`, newest first, one page at a time (`limit`, `cursor`). Lists are
    public unless their owner set `visibility.lists` to false; then others get an empty
    page with `hidden: true` (the owner, authenticated, still sees theirs).

    Args:
        username (str):
        list_ (ListName): A profile's item lists.
        limit (int | Unset):  Default: 20.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | ListItemPage]
    """

    kwargs = _get_kwargs(
        username=username,
        list_=list_,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    username: str,
    list_: ListName,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> ErrorBody | ListItemPage | None:
    """List the items of a profile's list

     `username`'s `list`, newest first, one page at a time (`limit`, `cursor`). Lists are
    public unless their owner set `visibility.lists` to false; then others get an empty
    page with `hidden: true` (the owner, authenticated, still sees theirs).

    Args:
        username (str):
        list_ (ListName): A profile's item lists.
        limit (int | Unset):  Default: 20.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | ListItemPage
    """

    return sync_detailed(
        username=username,
        list_=list_,
        client=client,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    username: str,
    list_: ListName,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> Response[ErrorBody | ListItemPage]:
    """List the items of a profile's list

     `username`'s `list`, newest first, one page at a time (`limit`, `cursor`). Lists are
    public unless their owner set `visibility.lists` to false; then others get an empty
    page with `hidden: true` (the owner, authenticated, still sees theirs).

    Args:
        username (str):
        list_ (ListName): A profile's item lists.
        limit (int | Unset):  Default: 20.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | ListItemPage]
    """

    kwargs = _get_kwargs(
        username=username,
        list_=list_,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    username: str,
    list_: ListName,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> ErrorBody | ListItemPage | None:
    """List the items of a profile's list

     `username`'s `list`, newest first, one page at a time (`limit`, `cursor`). Lists are
    public unless their owner set `visibility.lists` to false; then others get an empty
    page with `hidden: true` (the owner, authenticated, still sees theirs).

    Args:
        username (str):
        list_ (ListName): A profile's item lists.
        limit (int | Unset):  Default: 20.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | ListItemPage
    """

    return (
        await asyncio_detailed(
            username=username,
            list_=list_,
            client=client,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
