from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="FieldVisibilityUpdate")


@_attrs_define
class FieldVisibilityUpdate:
    """Visibility switches to change; absent ones are left alone.

    Attributes:
        date_of_birth (bool | Unset): Show the date of birth publicly.
        email (bool | Unset): Show the email address publicly.
        lists (bool | Unset): Show the item lists to others.
        phone_number (bool | Unset): Show the phone number publicly.
    """

    date_of_birth: bool | Unset = UNSET
    email: bool | Unset = UNSET
    lists: bool | Unset = UNSET
    phone_number: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        date_of_birth = self.date_of_birth

        email = self.email

        lists = self.lists

        phone_number = self.phone_number

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if date_of_birth is not UNSET:
            field_dict["dateOfBirth"] = date_of_birth
        if email is not UNSET:
            field_dict["email"] = email
        if lists is not UNSET:
            field_dict["lists"] = lists
        if phone_number is not UNSET:
            field_dict["phoneNumber"] = phone_number

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        date_of_birth = d.pop("dateOfBirth", UNSET)

        email = d.pop("email", UNSET)

        lists = d.pop("lists", UNSET)

        phone_number = d.pop("phoneNumber", UNSET)

        field_visibility_update = cls(
            date_of_birth=date_of_birth,
            email=email,
            lists=lists,
            phone_number=phone_number,
        )

        return field_visibility_update
