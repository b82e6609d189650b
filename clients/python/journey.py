"""The main user journey through the generated Python SDK, against a live server.

Usage: python clients/python/journey.py BASE_URL

Every call goes through `profilehub_client` (generated from openapi/openapi.json by
openapi-python-client) with `raise_on_unexpected_status=True`, so a status the document does
not list, or a body its model cannot parse, fails the journey.
"""

import sys
import uuid

from profilehub_client import AuthenticatedClient, Client
from profilehub_client.api.auth import login_user, logout_session, refresh_session, register_user
from profilehub_client.api.compat import get_digitomize_profile
from profilehub_client.api.profiles import get_profile
from profilehub_client.api.ratings import link_handle, refresh_ratings
from profilehub_client.api.users import get_current_user, update_current_user
from profilehub_client.models import (
    AuthSession,
    DigitomizeProfile,
    ErrorBody,
    ErrorCode,
    LinkedHandleView,
    LoginRequest,
    PlatformName,
    PublicProfile,
    RatingStatus,
    RefreshQueued,
    RefreshRequest,
    RegisterRequest,
    SelfUser,
    SetHandleRequest,
    TokenPair,
    UpdateUserRequest,
)


def expect(response, status, model):
    """The parsed body of `response`, which must have `status` and parse as `model`."""
    assert response.status_code == status, f"expected {status}, got {response.status_code}: {response.content!r}"
    assert isinstance(response.parsed, model), f"{type(response.parsed).__name__} is not {model.__name__}"
    return response.parsed


def main(base_url: str) -> None:
    anonymous = Client(base_url=base_url, raise_on_unexpected_status=True)
    name = "py_" + uuid.uuid4().hex[:10]
    password = "correct horse battery staple"

    session = expect(
        register_user.sync_detailed(
            client=anonymous,
            body=RegisterRequest(username=name, email=f"{name}@example.com", password=password, name="Py Thon"),
        ),
        201,
        AuthSession,
    )
    assert session.user.username == name

    login = expect(
        login_user.sync_detailed(client=anonymous, body=LoginRequest(login=name, password=password)),
        200,
        AuthSession,
    )
    me = AuthenticatedClient(base_url=base_url, token=login.tokens.access_token, raise_on_unexpected_status=True)

    profile = expect(get_current_user.sync_detailed(client=me), 200, SelfUser)
    assert profile.email == f"{name}@example.com"

    # Set a bio, then clear it with an explicit null.
    updated = expect(update_current_user.sync_detailed(client=me, body=UpdateUserRequest(bio="Hello")), 200, SelfUser)
    assert updated.bio == "Hello"
    cleared = expect(update_current_user.sync_detailed(client=me, body=UpdateUserRequest(bio=None)), 200, SelfUser)
    assert cleared.bio is None, cleared.bio

    # A pasted profile URL is reduced to the handle.
    linked = expect(
        link_handle.sync_detailed(
            PlatformName.CODEFORCES,
            client=me,
            body=SetHandleRequest(handle="https://codeforces.com/profile/tourist"),
        ),
        200,
        LinkedHandleView,
    )
    assert linked.handle == "tourist"
    assert linked.status == RatingStatus.PENDING

    # On-demand refresh: queued once, then the cooldown answers 429 with its code.
    queued = expect(refresh_ratings.sync_detailed(client=me), 202, RefreshQueued)
    assert queued.queued == 1
    cooling = expect(refresh_ratings.sync_detailed(client=me), 429, ErrorBody)
    assert cooling.code == ErrorCode.RATE_LIMITED

    public = expect(get_profile.sync_detailed(name, client=anonymous), 200, PublicProfile)
    assert public.username == name
    assert public.ratings.codeforces is not None and public.ratings.codeforces.handle == "tourist"
    assert public.ratings.codechef is None

    digitomize = expect(get_digitomize_profile.sync_detailed(name, client=anonymous), 200, DigitomizeProfile)
    assert digitomize.personal_data.username == name

    pair = expect(
        refresh_session.sync_detailed(client=anonymous, body=RefreshRequest(refresh_token=login.tokens.refresh_token)),
        200,
        TokenPair,
    )
    fresh = AuthenticatedClient(base_url=base_url, token=pair.access_token, raise_on_unexpected_status=True)
    assert logout_session.sync_detailed(client=fresh).status_code == 204

    # The logged-out session's token is refused with the documented code.
    refused = expect(get_current_user.sync_detailed(client=fresh), 401, ErrorBody)
    assert refused.code == ErrorCode.GENERIC_UNAUTHORIZED, refused.code
    print(f"python journey passed as {name}")


if __name__ == "__main__":
    main(sys.argv[1])
