import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.role_name import RoleName
from ...models.user_count import UserCount
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    search: str | Unset = UNSET,
    username: str | Unset = UNSET,
    email: str | Unset = UNSET,
    enabled: bool | Unset = UNSET,
    email_verified: bool | Unset = UNSET,
    role: RoleName | Unset = UNSET,
    attr: list[str],
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["search"] = search

    params["username"] = username

    params["email"] = email

    params["enabled"] = enabled

    params["emailVerified"] = email_verified

    json_role: str | Unset = UNSET
    if not isinstance(role, Unset):
        json_role = role.value

    params["role"] = json_role

    json_attr = attr

    params["attr"] = json_attr

    json_created_after: str | Unset = UNSET
    if not isinstance(created_after, Unset):
        json_created_after = created_after.isoformat()
    params["createdAfter"] = json_created_after

    json_created_before: str | Unset = UNSET
    if not isinstance(created_before, Unset):
        json_created_before = created_before.isoformat()
    params["createdBefore"] = json_created_before

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/admin/users/count",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorBody | UserCount | None:
    if response.status_code == 200:
        response_200 = UserCount.from_dict(response.json())

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
) -> Response[ErrorBody | UserCount]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    search: str | Unset = UNSET,
    username: str | Unset = UNSET,
    email: str | Unset = UNSET,
    enabled: bool | Unset = UNSET,
    email_verified: bool | Unset = UNSET,
    role: RoleName | Unset = UNSET,
    attr: list[str],
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
) -> Response[ErrorBody | UserCount]:
    """Count accounts

     How many accounts `GET /v1/admin/users` would list with the same filters: the same
    filters, read by the same code, so the two always agree.

    Args:
        search (str | Unset):
        username (str | Unset):
        email (str | Unset):
        enabled (bool | Unset):
        email_verified (bool | Unset):
        role (RoleName | Unset): Account role.
        attr (list[str]):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | UserCount]
    """

    kwargs = _get_kwargs(
        search=search,
        username=username,
        email=email,
        enabled=enabled,
        email_verified=email_verified,
        role=role,
        attr=attr,
        created_after=created_after,
        created_before=created_before,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    search: str | Unset = UNSET,
    username: str | Unset = UNSET,
    email: str | Unset = UNSET,
    enabled: bool | Unset = UNSET,
    email_verified: bool | Unset = UNSET,
    role: RoleName | Unset = UNSET,
    attr: list[str],
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
) -> ErrorBody | UserCount | None:
    """Count accounts

     How many accounts `GET /v1/admin/users` would list with the same filters: the same
    filters, read by the same code, so the two always agree.

    Args:
        search (str | Unset):
        username (str | Unset):
        email (str | Unset):
        enabled (bool | Unset):
        email_verified (bool | Unset):
        role (RoleName | Unset): Account role.
        attr (list[str]):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | UserCount
    """

    return sync_detailed(
        client=client,
        search=search,
        username=username,
        email=email,
        enabled=enabled,
        email_verified=email_verified,
        role=role,
        attr=attr,
        created_after=created_after,
        created_before=created_before,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    search: str | Unset = UNSET,
    username: str | Unset = UNSET,
    email: str | Unset = UNSET,
    enabled: bool | Unset = UNSET,
    email_verified: bool | Unset = UNSET,
    role: RoleName | Unset = UNSET,
    attr: list[str],
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
) -> Response[ErrorBody | UserCount]:
    """Count accounts

     How many accounts `GET /v1/admin/users` would list with the same filters: the same
    filters, read by the same code, so the two always agree.

    Args:
        search (str | Unset):
        username (str | Unset):
        email (str | Unset):
        enabled (bool | Unset):
        email_verified (bool | Unset):
        role (RoleName | Unset): Account role.
        attr (list[str]):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | UserCount]
    """

    kwargs = _get_kwargs(
        search=search,
        username=username,
        email=email,
        enabled=enabled,
        email_verified=email_verified,
        role=role,
        attr=attr,
        created_after=created_after,
        created_before=created_before,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    search: str | Unset = UNSET,
    username: str | Unset = UNSET,
    email: str | Unset = UNSET,
    enabled: bool | Unset = UNSET,
    email_verified: bool | Unset = UNSET,
    role: RoleName | Unset = UNSET,
    attr: list[str],
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
) -> ErrorBody | UserCount | None:
    """Count accounts

     How many accounts `GET /v1/admin/users` would list with the same filters: the same
    filters, read by the same code, so the two always agree.

    Args:
        search (str | Unset):
        username (str | Unset):
        email (str | Unset):
        enabled (bool | Unset):
        email_verified (bool | Unset):
        role (RoleName | Unset): Account role.
        attr (list[str]):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | UserCount
    """

    return (
        await asyncio_detailed(
            client=client,
            search=search,
            username=username,
            email=email,
            enabled=enabled,
            email_verified=email_verified,
            role=role,
            attr=attr,
            created_after=created_after,
            created_before=created_before,
        )
    ).parsed
