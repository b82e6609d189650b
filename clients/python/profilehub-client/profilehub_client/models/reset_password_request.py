from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ResetPasswordRequest")


@_attrs_define
class ResetPasswordRequest:
    """A new password, with the mailed code that allows it.

    Attributes:
        new_password (str): The new password: 8–128 characters (the same rules as at registration).
        token (str): The code from the mail (`<id>.<secret>`).
    """

    new_password: str
    token: str

    def to_dict(self) -> dict[str, Any]:
        new_password = self.new_password

        token = self.token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "newPassword": new_password,
                "token": token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        new_password = d.pop("newPassword")

        token = d.pop("token")

        reset_password_request = cls(
            new_password=new_password,
            token=token,
        )

        return reset_password_request
