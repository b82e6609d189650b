from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MarkReadResult")


@_attrs_define
class MarkReadResult:
    """What marking read did.

    Attributes:
        marked (int): Notifications marked (with `ids`: how many of them are the caller's).
        not_found (list[UUID]): Given ids that are not the caller's notifications (nothing was done to them).
    """

    marked: int
    not_found: list[UUID]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        marked = self.marked

        not_found = []
        for not_found_item_data in self.not_found:
            not_found_item = str(not_found_item_data)
            not_found.append(not_found_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "marked": marked,
                "notFound": not_found,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        marked = d.pop("marked")

        not_found = []
        _not_found = d.pop("notFound")
        for not_found_item_data in _not_found:
            not_found_item = UUID(not_found_item_data)

            not_found.append(not_found_item)

        mark_read_result = cls(
            marked=marked,
            not_found=not_found,
        )

        mark_read_result.additional_properties = d
        return mark_read_result

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
