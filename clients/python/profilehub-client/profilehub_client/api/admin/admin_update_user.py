from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.admin_user import AdminUser
from ...models.admin_user_update import AdminUserUpdate
from ...models.error_body import ErrorBody
from ...types import Response


def _get_kwargs(
    user_id: UUID,
    *,
    body: AdminUserUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/admin/users/{user_id}".format(
            user_id=quote(str(user_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AdminUser | ErrorBody | None:
    if response.status_code == 200:
        response_200 = AdminUser.from_dict(response.json())

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
) -> Response[AdminUser | ErrorBody]:
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
    body: AdminUserUpdate,
) -> Response[AdminUser | ErrorBody]:
    """Update an account

     Sets `enabled`, `emailVerified`, `role`, `requiredActions`, merges `attributes`
    (a name set to `null` is removed) and applies `profile` changes — all or nothing:
    every problem is reported at once (422 `VALIDATION_FAILED`), unknown fields are
    refused, and a refused update changes nothing. Demoting or disabling the last
    enabled administrator is refused with 409 `LAST_ADMIN`. Disabling ends every
    session of the account at once. Recorded in the audit log.

    Args:
        user_id (UUID):
        body (AdminUserUpdate): An administrator's change to an account: absent fields are left
            alone. Unknown fields
            are refused with 422 and nothing changes.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminUser | ErrorBody]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    user_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AdminUserUpdate,
) -> AdminUser | ErrorBody | None:
    """Update an account

     Sets `enabled`, `emailVerified`, `role`, `requiredActions`, merges `attributes`
    (a name set to `null` is removed) and applies `profile` changes — all or nothing:
    every problem is reported at once (422 `VALIDATION_FAILED`), unknown fields are
    refused, and a refused update changes nothing. Demoting or disabling the last
    enabled administrator is refused with 409 `LAST_ADMIN`. Disabling ends every
    session of the account at once. Recorded in the audit log.

    Args:
        user_id (UUID):
        body (AdminUserUpdate): An administrator's change to an account: absent fields are left
            alone. Unknown fields
            are refused with 422 and nothing changes.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminUser | ErrorBody
    """

    return sync_detailed(
        user_id=user_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    user_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AdminUserUpdate,
) -> Response[AdminUser | ErrorBody]:
    """Update an account

     Sets `enabled`, `emailVerified`, `role`, `requiredActions`, merges `attributes`
    (a name set to `null` is removed) and applies `profile` changes — all or nothing:
    every problem is reported at once (422 `VALIDATION_FAILED`), unknown fields are
    refused, and a refused update changes nothing. Demoting or disabling the last
    enabled administrator is refused with 409 `LAST_ADMIN`. Disabling ends every
    session of the account at once. Recorded in the audit log.

    Args:
        user_id (UUID):
        body (AdminUserUpdate): An administrator's change to an account: absent fields are left
            alone. Unknown fields
            are refused with 422 and nothing changes.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminUser | ErrorBody]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    user_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AdminUserUpdate,
) -> AdminUser | ErrorBody | None:
    """Update an account

     Sets `enabled`, `emailVerified`, `role`, `requiredActions`, merges `attributes`
    (a name set to `null` is removed) and applies `profile` changes — all or nothing:
    every problem is reported at once (422 `VALIDATION_FAILED`), unknown fields are
    refused, and a refused update changes nothing. Demoting or disabling the last
    enabled administrator is refused with 409 `LAST_ADMIN`. Disabling ends every
    session of the account at once. Recorded in the audit log.

    Args:
        user_id (UUID):
        body (AdminUserUpdate): An administrator's change to an account: absent fields are left
            alone. Unknown fields
            are refused with 422 and nothing changes.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminUser | ErrorBody
    """

    return (
        await asyncio_detailed(
            user_id=user_id,
            client=client,
            body=body,
        )
    ).parsed
