from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.list_item_request import ListItemRequest
from ...models.list_item_view import ListItemView
from ...models.list_name import ListName
from ...types import Response


def _get_kwargs(
    list_: ListName,
    item: str,
    *,
    body: ListItemRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/users/me/lists/{list_}/items/{item}".format(
            list_=quote(str(list_), safe=""),
            item=quote(str(item), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | ListItemView | None:
    if response.status_code == 200:
        response_200 = ListItemView.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = ErrorBody.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ErrorBody.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ErrorBody.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = ErrorBody.from_dict(response.json())

        return response_422

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
) -> Response[ErrorBody | ListItemView]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    list_: ListName,
    item: str,
    *,
    client: AuthenticatedClient,
    body: ListItemRequest,
) -> Response[ErrorBody | ListItemView]:
    """Add an item to one of my lists

     Adds `item` (`source:externalId`, e.g. `igdb:1942`; the source 1–32 characters of
    `a-z0-9_-` starting with a letter, the id 1–128 of letters, digits and `-._~`) with
    its `name` to the caller's `list`. Idempotent: adding it again keeps one item and
    updates its name. A full list → 409 `LIST_FULL`.

    Args:
        list_ (ListName): A profile's item lists.
        item (str):  Example: igdb:1942.
        body (ListItemRequest): An item's display name.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | ListItemView]
    """

    kwargs = _get_kwargs(
        list_=list_,
        item=item,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    list_: ListName,
    item: str,
    *,
    client: AuthenticatedClient,
    body: ListItemRequest,
) -> ErrorBody | ListItemView | None:
    """Add an item to one of my lists

     Adds `item` (`source:externalId`, e.g. `igdb:1942`; the source 1–32 characters of
    `a-z0-9_-` starting with a letter, the id 1–128 of letters, digits and `-._~`) with
    its `name` to the caller's `list`. Idempotent: adding it again keeps one item and
    updates its name. A full list → 409 `LIST_FULL`.

    Args:
        list_ (ListName): A profile's item lists.
        item (str):  Example: igdb:1942.
        body (ListItemRequest): An item's display name.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | ListItemView
    """

    return sync_detailed(
        list_=list_,
        item=item,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    list_: ListName,
    item: str,
    *,
    client: AuthenticatedClient,
    body: ListItemRequest,
) -> Response[ErrorBody | ListItemView]:
    """Add an item to one of my lists

     Adds `item` (`source:externalId`, e.g. `igdb:1942`; the source 1–32 characters of
    `a-z0-9_-` starting with a letter, the id 1–128 of letters, digits and `-._~`) with
    its `name` to the caller's `list`. Idempotent: adding it again keeps one item and
    updates its name. A full list → 409 `LIST_FULL`.

    Args:
        list_ (ListName): A profile's item lists.
        item (str):  Example: igdb:1942.
        body (ListItemRequest): An item's display name.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | ListItemView]
    """

    kwargs = _get_kwargs(
        list_=list_,
        item=item,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    list_: ListName,
    item: str,
    *,
    client: AuthenticatedClient,
    body: ListItemRequest,
) -> ErrorBody | ListItemView | None:
    """Add an item to one of my lists

     Adds `item` (`source:externalId`, e.g. `igdb:1942`; the source 1–32 characters of
    `a-z0-9_-` starting with a letter, the id 1–128 of letters, digits and `-._~`) with
    its `name` to the caller's `list`. Idempotent: adding it again keeps one item and
    updates its name. A full list → 409 `LIST_FULL`.

    Args:
        list_ (ListName): A profile's item lists.
        item (str):  Example: igdb:1942.
        body (ListItemRequest): An item's display name.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | ListItemView
    """

    return (
        await asyncio_detailed(
            list_=list_,
            item=item,
            client=client,
            body=body,
        )
    ).parsed
