from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.forgot_password_request import ForgotPasswordRequest
from ...models.notice import Notice
from ...types import Response


def _get_kwargs(
    *,
    body: ForgotPasswordRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/auth/password/forgot",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorBody | Notice | None:
    if response.status_code == 202:
        response_202 = Notice.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorBody | Notice]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ForgotPasswordRequest,
) -> Response[ErrorBody | Notice]:
    """Ask for a password-reset code

     Mails a single-use code (and a link carrying it) to `email` when an account has
    that address, and a note that none does otherwise. The answer is always the same
    202, after the same work, so it tells nobody whether the address is registered.
    Limited per address and per client for every address alike (429 `RATE_LIMITED`
    with `Retry-After`). The code works once, for 15 minutes by default, for at most 5
    wrong tries; a newer one cancels older ones.

    Args:
        body (ForgotPasswordRequest): Who forgot their password.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | Notice]
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
    body: ForgotPasswordRequest,
) -> ErrorBody | Notice | None:
    """Ask for a password-reset code

     Mails a single-use code (and a link carrying it) to `email` when an account has
    that address, and a note that none does otherwise. The answer is always the same
    202, after the same work, so it tells nobody whether the address is registered.
    Limited per address and per client for every address alike (429 `RATE_LIMITED`
    with `Retry-After`). The code works once, for 15 minutes by default, for at most 5
    wrong tries; a newer one cancels older ones.

    Args:
        body (ForgotPasswordRequest): Who forgot their password.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | Notice
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ForgotPasswordRequest,
) -> Response[ErrorBody | Notice]:
    """Ask for a password-reset code

     Mails a single-use code (and a link carrying it) to `email` when an account has
    that address, and a note that none does otherwise. The answer is always the same
    202, after the same work, so it tells nobody whether the address is registered.
    Limited per address and per client for every address alike (429 `RATE_LIMITED`
    with `Retry-After`). The code works once, for 15 minutes by default, for at most 5
    wrong tries; a newer one cancels older ones.

    Args:
        body (ForgotPasswordRequest): Who forgot their password.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | Notice]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ForgotPasswordRequest,
) -> ErrorBody | Notice | None:
    """Ask for a password-reset code

     Mails a single-use code (and a link carrying it) to `email` when an account has
    that address, and a note that none does otherwise. The answer is always the same
    202, after the same work, so it tells nobody whether the address is registered.
    Limited per address and per client for every address alike (429 `RATE_LIMITED`
    with `Retry-After`). The code works once, for 15 minutes by default, for at most 5
    wrong tries; a newer one cancels older ones.

    Args:
        body (ForgotPasswordRequest): Who forgot their password.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | Notice
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
