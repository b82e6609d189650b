from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AdminSession")


@_attrs_define
class AdminSession:
    """A session as administrators see it.

    Attributes:
        client_ip (None | str): The client address it was opened from.
        created_at (datetime.datetime): When it was opened (login or registration).
        id (UUID): Session id.
        last_used_at (datetime.datetime | None): When it last refreshed its tokens (`null`: never).
        user_agent (None | str): The client's `User-Agent` when it was opened.
    """

    client_ip: None | str
    created_at: datetime.datetime
    id: UUID
    last_used_at: datetime.datetime | None
    user_agent: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        client_ip: None | str
        client_ip = self.client_ip

        created_at = self.created_at.isoformat()

        id = str(self.id)

        last_used_at: None | str
        if isinstance(self.last_used_at, datetime.datetime):
            last_used_at = self.last_used_at.isoformat()
        else:
            last_used_at = self.last_used_at

        user_agent: None | str
        user_agent = self.user_agent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "clientIp": client_ip,
                "createdAt": created_at,
                "id": id,
                "lastUsedAt": last_used_at,
                "userAgent": user_agent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_client_ip(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        client_ip = _parse_client_ip(d.pop("clientIp"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        id = UUID(d.pop("id"))

        def _parse_last_used_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_used_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_used_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_used_at = _parse_last_used_at(d.pop("lastUsedAt"))

        def _parse_user_agent(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_agent = _parse_user_agent(d.pop("userAgent"))

        admin_session = cls(
            client_ip=client_ip,
            created_at=created_at,
            id=id,
            last_used_at=last_used_at,
            user_agent=user_agent,
        )

        admin_session.additional_properties = d
        return admin_session

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
