from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.handle_not_found_data import HandleNotFoundData
    from ..models.notification_actor import NotificationActor


T = TypeVar("T", bound="HandleNotFoundNotification")


@_attrs_define
class HandleNotFoundNotification:
    """A platform does not know the recipient's linked handle.

    Attributes:
        actor (None | NotificationActor): The user who caused it (`null` when none, or the account is gone).
        created_at (datetime.datetime): When it happened.
        data (HandleNotFoundData): Details of a `handle_not_found` notification.
        id (UUID): Id.
        read_at (datetime.datetime | None): When the recipient marked it read; `null` while unread.
    """

    actor: None | NotificationActor
    created_at: datetime.datetime
    data: HandleNotFoundData
    id: UUID
    read_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.notification_actor import NotificationActor  # noqa: PLC0415

        actor: dict[str, Any] | None
        if isinstance(self.actor, NotificationActor):
            actor = self.actor.to_dict()
        else:
            actor = self.actor

        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        id = str(self.id)

        read_at: None | str
        if isinstance(self.read_at, datetime.datetime):
            read_at = self.read_at.isoformat()
        else:
            read_at = self.read_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor": actor,
                "createdAt": created_at,
                "data": data,
                "id": id,
                "readAt": read_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.handle_not_found_data import HandleNotFoundData  # noqa: PLC0415
        from ..models.notification_actor import NotificationActor  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_actor(data: object) -> None | NotificationActor:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                actor_type_0 = NotificationActor.from_dict(data)

                return actor_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | NotificationActor, data)

        actor = _parse_actor(d.pop("actor"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        data = HandleNotFoundData.from_dict(d.pop("data"))

        id = UUID(d.pop("id"))

        def _parse_read_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                read_at_type_0 = datetime.datetime.fromisoformat(data)

                return read_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        read_at = _parse_read_at(d.pop("readAt"))

        handle_not_found_notification = cls(
            actor=actor,
            created_at=created_at,
            data=data,
            id=id,
            read_at=read_at,
        )

        handle_not_found_notification.additional_properties = d
        return handle_not_found_notification

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
