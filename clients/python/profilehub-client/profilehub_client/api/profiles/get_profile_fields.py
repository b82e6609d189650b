from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.self_user_projection import SelfUserProjection
from ...types import UNSET, Response


def _get_kwargs(
    *,
    fields: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["fields"] = fields

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/user/profile",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | SelfUserProjection | None:
    if response.status_code == 200:
        response_200 = SelfUserProjection.from_dict(response.json())

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
) -> Response[ErrorBody | SelfUserProjection]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    fields: str,
) -> Response[ErrorBody | SelfUserProjection]:
    """Get selected fields of my profile

     The caller's own account restricted to the listed top-level fields, e.g.
    `?fields=username,bio`. An unknown name gives 400 `UNKNOWN_PROFILE_FIELD` listing the
    allowed ones.

    Args:
        fields (str):  Example: username,bio.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | SelfUserProjection]
    """

    kwargs = _get_kwargs(
        fields=fields,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    fields: str,
) -> ErrorBody | SelfUserProjection | None:
    """Get selected fields of my profile

     The caller's own account restricted to the listed top-level fields, e.g.
    `?fields=username,bio`. An unknown name gives 400 `UNKNOWN_PROFILE_FIELD` listing the
    allowed ones.

    Args:
        fields (str):  Example: username,bio.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | SelfUserProjection
    """

    return sync_detailed(
        client=client,
        fields=fields,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    fields: str,
) -> Response[ErrorBody | SelfUserProjection]:
    """Get selected fields of my profile

     The caller's own account restricted to the listed top-level fields, e.g.
    `?fields=username,bio`. An unknown name gives 400 `UNKNOWN_PROFILE_FIELD` listing the
    allowed ones.

    Args:
        fields (str):  Example: username,bio.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | SelfUserProjection]
    """

    kwargs = _get_kwargs(
        fields=fields,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    fields: str,
) -> ErrorBody | SelfUserProjection | None:
    """Get selected fields of my profile

     The caller's own account restricted to the listed top-level fields, e.g.
    `?fields=username,bio`. An unknown name gives 400 `UNKNOWN_PROFILE_FIELD` listing the
    allowed ones.

    Args:
        fields (str):  Example: username,bio.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | SelfUserProjection
    """

    return (
        await asyncio_detailed(
            client=client,
            fields=fields,
        )
    ).parsed
