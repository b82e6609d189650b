from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.list_name import ListName
from ...types import Response


def _get_kwargs(
    list_: ListName,
    item: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/users/me/lists/{list_}/items/{item}".format(
            list_=quote(str(list_), safe=""),
            item=quote(str(item), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ErrorBody | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorBody.from_dict(response.json())

        return response_403

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | ErrorBody]:
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
) -> Response[Any | ErrorBody]:
    """Remove an item from one of my lists

     Idempotent: removing an item that is not there is fine.

    Args:
        list_ (ListName): A profile's item lists.
        item (str):  Example: igdb:1942.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorBody]
    """

    kwargs = _get_kwargs(
        list_=list_,
        item=item,
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
) -> Any | ErrorBody | None:
    """Remove an item from one of my lists

     Idempotent: removing an item that is not there is fine.

    Args:
        list_ (ListName): A profile's item lists.
        item (str):  Example: igdb:1942.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorBody
    """

    return sync_detailed(
        list_=list_,
        item=item,
        client=client,
    ).parsed


async def asyncio_detailed(
    list_: ListName,
    item: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | ErrorBody]:
    """Remove an item from one of my lists

     Idempotent: removing an item that is not there is fine.

    Args:
        list_ (ListName): A profile's item lists.
        item (str):  Example: igdb:1942.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorBody]
    """

    kwargs = _get_kwargs(
        list_=list_,
        item=item,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    list_: ListName,
    item: str,
    *,
    client: AuthenticatedClient,
) -> Any | ErrorBody | None:
    """Remove an item from one of my lists

     Idempotent: removing an item that is not there is fine.

    Args:
        list_ (ListName): A profile's item lists.
        item (str):  Example: igdb:1942.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorBody
    """

    return (
        await asyncio_detailed(
            list_=list_,
            item=item,
            client=client,
        )
    ).parsed
