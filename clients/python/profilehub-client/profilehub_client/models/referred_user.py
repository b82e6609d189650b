from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ReferredUser")


@_attrs_define
class ReferredUser:
    """Someone who registered with the caller's referral.

    Attributes:
        email_verified (bool): Whether they verified their email address.
        joined_at (datetime.datetime): When they registered.
        name (None | str): Their display name.
        username (str): Their username.
    """

    email_verified: bool
    joined_at: datetime.datetime
    name: None | str
    username: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        email_verified = self.email_verified

        joined_at = self.joined_at.isoformat()

        name: None | str
        name = self.name

        username = self.username

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "emailVerified": email_verified,
                "joinedAt": joined_at,
                "name": name,
                "username": username,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email_verified = d.pop("emailVerified")

        joined_at = datetime.datetime.fromisoformat(d.pop("joinedAt"))

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        username = d.pop("username")

        referred_user = cls(
            email_verified=email_verified,
            joined_at=joined_at,
            name=name,
            username=username,
        )

        referred_user.additional_properties = d
        return referred_user

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
