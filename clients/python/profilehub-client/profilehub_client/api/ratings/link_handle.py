from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.linked_handle_view import LinkedHandleView
from ...models.platform_name import PlatformName
from ...models.set_handle_request import SetHandleRequest
from ...types import Response


def _get_kwargs(
    platform: PlatformName,
    *,
    body: SetHandleRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/users/me/handles/{platform}".format(
            platform=quote(str(platform), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | LinkedHandleView | None:
    if response.status_code == 200:
        response_200 = LinkedHandleView.from_dict(response.json())

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
) -> Response[ErrorBody | LinkedHandleView]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    platform: PlatformName,
    *,
    client: AuthenticatedClient,
    body: SetHandleRequest,
) -> Response[ErrorBody | LinkedHandleView]:
    """Link a platform handle

     Links (or replaces) the caller's handle on a platform. A pasted profile URL is
    reduced to the handle; a malformed handle gives 422 `VALIDATION_FAILED`. A new handle
    clears the previous values and history; a fetch is queued at once (status `pending`).

    Args:
        platform (PlatformName): A rating platform.
        body (SetHandleRequest): A handle to link.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | LinkedHandleView]
    """

    kwargs = _get_kwargs(
        platform=platform,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    platform: PlatformName,
    *,
    client: AuthenticatedClient,
    body: SetHandleRequest,
) -> ErrorBody | LinkedHandleView | None:
    """Link a platform handle

     Links (or replaces) the caller's handle on a platform. A pasted profile URL is
    reduced to the handle; a malformed handle gives 422 `VALIDATION_FAILED`. A new handle
    clears the previous values and history; a fetch is queued at once (status `pending`).

    Args:
        platform (PlatformName): A rating platform.
        body (SetHandleRequest): A handle to link.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | LinkedHandleView
    """

    return sync_detailed(
        platform=platform,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    platform: PlatformName,
    *,
    client: AuthenticatedClient,
    body: SetHandleRequest,
) -> Response[ErrorBody | LinkedHandleView]:
    """Link a platform handle

     Links (or replaces) the caller's handle on a platform. A pasted profile URL is
    reduced to the handle; a malformed handle gives 422 `VALIDATION_FAILED`. A new handle
    clears the previous values and history; a fetch is queued at once (status `pending`).

    Args:
        platform (PlatformName): A rating platform.
        body (SetHandleRequest): A handle to link.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | LinkedHandleView]
    """

    kwargs = _get_kwargs(
        platform=platform,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    platform: PlatformName,
    *,
    client: AuthenticatedClient,
    body: SetHandleRequest,
) -> ErrorBody | LinkedHandleView | None:
    """Link a platform handle

     Links (or replaces) the caller's handle on a platform. A pasted profile URL is
    reduced to the handle; a malformed handle gives 422 `VALIDATION_FAILED`. A new handle
    clears the previous values and history; a fetch is queued at once (status `pending`).

    Args:
        platform (PlatformName): A rating platform.
        body (SetHandleRequest): A handle to link.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | LinkedHandleView
    """

    return (
        await asyncio_detailed(
            platform=platform,
            client=client,
            body=body,
        )
    ).parsed
