from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.public_profile import PublicProfile
from ...types import UNSET, Response, Unset


def _get_kwargs(
    username: str,
    *,
    if_none_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/profiles/{username}".format(
            username=quote(str(username), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorBody | PublicProfile | None:
    if response.status_code == 200:
        response_200 = PublicProfile.from_dict(response.json())

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
) -> Response[Any | ErrorBody | PublicProfile]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    username: str,
    *,
    client: AuthenticatedClient,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | ErrorBody | PublicProfile]:
    """Get a public profile

     A user's public profile by username (case-insensitive), with their ratings.
    `email`, `dateOfBirth` and `phoneNumber` appear only when the owner made them
    visible. Reading a profile never calls a rating platform. Anonymous answers carry an
    `ETag` (send it back in `If-None-Match` to get 304) and may be cached for a short
    time. With a bearer token (optional, but it must be valid when sent) the answer also
    says whether the caller follows the user (`followedByMe`) and the user the caller
    (`followsMe`), and is private to the caller.

    Args:
        username (str):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorBody | PublicProfile]
    """

    kwargs = _get_kwargs(
        username=username,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    username: str,
    *,
    client: AuthenticatedClient,
    if_none_match: str | Unset = UNSET,
) -> Any | ErrorBody | PublicProfile | None:
    """Get a public profile

     A user's public profile by username (case-insensitive), with their ratings.
    `email`, `dateOfBirth` and `phoneNumber` appear only when the owner made them
    visible. Reading a profile never calls a rating platform. Anonymous answers carry an
    `ETag` (send it back in `If-None-Match` to get 304) and may be cached for a short
    time. With a bearer token (optional, but it must be valid when sent) the answer also
    says whether the caller follows the user (`followedByMe`) and the user the caller
    (`followsMe`), and is private to the caller.

    Args:
        username (str):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorBody | PublicProfile
    """

    return sync_detailed(
        username=username,
        client=client,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    username: str,
    *,
    client: AuthenticatedClient,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | ErrorBody | PublicProfile]:
    """Get a public profile

     A user's public profile by username (case-insensitive), with their ratings.
    `email`, `dateOfBirth` and `phoneNumber` appear only when the owner made them
    visible. Reading a profile never calls a rating platform. Anonymous answers carry an
    `ETag` (send it back in `If-None-Match` to get 304) and may be cached for a short
    time. With a bearer token (optional, but it must be valid when sent) the answer also
    says whether the caller follows the user (`followedByMe`) and the user the caller
    (`followsMe`), and is private to the caller.

    Args:
        username (str):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorBody | PublicProfile]
    """

    kwargs = _get_kwargs(
        username=username,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    username: str,
    *,
    client: AuthenticatedClient,
    if_none_match: str | Unset = UNSET,
) -> Any | ErrorBody | PublicProfile | None:
    """Get a public profile

     A user's public profile by username (case-insensitive), with their ratings.
    `email`, `dateOfBirth` and `phoneNumber` appear only when the owner made them
    visible. Reading a profile never calls a rating platform. Anonymous answers carry an
    `ETag` (send it back in `If-None-Match` to get 304) and may be cached for a short
    time. With a bearer token (optional, but it must be valid when sent) the answer also
    says whether the caller follows the user (`followedByMe`) and the user the caller
    (`followsMe`), and is private to the caller.

    Args:
        username (str):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorBody | PublicProfile
    """

    return (
        await asyncio_detailed(
            username=username,
            client=client,
            if_none_match=if_none_match,
        )
    ).parsed
