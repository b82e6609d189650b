from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.list_name import ListName

T = TypeVar("T", bound="ListItemView")


@_attrs_define
class ListItemView:
    """An item on a list.

    Attributes:
        added_at (datetime.datetime): When it was added (adding again keeps this).
        external_id (str): Its id there.
        list_ (ListName): A profile's item lists.
        name (str): Its display name.
        source (str): Where the item comes from, e.g. `igdb`.
    """

    added_at: datetime.datetime
    external_id: str
    list_: ListName
    name: str
    source: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        added_at = self.added_at.isoformat()

        external_id = self.external_id

        list_ = self.list_.value

        name = self.name

        source = self.source

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "addedAt": added_at,
                "externalId": external_id,
                "list": list_,
                "name": name,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        added_at = datetime.datetime.fromisoformat(d.pop("addedAt"))

        external_id = d.pop("externalId")

        list_ = ListName(d.pop("list"))

        name = d.pop("name")

        source = d.pop("source")

        list_item_view = cls(
            added_at=added_at,
            external_id=external_id,
            list_=list_,
            name=name,
            source=source,
        )

        list_item_view.additional_properties = d
        return list_item_view

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
