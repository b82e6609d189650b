from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.user_view_public_profile_view import UserViewPublicProfileView
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.list_counts import ListCounts
    from ..models.ratings import Ratings
    from ..models.social_links import SocialLinks


T = TypeVar("T", bound="UserViewPublicProfile")


@_attrs_define
class UserViewPublicProfile:
    """A user as seen by the caller: the full account for its owner, the public profile for
    everyone else. `view` says which.

        Attributes:
            banner_url (None | str): Banner image URL.
            bio (None | str): Biography.
            created_at (datetime.datetime): Creation time.
            followers_count (int): How many users follow this one.
            following_count (int): How many users this one follows.
            id (UUID): User id.
            list_counts (ListCounts | None): How many items each list holds; `null` when the owner hides their lists.
            location (None | str): Free-text location.
            name (None | str): Display name.
            picture_url (None | str): Avatar image URL.
            ratings (Ratings): Ratings on a profile: the aggregate and one entry per platform (`null` if not linked).
            skills (list[str]): Skills.
            social (SocialLinks): Social profile links (absolute http/https URLs).
            username (str): Username.
            website_url (None | str): Personal website URL.
            view (UserViewPublicProfileView):  Example: public.
            date_of_birth (datetime.date | Unset): Date of birth, only if the owner made it visible.
            email (str | Unset): Email, only if the owner made it visible.
            followed_by_me (bool | Unset): Whether the caller follows this user (only when the request is authenticated).
            follows_me (bool | Unset): Whether this user follows the caller (only when the request is authenticated).
            phone_number (str | Unset): Phone number, only if the owner made it visible.
    """

    banner_url: None | str
    bio: None | str
    created_at: datetime.datetime
    followers_count: int
    following_count: int
    id: UUID
    list_counts: ListCounts | None
    location: None | str
    name: None | str
    picture_url: None | str
    ratings: Ratings
    skills: list[str]
    social: SocialLinks
    username: str
    website_url: None | str
    view: UserViewPublicProfileView
    date_of_birth: datetime.date | Unset = UNSET
    email: str | Unset = UNSET
    followed_by_me: bool | Unset = UNSET
    follows_me: bool | Unset = UNSET
    phone_number: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.list_counts import ListCounts  # noqa: PLC0415

        banner_url: None | str
        banner_url = self.banner_url

        bio: None | str
        bio = self.bio

        created_at = self.created_at.isoformat()

        followers_count = self.followers_count

        following_count = self.following_count

        id = str(self.id)

        list_counts: dict[str, Any] | None
        if isinstance(self.list_counts, ListCounts):
            list_counts = self.list_counts.to_dict()
        else:
            list_counts = self.list_counts

        location: None | str
        location = self.location

        name: None | str
        name = self.name

        picture_url: None | str
        picture_url = self.picture_url

        ratings = self.ratings.to_dict()

        skills = self.skills

        social = self.social.to_dict()

        username = self.username

        website_url: None | str
        website_url = self.website_url

        view = self.view.value

        date_of_birth: str | Unset = UNSET
        if not isinstance(self.date_of_birth, Unset):
            date_of_birth = self.date_of_birth.isoformat()

        email = self.email

        followed_by_me = self.followed_by_me

        follows_me = self.follows_me

        phone_number = self.phone_number

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bannerUrl": banner_url,
                "bio": bio,
                "createdAt": created_at,
                "followersCount": followers_count,
                "followingCount": following_count,
                "id": id,
                "listCounts": list_counts,
                "location": location,
                "name": name,
                "pictureUrl": picture_url,
                "ratings": ratings,
                "skills": skills,
                "social": social,
                "username": username,
                "websiteUrl": website_url,
                "view": view,
            }
        )
        if date_of_birth is not UNSET:
            field_dict["dateOfBirth"] = date_of_birth
        if email is not UNSET:
            field_dict["email"] = email
        if followed_by_me is not UNSET:
            field_dict["followedByMe"] = followed_by_me
        if follows_me is not UNSET:
            field_dict["followsMe"] = follows_me
        if phone_number is not UNSET:
            field_dict["phoneNumber"] = phone_number

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.list_counts import ListCounts  # noqa: PLC0415
        from ..models.ratings import Ratings  # noqa: PLC0415
        from ..models.social_links import SocialLinks  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_banner_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        banner_url = _parse_banner_url(d.pop("bannerUrl"))

        def _parse_bio(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        bio = _parse_bio(d.pop("bio"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        followers_count = d.pop("followersCount")

        following_count = d.pop("followingCount")

        id = UUID(d.pop("id"))

        def _parse_list_counts(data: object) -> ListCounts | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                list_counts_type_0 = ListCounts.from_dict(data)

                return list_counts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ListCounts | None, data)

        list_counts = _parse_list_counts(d.pop("listCounts"))

        def _parse_location(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        location = _parse_location(d.pop("location"))

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        def _parse_picture_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        picture_url = _parse_picture_url(d.pop("pictureUrl"))

        ratings = Ratings.from_dict(d.pop("ratings"))

        skills = cast(list[str], d.pop("skills"))

        social = SocialLinks.from_dict(d.pop("social"))

        username = d.pop("username")

        def _parse_website_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        website_url = _parse_website_url(d.pop("websiteUrl"))

        view = UserViewPublicProfileView(d.pop("view"))

        _date_of_birth = d.pop("dateOfBirth", UNSET)
        date_of_birth: datetime.date | Unset
        if isinstance(_date_of_birth, Unset):
            date_of_birth = UNSET
        else:
            date_of_birth = datetime.date.fromisoformat(_date_of_birth)

        email = d.pop("email", UNSET)

        followed_by_me = d.pop("followedByMe", UNSET)

        follows_me = d.pop("followsMe", UNSET)

        phone_number = d.pop("phoneNumber", UNSET)

        user_view_public_profile = cls(
            banner_url=banner_url,
            bio=bio,
            created_at=created_at,
            followers_count=followers_count,
            following_count=following_count,
            id=id,
            list_counts=list_counts,
            location=location,
            name=name,
            picture_url=picture_url,
            ratings=ratings,
            skills=skills,
            social=social,
            username=username,
            website_url=website_url,
            view=view,
            date_of_birth=date_of_birth,
            email=email,
            followed_by_me=followed_by_me,
            follows_me=follows_me,
            phone_number=phone_number,
        )

        user_view_public_profile.additional_properties = d
        return user_view_public_profile

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
