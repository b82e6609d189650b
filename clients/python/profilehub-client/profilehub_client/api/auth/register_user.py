from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.auth_session import AuthSession
from ...models.error_body import ErrorBody
from ...models.register_request import RegisterRequest
from ...types import Response


def _get_kwargs(
    *,
    body: RegisterRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/auth/register",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AuthSession | ErrorBody | None:
    if response.status_code == 201:
        response_201 = AuthSession.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

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

    if response.status_code == 429:
        response_429 = ErrorBody.from_dict(response.json())

        return response_429

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
) -> Response[AuthSession | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RegisterRequest,
) -> Response[AuthSession | ErrorBody]:
    """Register a new account

     Creates the account, logs it in and returns it with a token pair. Usernames and
    emails are unique case-insensitively (409 `USERNAME_TAKEN` / `EMAIL_TAKEN`); an
    unknown `referrerHandle` is refused with 422 `REFERRER_NOT_FOUND`. Registrations from
    one client are limited per hour (429 `RATE_LIMITED` with `Retry-After`).

    Args:
        body (RegisterRequest): A new account.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthSession | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: RegisterRequest,
) -> AuthSession | ErrorBody | None:
    """Register a new account

     Creates the account, logs it in and returns it with a token pair. Usernames and
    emails are unique case-insensitively (409 `USERNAME_TAKEN` / `EMAIL_TAKEN`); an
    unknown `referrerHandle` is refused with 422 `REFERRER_NOT_FOUND`. Registrations from
    one client are limited per hour (429 `RATE_LIMITED` with `Retry-After`).

    Args:
        body (RegisterRequest): A new account.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthSession | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RegisterRequest,
) -> Response[AuthSession | ErrorBody]:
    """Register a new account

     Creates the account, logs it in and returns it with a token pair. Usernames and
    emails are unique case-insensitively (409 `USERNAME_TAKEN` / `EMAIL_TAKEN`); an
    unknown `referrerHandle` is refused with 422 `REFERRER_NOT_FOUND`. Registrations from
    one client are limited per hour (429 `RATE_LIMITED` with `Retry-After`).

    Args:
        body (RegisterRequest): A new account.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthSession | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: RegisterRequest,
) -> AuthSession | ErrorBody | None:
    """Register a new account

     Creates the account, logs it in and returns it with a token pair. Usernames and
    emails are unique case-insensitively (409 `USERNAME_TAKEN` / `EMAIL_TAKEN`); an
    unknown `referrerHandle` is refused with 422 `REFERRER_NOT_FOUND`. Registrations from
    one client are limited per hour (429 `RATE_LIMITED` with `Retry-After`).

    Args:
        body (RegisterRequest): A new account.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthSession | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
