from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FieldVisibility")


@_attrs_define
class FieldVisibility:
    """What others see: the private fields default to hidden (`false`), the item lists to
    public (`true`).

        Attributes:
            date_of_birth (bool): Show the date of birth.
            email (bool): Show the email address.
            lists (bool): Show the item lists (played, liked, …) and their counts.
            phone_number (bool): Show the phone number.
    """

    date_of_birth: bool
    email: bool
    lists: bool
    phone_number: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        date_of_birth = self.date_of_birth

        email = self.email

        lists = self.lists

        phone_number = self.phone_number

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dateOfBirth": date_of_birth,
                "email": email,
                "lists": lists,
                "phoneNumber": phone_number,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        date_of_birth = d.pop("dateOfBirth")

        email = d.pop("email")

        lists = d.pop("lists")

        phone_number = d.pop("phoneNumber")

        field_visibility = cls(
            date_of_birth=date_of_birth,
            email=email,
            lists=lists,
            phone_number=phone_number,
        )

        field_visibility.additional_properties = d
        return field_visibility

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
