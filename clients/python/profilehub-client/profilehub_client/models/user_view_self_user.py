from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.required_action_name import RequiredActionName
from ..models.role_name import RoleName
from ..models.user_view_self_user_view import UserViewSelfUserView

if TYPE_CHECKING:
    from ..models.field_visibility import FieldVisibility
    from ..models.self_user_attributes import SelfUserAttributes
    from ..models.social_links import SocialLinks


T = TypeVar("T", bound="UserViewSelfUser")


@_attrs_define
class UserViewSelfUser:
    """A user as seen by the caller: the full account for its owner, the public profile for
    everyone else. `view` says which.

        Attributes:
            attributes (SelfUserAttributes): Custom attributes: name → values. Only administrators set them; never public.
            banner_url (None | str): Banner image URL.
            bio (None | str): Biography.
            created_at (datetime.datetime): Creation time.
            date_of_birth (datetime.date | None): Date of birth.
            email (str): Email address.
            email_verified (bool): Whether the email address has been verified.
            enabled (bool): Whether the account may log in.
            followers_count (int): How many users follow this one.
            following_count (int): How many users this one follows.
            id (UUID): User id.
            location (None | str): Free-text location.
            name (None | str): Display name.
            phone_number (None | str): Phone number.
            picture_url (None | str): Avatar image URL.
            referral_code (str): The code others register with (`referralCode`) to name this user as their referrer.
            required_actions (list[RequiredActionName]): What the user must do before anything else is served (see
                `REQUIRED_ACTION`).
            role (RoleName): Account role.
            skills (list[str]): Skills, in the user's order.
            social (SocialLinks): Social profile links (absolute http/https URLs).
            updated_at (datetime.datetime): Last profile change.
            username (str): Username (unique case-insensitively).
            visibility (FieldVisibility): What others see: the private fields default to hidden (`false`), the item lists to
                public (`true`).
            website_url (None | str): Personal website URL.
            view (UserViewSelfUserView):  Example: self.
    """

    attributes: SelfUserAttributes
    banner_url: None | str
    bio: None | str
    created_at: datetime.datetime
    date_of_birth: datetime.date | None
    email: str
    email_verified: bool
    enabled: bool
    followers_count: int
    following_count: int
    id: UUID
    location: None | str
    name: None | str
    phone_number: None | str
    picture_url: None | str
    referral_code: str
    required_actions: list[RequiredActionName]
    role: RoleName
    skills: list[str]
    social: SocialLinks
    updated_at: datetime.datetime
    username: str
    visibility: FieldVisibility
    website_url: None | str
    view: UserViewSelfUserView
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attributes = self.attributes.to_dict()

        banner_url: None | str
        banner_url = self.banner_url

        bio: None | str
        bio = self.bio

        created_at = self.created_at.isoformat()

        date_of_birth: None | str
        if isinstance(self.date_of_birth, datetime.date):
            date_of_birth = self.date_of_birth.isoformat()
        else:
            date_of_birth = self.date_of_birth

        email = self.email

        email_verified = self.email_verified

        enabled = self.enabled

        followers_count = self.followers_count

        following_count = self.following_count

        id = str(self.id)

        location: None | str
        location = self.location

        name: None | str
        name = self.name

        phone_number: None | str
        phone_number = self.phone_number

        picture_url: None | str
        picture_url = self.picture_url

        referral_code = self.referral_code

        required_actions = []
        for required_actions_item_data in self.required_actions:
            required_actions_item = required_actions_item_data.value
            required_actions.append(required_actions_item)

        role = self.role.value

        skills = self.skills

        social = self.social.to_dict()

        updated_at = self.updated_at.isoformat()

        username = self.username

        visibility = self.visibility.to_dict()

        website_url: None | str
        website_url = self.website_url

        view = self.view.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attributes": attributes,
                "bannerUrl": banner_url,
                "bio": bio,
                "createdAt": created_at,
                "dateOfBirth": date_of_birth,
                "email": email,
                "emailVerified": email_verified,
                "enabled": enabled,
                "followersCount": followers_count,
                "followingCount": following_count,
                "id": id,
                "location": location,
                "name": name,
                "phoneNumber": phone_number,
                "pictureUrl": picture_url,
                "referralCode": referral_code,
                "requiredActions": required_actions,
                "role": role,
                "skills": skills,
                "social": social,
                "updatedAt": updated_at,
                "username": username,
                "visibility": visibility,
                "websiteUrl": website_url,
                "view": view,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_visibility import FieldVisibility  # noqa: PLC0415
        from ..models.self_user_attributes import SelfUserAttributes  # noqa: PLC0415
        from ..models.social_links import SocialLinks  # noqa: PLC0415

        d = dict(src_dict)
        attributes = SelfUserAttributes.from_dict(d.pop("attributes"))

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

        def _parse_date_of_birth(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                date_of_birth_type_0 = datetime.date.fromisoformat(data)

                return date_of_birth_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        date_of_birth = _parse_date_of_birth(d.pop("dateOfBirth"))

        email = d.pop("email")

        email_verified = d.pop("emailVerified")

        enabled = d.pop("enabled")

        followers_count = d.pop("followersCount")

        following_count = d.pop("followingCount")

        id = UUID(d.pop("id"))

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

        def _parse_phone_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone_number = _parse_phone_number(d.pop("phoneNumber"))

        def _parse_picture_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        picture_url = _parse_picture_url(d.pop("pictureUrl"))

        referral_code = d.pop("referralCode")

        required_actions = []
        _required_actions = d.pop("requiredActions")
        for required_actions_item_data in _required_actions:
            required_actions_item = RequiredActionName(required_actions_item_data)

            required_actions.append(required_actions_item)

        role = RoleName(d.pop("role"))

        skills = cast(list[str], d.pop("skills"))

        social = SocialLinks.from_dict(d.pop("social"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        username = d.pop("username")

        visibility = FieldVisibility.from_dict(d.pop("visibility"))

        def _parse_website_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        website_url = _parse_website_url(d.pop("websiteUrl"))

        view = UserViewSelfUserView(d.pop("view"))

        user_view_self_user = cls(
            attributes=attributes,
            banner_url=banner_url,
            bio=bio,
            created_at=created_at,
            date_of_birth=date_of_birth,
            email=email,
            email_verified=email_verified,
            enabled=enabled,
            followers_count=followers_count,
            following_count=following_count,
            id=id,
            location=location,
            name=name,
            phone_number=phone_number,
            picture_url=picture_url,
            referral_code=referral_code,
            required_actions=required_actions,
            role=role,
            skills=skills,
            social=social,
            updated_at=updated_at,
            username=username,
            visibility=visibility,
            website_url=website_url,
            view=view,
        )

        user_view_self_user.additional_properties = d
        return user_view_self_user

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
