from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_visibility_update import FieldVisibilityUpdate
    from ..models.social_links_update import SocialLinksUpdate


T = TypeVar("T", bound="UpdateUserRequest")


@_attrs_define
class UpdateUserRequest:
    """A partial update of the caller's profile: absent fields are left alone, `null` clears a
    nullable field. Any other field (`id`, `role`, `enabled`, `emailVerified`, `password`,
    `createdAt`, …) is refused with 422 and nothing changes.

        Attributes:
            banner_url (None | str | Unset): Banner image URL.
            bio (None | str | Unset): Biography (blank clears it).
            date_of_birth (datetime.date | None | Unset): Date of birth, `YYYY-MM-DD`, from 1900-01-01 up to today.
            email (str | Unset): New email address; unique case-insensitively, and it will need verifying again.
            location (None | str | Unset): Free-text location (blank clears it).
            name (None | str | Unset): Display name (blank clears it).
            phone_number (None | str | Unset): Phone number.
            picture_url (None | str | Unset): Avatar image URL.
            skills (list[str] | None | Unset): Skills: up to 50, trimmed, later case-insensitive duplicates dropped; `null`
                clears.
            social (SocialLinksUpdate | Unset): Social links to change; `null` clears one, an absent one is left alone.
            username (str | Unset): New username; unique case-insensitively.
            visibility (FieldVisibilityUpdate | Unset): Visibility switches to change; absent ones are left alone.
            website_url (None | str | Unset): Personal website URL.
    """

    banner_url: None | str | Unset = UNSET
    bio: None | str | Unset = UNSET
    date_of_birth: datetime.date | None | Unset = UNSET
    email: str | Unset = UNSET
    location: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    phone_number: None | str | Unset = UNSET
    picture_url: None | str | Unset = UNSET
    skills: list[str] | None | Unset = UNSET
    social: SocialLinksUpdate | Unset = UNSET
    username: str | Unset = UNSET
    visibility: FieldVisibilityUpdate | Unset = UNSET
    website_url: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
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

        date_of_birth: None | str | Unset
        if isinstance(self.date_of_birth, Unset):
            date_of_birth = UNSET
        elif isinstance(self.date_of_birth, datetime.date):
            date_of_birth = self.date_of_birth.isoformat()
        else:
            date_of_birth = self.date_of_birth

        email = self.email

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

        skills: list[str] | None | Unset
        if isinstance(self.skills, Unset):
            skills = UNSET
        elif isinstance(self.skills, list):
            skills = self.skills

        else:
            skills = self.skills

        social: dict[str, Any] | Unset = UNSET
        if not isinstance(self.social, Unset):
            social = self.social.to_dict()

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

        field_dict.update({})
        if banner_url is not UNSET:
            field_dict["bannerUrl"] = banner_url
        if bio is not UNSET:
            field_dict["bio"] = bio
        if date_of_birth is not UNSET:
            field_dict["dateOfBirth"] = date_of_birth
        if email is not UNSET:
            field_dict["email"] = email
        if location is not UNSET:
            field_dict["location"] = location
        if name is not UNSET:
            field_dict["name"] = name
        if phone_number is not UNSET:
            field_dict["phoneNumber"] = phone_number
        if picture_url is not UNSET:
            field_dict["pictureUrl"] = picture_url
        if skills is not UNSET:
            field_dict["skills"] = skills
        if social is not UNSET:
            field_dict["social"] = social
        if username is not UNSET:
            field_dict["username"] = username
        if visibility is not UNSET:
            field_dict["visibility"] = visibility
        if website_url is not UNSET:
            field_dict["websiteUrl"] = website_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_visibility_update import FieldVisibilityUpdate  # noqa: PLC0415
        from ..models.social_links_update import SocialLinksUpdate  # noqa: PLC0415

        d = dict(src_dict)

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

        def _parse_skills(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                skills_type_0 = cast(list[str], data)

                return skills_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        skills = _parse_skills(d.pop("skills", UNSET))

        _social = d.pop("social", UNSET)
        social: SocialLinksUpdate | Unset
        if isinstance(_social, Unset):
            social = UNSET
        else:
            social = SocialLinksUpdate.from_dict(_social)

        username = d.pop("username", UNSET)

        _visibility = d.pop("visibility", UNSET)
        visibility: FieldVisibilityUpdate | Unset
        if isinstance(_visibility, Unset):
            visibility = UNSET
        else:
            visibility = FieldVisibilityUpdate.from_dict(_visibility)

        def _parse_website_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        website_url = _parse_website_url(d.pop("websiteUrl", UNSET))

        update_user_request = cls(
            banner_url=banner_url,
            bio=bio,
            date_of_birth=date_of_birth,
            email=email,
            location=location,
            name=name,
            phone_number=phone_number,
            picture_url=picture_url,
            skills=skills,
            social=social,
            username=username,
            visibility=visibility,
            website_url=website_url,
        )

        return update_user_request
