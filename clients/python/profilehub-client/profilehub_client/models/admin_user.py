from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.self_user import SelfUser


T = TypeVar("T", bound="AdminUser")


@_attrs_define
class AdminUser:
    """An account as administrators see it: everything its owner sees, and the state of its
    logins.

        Attributes:
            account (SelfUser): Everything about the caller's own account. Only its owner ever sees this.
            failed_login_count (int): Failed logins currently counted against the account.
            last_login_at (datetime.datetime | None): The last successful login.
            locked_until (datetime.datetime | None): Until when logins are refused because of them (`null`: they are not).
            sessions_count (int): Sessions not revoked.
    """

    account: SelfUser
    failed_login_count: int
    last_login_at: datetime.datetime | None
    locked_until: datetime.datetime | None
    sessions_count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account = self.account.to_dict()

        failed_login_count = self.failed_login_count

        last_login_at: None | str
        if isinstance(self.last_login_at, datetime.datetime):
            last_login_at = self.last_login_at.isoformat()
        else:
            last_login_at = self.last_login_at

        locked_until: None | str
        if isinstance(self.locked_until, datetime.datetime):
            locked_until = self.locked_until.isoformat()
        else:
            locked_until = self.locked_until

        sessions_count = self.sessions_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account": account,
                "failedLoginCount": failed_login_count,
                "lastLoginAt": last_login_at,
                "lockedUntil": locked_until,
                "sessionsCount": sessions_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.self_user import SelfUser  # noqa: PLC0415

        d = dict(src_dict)
        account = SelfUser.from_dict(d.pop("account"))

        failed_login_count = d.pop("failedLoginCount")

        def _parse_last_login_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_login_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_login_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_login_at = _parse_last_login_at(d.pop("lastLoginAt"))

        def _parse_locked_until(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                locked_until_type_0 = datetime.datetime.fromisoformat(data)

                return locked_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        locked_until = _parse_locked_until(d.pop("lockedUntil"))

        sessions_count = d.pop("sessionsCount")

        admin_user = cls(
            account=account,
            failed_login_count=failed_login_count,
            last_login_at=last_login_at,
            locked_until=locked_until,
            sessions_count=sessions_count,
        )

        admin_user.additional_properties = d
        return admin_user

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
