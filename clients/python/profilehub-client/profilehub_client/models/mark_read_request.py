from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="MarkReadRequest")


@_attrs_define
class MarkReadRequest:
    """Which notifications to mark read: exactly one of `ids`, `all` or `upTo`.

    Attributes:
        all_ (bool | Unset): Every notification (must be `true` when given).
        ids (list[UUID] | Unset): These notifications (1–100 ids).
        up_to (UUID | Unset): This notification and every older one.
    """

    all_: bool | Unset = UNSET
    ids: list[UUID] | Unset = UNSET
    up_to: UUID | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        all_ = self.all_

        ids: list[str] | Unset = UNSET
        if not isinstance(self.ids, Unset):
            ids = []
            for ids_item_data in self.ids:
                ids_item = str(ids_item_data)
                ids.append(ids_item)

        up_to: str | Unset = UNSET
        if not isinstance(self.up_to, Unset):
            up_to = str(self.up_to)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if all_ is not UNSET:
            field_dict["all"] = all_
        if ids is not UNSET:
            field_dict["ids"] = ids
        if up_to is not UNSET:
            field_dict["upTo"] = up_to

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        all_ = d.pop("all", UNSET)

        _ids = d.pop("ids", UNSET)
        ids: list[UUID] | Unset = UNSET
        if _ids is not UNSET:
            ids = []
            for ids_item_data in _ids:
                ids_item = UUID(ids_item_data)

                ids.append(ids_item)

        _up_to = d.pop("upTo", UNSET)
        up_to: UUID | Unset
        if isinstance(_up_to, Unset):
            up_to = UNSET
        else:
            up_to = UUID(_up_to)

        mark_read_request = cls(
            all_=all_,
            ids=ids,
            up_to=up_to,
        )

        return mark_read_request
