from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.required_action_name import RequiredActionName
from ..models.role_name import RoleName
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_visibility import FieldVisibility
    from ..models.self_user_projection_attributes import SelfUserProjectionAttributes
    from ..models.social_links import SocialLinks


T = TypeVar("T", bound="SelfUserProjection")


@_attrs_define
class SelfUserProjection:
    """Only the fields that were asked for.

    Attributes:
        attributes (SelfUserProjectionAttributes | Unset): Custom attributes: name → values. Only administrators set
            them; never public.
        banner_url (None | str | Unset): Banner image URL.
        bio (None | str | Unset): Biography.
        created_at (datetime.datetime | Unset): Creation time.
        date_of_birth (datetime.date | None | Unset): Date of birth.
        email (str | Unset): Email address.
        email_verified (bool | Unset): Whether the email address has been verified.
        enabled (bool | Unset): Whether the account may log in.
        followers_count (int | Unset): How many users follow this one.
        following_count (int | Unset): How many users this one follows.
        id (UUID | Unset): User id.
        location (None | str | Unset): Free-text location.
        name (None | str | Unset): Display name.
        phone_number (None | str | Unset): Phone number.
        picture_url (None | str | Unset): Avatar image URL.
        referral_code (str | Unset): The code others register with (`referralCode`) to name this user as their referrer.
        required_actions (list[RequiredActionName] | Unset): What the user must do before anything else is served (see
            `REQUIRED_ACTION`).
        role (RoleName | Unset): Account role.
        skills (list[str] | Unset): Skills, in the user's order.
        social (SocialLinks | Unset): Social profile links (absolute http/https URLs).
        updated_at (datetime.datetime | Unset): Last profile change.
        username (str | Unset): Username (unique case-insensitively).
        visibility (FieldVisibility | Unset): What others see: the private fields default to hidden (`false`), the item
            lists to
            public (`true`).
        website_url (None | str | Unset): Personal website URL.
    """

    attributes: SelfUserProjectionAttributes | Unset = UNSET
    banner_url: None | str | Unset = UNSET
    bio: None | str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    date_of_birth: datetime.date | None | Unset = UNSET
    email: str | Unset = UNSET
    email_verified: bool | Unset = UNSET
    enabled: bool | Unset = UNSET
    followers_count: int | Unset = UNSET
    following_count: int | Unset = UNSET
    id: UUID | Unset = UNSET
    location: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    phone_number: None | str | Unset = UNSET
    picture_url: None | str | Unset = UNSET
    referral_code: str | Unset = UNSET
    required_actions: list[RequiredActionName] | Unset = UNSET
    role: RoleName | Unset = UNSET
    skills: list[str] | Unset = UNSET
    social: SocialLinks | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    username: str | Unset = UNSET
    visibility: FieldVisibility | Unset = UNSET
    website_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        banner_url: None | str | Unset
        if isinstance(self.banner_url, Unset):
            banner_url = UNSET
        else:
            banner_url = self.banner_url

        bio: None | str | Unset
        if isinstance(self.bio, Unset):
            bio = UNSET
        else:
            bio = self.bio

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        date_of_birth: None | str | Unset
        if isinstance(self.date_of_birth, Unset):
            date_of_birth = UNSET
        elif isinstance(self.date_of_birth, datetime.date):
            date_of_birth = self.date_of_birth.isoformat()
        else:
            date_of_birth = self.date_of_birth

        email = self.email

        email_verified = self.email_verified

        enabled = self.enabled

        followers_count = self.followers_count

        following_count = self.following_count

        id: str | Unset = UNSET
        if not isinstance(self.id, Unset):
            id = str(self.id)

        location: None | str | Unset
        if isinstance(self.location, Unset):
            location = UNSET
        else:
            location = self.location

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        phone_number: None | str | Unset
        if isinstance(self.phone_number, Unset):
            phone_number = UNSET
        else:
            phone_number = self.phone_number

        picture_url: None | str | Unset
        if isinstance(self.picture_url, Unset):
            picture_url = UNSET
        else:
            picture_url = self.picture_url

        referral_code = self.referral_code

        required_actions: list[str] | Unset = UNSET
        if not isinstance(self.required_actions, Unset):
            required_actions = []
            for required_actions_item_data in self.required_actions:
                required_actions_item = required_actions_item_data.value
                required_actions.append(required_actions_item)

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        skills: list[str] | Unset = UNSET
        if not isinstance(self.skills, Unset):
            skills = self.skills

        social: dict[str, Any] | Unset = UNSET
        if not isinstance(self.social, Unset):
            social = self.social.to_dict()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        username = self.username

        visibility: dict[str, Any] | Unset = UNSET
        if not isinstance(self.visibility, Unset):
            visibility = self.visibility.to_dict()

        website_url: None | str | Unset
        if isinstance(self.website_url, Unset):
            website_url = UNSET
        else:
            website_url = self.website_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if banner_url is not UNSET:
            field_dict["bannerUrl"] = banner_url
        if bio is not UNSET:
            field_dict["bio"] = bio
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if date_of_birth is not UNSET:
            field_dict["dateOfBirth"] = date_of_birth
        if email is not UNSET:
            field_dict["email"] = email
        if email_verified is not UNSET:
            field_dict["emailVerified"] = email_verified
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if followers_count is not UNSET:
            field_dict["followersCount"] = followers_count
        if following_count is not UNSET:
            field_dict["followingCount"] = following_count
        if id is not UNSET:
            field_dict["id"] = id
        if location is not UNSET:
            field_dict["location"] = location
        if name is not UNSET:
            field_dict["name"] = name
        if phone_number is not UNSET:
            field_dict["phoneNumber"] = phone_number
        if picture_url is not UNSET:
            field_dict["pictureUrl"] = picture_url
        if referral_code is not UNSET:
            field_dict["referralCode"] = referral_code
        if required_actions is not UNSET:
            field_dict["requiredActions"] = required_actions
        if role is not UNSET:
            field_dict["role"] = role
        if skills is not UNSET:
            field_dict["skills"] = skills
        if social is not UNSET:
            field_dict["social"] = social
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at
        if username is not UNSET:
            field_dict["username"] = username
        if visibility is not UNSET:
            field_dict["visibility"] = visibility
        if website_url is not UNSET:
            field_dict["websiteUrl"] = website_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_visibility import FieldVisibility  # noqa: PLC0415
        from ..models.self_user_projection_attributes import SelfUserProjectionAttributes  # noqa: PLC0415
        from ..models.social_links import SocialLinks  # noqa: PLC0415

        d = dict(src_dict)
        _attributes = d.pop("attributes", UNSET)
        attributes: SelfUserProjectionAttributes | Unset
        if isinstance(_attributes, Unset):
            attributes = UNSET
        else:
            attributes = SelfUserProjectionAttributes.from_dict(_attributes)

        def _parse_banner_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        banner_url = _parse_banner_url(d.pop("bannerUrl", UNSET))

        def _parse_bio(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bio = _parse_bio(d.pop("bio", UNSET))

        _created_at = d.pop("createdAt", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        def _parse_date_of_birth(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                date_of_birth_type_0 = datetime.date.fromisoformat(data)

                return date_of_birth_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        date_of_birth = _parse_date_of_birth(d.pop("dateOfBirth", UNSET))

        email = d.pop("email", UNSET)

        email_verified = d.pop("emailVerified", UNSET)

        enabled = d.pop("enabled", UNSET)

        followers_count = d.pop("followersCount", UNSET)

        following_count = d.pop("followingCount", UNSET)

        _id = d.pop("id", UNSET)
        id: UUID | Unset
        if isinstance(_id, Unset):
            id = UNSET
        else:
            id = UUID(_id)

        def _parse_location(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        location = _parse_location(d.pop("location", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_phone_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone_number = _parse_phone_number(d.pop("phoneNumber", UNSET))

        def _parse_picture_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        picture_url = _parse_picture_url(d.pop("pictureUrl", UNSET))

        referral_code = d.pop("referralCode", UNSET)

        _required_actions = d.pop("requiredActions", UNSET)
        required_actions: list[RequiredActionName] | Unset = UNSET
        if _required_actions is not UNSET:
            required_actions = []
            for required_actions_item_data in _required_actions:
                required_actions_item = RequiredActionName(required_actions_item_data)

                required_actions.append(required_actions_item)

        _role = d.pop("role", UNSET)
        role: RoleName | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = RoleName(_role)

        skills = cast(list[str], d.pop("skills", UNSET))

        _social = d.pop("social", UNSET)
        social: SocialLinks | Unset
        if isinstance(_social, Unset):
            social = UNSET
        else:
            social = SocialLinks.from_dict(_social)

        _updated_at = d.pop("updatedAt", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        username = d.pop("username", UNSET)

        _visibility = d.pop("visibility", UNSET)
        visibility: FieldVisibility | Unset
        if isinstance(_visibility, Unset):
            visibility = UNSET
        else:
            visibility = FieldVisibility.from_dict(_visibility)

        def _parse_website_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        website_url = _parse_website_url(d.pop("websiteUrl", UNSET))

        self_user_projection = cls(
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
        )

        self_user_projection.additional_properties = d
        return self_user_projection

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
