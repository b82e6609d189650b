from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.audit_record_changes import AuditRecordChanges


T = TypeVar("T", bound="AuditRecord")


@_attrs_define
class AuditRecord:
    """An administrative action.

    Attributes:
        action (str): What: `user.update`, `user.delete`, `user.session.revoke`, `user.sessions.revoke`,
            `user.login_failures.clear`, `role.grant`, `role.revoke`, `user.create`.
        actor_id (None | UUID): The administrator (`null`: the `profilehub admin` command line).
        actor_name (str): Their username at the time (`command-line` for the command line).
        at (datetime.datetime): When.
        changes (AuditRecordChanges): The fields changed and their new values (profile fields by name only; never a
            secret).
        id (UUID): Record id.
        request_id (None | str): The `X-Request-Id` of the request.
        target_id (None | UUID): The account acted on.
        target_name (None | str): Its username at the time.
    """

    action: str
    actor_id: None | UUID
    actor_name: str
    at: datetime.datetime
    changes: AuditRecordChanges
    id: UUID
    request_id: None | str
    target_id: None | UUID
    target_name: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        actor_id: None | str
        if isinstance(self.actor_id, UUID):
            actor_id = str(self.actor_id)
        else:
            actor_id = self.actor_id

        actor_name = self.actor_name

        at = self.at.isoformat()

        changes = self.changes.to_dict()

        id = str(self.id)

        request_id: None | str
        request_id = self.request_id

        target_id: None | str
        if isinstance(self.target_id, UUID):
            target_id = str(self.target_id)
        else:
            target_id = self.target_id

        target_name: None | str
        target_name = self.target_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "actorId": actor_id,
                "actorName": actor_name,
                "at": at,
                "changes": changes,
                "id": id,
                "requestId": request_id,
                "targetId": target_id,
                "targetName": target_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_record_changes import AuditRecordChanges  # noqa: PLC0415

        d = dict(src_dict)
        action = d.pop("action")

        def _parse_actor_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                actor_id_type_0 = UUID(data)

                return actor_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        actor_id = _parse_actor_id(d.pop("actorId"))

        actor_name = d.pop("actorName")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        changes = AuditRecordChanges.from_dict(d.pop("changes"))

        id = UUID(d.pop("id"))

        def _parse_request_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        request_id = _parse_request_id(d.pop("requestId"))

        def _parse_target_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                target_id_type_0 = UUID(data)

                return target_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        target_id = _parse_target_id(d.pop("targetId"))

        def _parse_target_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        target_name = _parse_target_name(d.pop("targetName"))

        audit_record = cls(
            action=action,
            actor_id=actor_id,
            actor_name=actor_name,
            at=at,
            changes=changes,
            id=id,
            request_id=request_id,
            target_id=target_id,
            target_name=target_name,
        )

        audit_record.additional_properties = d
        return audit_record

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
