from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.mark_read_request import MarkReadRequest
from ...models.mark_read_result import MarkReadResult
from ...types import Response


def _get_kwargs(
    *,
    body: MarkReadRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/user/notifications/read",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | MarkReadResult | None:
    if response.status_code == 200:
        response_200 = MarkReadResult.from_dict(response.json())

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
) -> Response[ErrorBody | MarkReadResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: MarkReadRequest,
) -> Response[ErrorBody | MarkReadResult]:
    """Mark notifications read

     Exactly one of `{"ids": [...]}`, `{"all": true}` or `{"upTo": id}` (that one and
    every older one). Only the caller's notifications change; ids that are not theirs
    change nothing and come back in `notFound`. Idempotent.

    Args:
        body (MarkReadRequest): Which notifications to mark read: exactly one of `ids`, `all` or
            `upTo`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | MarkReadResult]
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
    client: AuthenticatedClient,
    body: MarkReadRequest,
) -> ErrorBody | MarkReadResult | None:
    """Mark notifications read

     Exactly one of `{"ids": [...]}`, `{"all": true}` or `{"upTo": id}` (that one and
    every older one). Only the caller's notifications change; ids that are not theirs
    change nothing and come back in `notFound`. Idempotent.

    Args:
        body (MarkReadRequest): Which notifications to mark read: exactly one of `ids`, `all` or
            `upTo`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | MarkReadResult
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: MarkReadRequest,
) -> Response[ErrorBody | MarkReadResult]:
    """Mark notifications read

     Exactly one of `{"ids": [...]}`, `{"all": true}` or `{"upTo": id}` (that one and
    every older one). Only the caller's notifications change; ids that are not theirs
    change nothing and come back in `notFound`. Idempotent.

    Args:
        body (MarkReadRequest): Which notifications to mark read: exactly one of `ids`, `all` or
            `upTo`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | MarkReadResult]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: MarkReadRequest,
) -> ErrorBody | MarkReadResult | None:
    """Mark notifications read

     Exactly one of `{"ids": [...]}`, `{"all": true}` or `{"upTo": id}` (that one and
    every older one). Only the caller's notifications change; ids that are not theirs
    change nothing and come back in `notFound`. Idempotent.

    Args:
        body (MarkReadRequest): Which notifications to mark read: exactly one of `ids`, `all` or
            `upTo`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | MarkReadResult
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
