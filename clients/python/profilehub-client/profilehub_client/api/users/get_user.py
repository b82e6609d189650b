from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.user_view_public_profile import UserViewPublicProfile
from ...models.user_view_self_user import UserViewSelfUser
from ...types import UNSET, Response, Unset


def _get_kwargs(
    user_id: UUID,
    *,
    if_none_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/users/{user_id}".format(
            user_id=quote(str(user_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorBody | UserViewPublicProfile | UserViewSelfUser | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> UserViewPublicProfile | UserViewSelfUser:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_user_view_type_0 = UserViewSelfUser.from_dict(data)

                return componentsschemas_user_view_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_user_view_type_1 = UserViewPublicProfile.from_dict(data)

            return componentsschemas_user_view_type_1

        response_200 = _parse_response_200(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

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
) -> Response[Any | ErrorBody | UserViewPublicProfile | UserViewSelfUser]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    user_id: UUID,
    *,
    client: AuthenticatedClient,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | ErrorBody | UserViewPublicProfile | UserViewSelfUser]:
    """Get a user by id

     The public profile, or — when the bearer token belongs to that user — the full
    account (`view` tells which). Authentication is optional, but a token that is sent
    must be valid. A malformed id gives 422 `MALFORMED_ID`. Public views carry an `ETag`
    (send it back in `If-None-Match` to get 304) and may be cached for a short time.

    Args:
        user_id (UUID):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorBody | UserViewPublicProfile | UserViewSelfUser]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    user_id: UUID,
    *,
    client: AuthenticatedClient,
    if_none_match: str | Unset = UNSET,
) -> Any | ErrorBody | UserViewPublicProfile | UserViewSelfUser | None:
    """Get a user by id

     The public profile, or — when the bearer token belongs to that user — the full
    account (`view` tells which). Authentication is optional, but a token that is sent
    must be valid. A malformed id gives 422 `MALFORMED_ID`. Public views carry an `ETag`
    (send it back in `If-None-Match` to get 304) and may be cached for a short time.

    Args:
        user_id (UUID):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorBody | UserViewPublicProfile | UserViewSelfUser
    """

    return sync_detailed(
        user_id=user_id,
        client=client,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    user_id: UUID,
    *,
    client: AuthenticatedClient,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | ErrorBody | UserViewPublicProfile | UserViewSelfUser]:
    """Get a user by id

     The public profile, or — when the bearer token belongs to that user — the full
    account (`view` tells which). Authentication is optional, but a token that is sent
    must be valid. A malformed id gives 422 `MALFORMED_ID`. Public views carry an `ETag`
    (send it back in `If-None-Match` to get 304) and may be cached for a short time.

    Args:
        user_id (UUID):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorBody | UserViewPublicProfile | UserViewSelfUser]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    user_id: UUID,
    *,
    client: AuthenticatedClient,
    if_none_match: str | Unset = UNSET,
) -> Any | ErrorBody | UserViewPublicProfile | UserViewSelfUser | None:
    """Get a user by id

     The public profile, or — when the bearer token belongs to that user — the full
    account (`view` tells which). Authentication is optional, but a token that is sent
    must be valid. A malformed id gives 422 `MALFORMED_ID`. Public views carry an `ETag`
    (send it back in `If-None-Match` to get 304) and may be cached for a short time.

    Args:
        user_id (UUID):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorBody | UserViewPublicProfile | UserViewSelfUser
    """

    return (
        await asyncio_detailed(
            user_id=user_id,
            client=client,
            if_none_match=if_none_match,
        )
    ).parsed
