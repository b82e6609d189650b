from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RegisterRequest")


@_attrs_define
class RegisterRequest:
    """A new account.

    Attributes:
        email (str): Email address; unique case-insensitively.
        password (str): 8–128 characters.
        username (str): 3–30 letters, digits, `_`, `.` or `-`; unique case-insensitively.
        name (None | str | Unset): Display name (`null` or blank for none).
        referral_code (None | str | Unset): Referral code of the user who invited this one (their `referralCode`; `null`
            for
            none). With `referrerHandle` too, both must name the same user.
        referrer_handle (None | str | Unset): Username of the user who invited this one (`null` for none).
    """

    email: str
    password: str
    username: str
    name: None | str | Unset = UNSET
    referral_code: None | str | Unset = UNSET
    referrer_handle: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        password = self.password

        username = self.username

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        referral_code: None | str | Unset
        if isinstance(self.referral_code, Unset):
            referral_code = UNSET
        else:
            referral_code = self.referral_code

        referrer_handle: None | str | Unset
        if isinstance(self.referrer_handle, Unset):
            referrer_handle = UNSET
        else:
            referrer_handle = self.referrer_handle

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "password": password,
                "username": username,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if referral_code is not UNSET:
            field_dict["referralCode"] = referral_code
        if referrer_handle is not UNSET:
            field_dict["referrerHandle"] = referrer_handle

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        password = d.pop("password")

        username = d.pop("username")

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_referral_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        referral_code = _parse_referral_code(d.pop("referralCode", UNSET))

        def _parse_referrer_handle(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        referrer_handle = _parse_referrer_handle(d.pop("referrerHandle", UNSET))

        register_request = cls(
            email=email,
            password=password,
            username=username,
            name=name,
            referral_code=referral_code,
            referrer_handle=referrer_handle,
        )

        return register_request
