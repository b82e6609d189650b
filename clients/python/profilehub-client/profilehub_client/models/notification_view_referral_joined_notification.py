from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.notification_view_referral_joined_notification_type import NotificationViewReferralJoinedNotificationType

if TYPE_CHECKING:
    from ..models.notification_actor import NotificationActor
    from ..models.referral_joined_data import ReferralJoinedData


T = TypeVar("T", bound="NotificationViewReferralJoinedNotification")


@_attrs_define
class NotificationViewReferralJoinedNotification:
    """One notification; `type` says which kind and so the shape of `data`.

    Attributes:
        actor (None | NotificationActor): The user who caused it (`null` when none, or the account is gone).
        created_at (datetime.datetime): When it happened.
        data (ReferralJoinedData): Details of a `referral_joined` notification.
        id (UUID): Id.
        read_at (datetime.datetime | None): When the recipient marked it read; `null` while unread.
        type_ (NotificationViewReferralJoinedNotificationType):  Example: referral_joined.
    """

    actor: None | NotificationActor
    created_at: datetime.datetime
    data: ReferralJoinedData
    id: UUID
    read_at: datetime.datetime | None
    type_: NotificationViewReferralJoinedNotificationType
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

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor": actor,
                "createdAt": created_at,
                "data": data,
                "id": id,
                "readAt": read_at,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.notification_actor import NotificationActor  # noqa: PLC0415
        from ..models.referral_joined_data import ReferralJoinedData  # noqa: PLC0415

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

        data = ReferralJoinedData.from_dict(d.pop("data"))

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

        type_ = NotificationViewReferralJoinedNotificationType(d.pop("type"))

        notification_view_referral_joined_notification = cls(
            actor=actor,
            created_at=created_at,
            data=data,
            id=id,
            read_at=read_at,
            type_=type_,
        )

        notification_view_referral_joined_notification.additional_properties = d
        return notification_view_referral_joined_notification

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
