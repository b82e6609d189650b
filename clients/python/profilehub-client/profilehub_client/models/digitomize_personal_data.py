from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DigitomizePersonalData")


@_attrs_define
class DigitomizePersonalData:
    """`personal_data` of a Digitomize profile.

    Attributes:
        bio (None | str): Biography.
        date_of_birth (None | str): Date of birth (`YYYY-MM-DD`), if visible.
        email (None | str): Email, if the owner made it visible.
        email_verified (bool): Whether the email address is verified.
        name (None | str): Display name.
        phone_number (None | str): Phone number, if visible.
        picture (None | str): Avatar URL.
        role (int): Role: 1 user, 2 administrator.
        skills (list[str]): Skills.
        username (str): Username.
    """

    bio: None | str
    date_of_birth: None | str
    email: None | str
    email_verified: bool
    name: None | str
    phone_number: None | str
    picture: None | str
    role: int
    skills: list[str]
    username: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bio: None | str
        bio = self.bio

        date_of_birth: None | str
        date_of_birth = self.date_of_birth

        email: None | str
        email = self.email

        email_verified = self.email_verified

        name: None | str
        name = self.name

        phone_number: None | str
        phone_number = self.phone_number

        picture: None | str
        picture = self.picture

        role = self.role

        skills = self.skills

        username = self.username

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bio": bio,
                "dateOfBirth": date_of_birth,
                "email": email,
                "email_verified": email_verified,
                "name": name,
                "phoneNumber": phone_number,
                "picture": picture,
                "role": role,
                "skills": skills,
                "username": username,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_bio(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        bio = _parse_bio(d.pop("bio"))

        def _parse_date_of_birth(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        date_of_birth = _parse_date_of_birth(d.pop("dateOfBirth"))

        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))

        email_verified = d.pop("email_verified")

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

        def _parse_picture(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        picture = _parse_picture(d.pop("picture"))

        role = d.pop("role")

        skills = cast(list[str], d.pop("skills"))

        username = d.pop("username")

        digitomize_personal_data = cls(
            bio=bio,
            date_of_birth=date_of_birth,
            email=email,
            email_verified=email_verified,
            name=name,
            phone_number=phone_number,
            picture=picture,
            role=role,
            skills=skills,
            username=username,
        )

        digitomize_personal_data.additional_properties = d
        return digitomize_personal_data

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
