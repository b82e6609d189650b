from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.verification_mail import VerificationMail
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/users/me/email/verification",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | VerificationMail | None:
    if response.status_code == 202:
        response_202 = VerificationMail.from_dict(response.json())

        return response_202

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorBody.from_dict(response.json())

        return response_403

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
) -> Response[ErrorBody | VerificationMail]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[ErrorBody | VerificationMail]:
    """Send me an email-verification code

     Mails a single-use code (and a link carrying it) to the account's current address;
    `POST /v1/auth/email/verify` redeems it. `sent` is `false` when the address is
    verified already. At most one mail a minute (429 `RATE_LIMITED` with
    `Retry-After`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | VerificationMail]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> ErrorBody | VerificationMail | None:
    """Send me an email-verification code

     Mails a single-use code (and a link carrying it) to the account's current address;
    `POST /v1/auth/email/verify` redeems it. `sent` is `false` when the address is
    verified already. At most one mail a minute (429 `RATE_LIMITED` with
    `Retry-After`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | VerificationMail
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[ErrorBody | VerificationMail]:
    """Send me an email-verification code

     Mails a single-use code (and a link carrying it) to the account's current address;
    `POST /v1/auth/email/verify` redeems it. `sent` is `false` when the address is
    verified already. At most one mail a minute (429 `RATE_LIMITED` with
    `Retry-After`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | VerificationMail]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> ErrorBody | VerificationMail | None:
    """Send me an email-verification code

     Mails a single-use code (and a link carrying it) to the account's current address;
    `POST /v1/auth/email/verify` redeems it. `sent` is `false` when the address is
    verified already. At most one mail a minute (429 `RATE_LIMITED` with
    `Retry-After`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | VerificationMail
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
