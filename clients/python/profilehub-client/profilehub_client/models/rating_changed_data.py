from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RatingChangedData")


@_attrs_define
class RatingChangedData:
    """Details of a `rating_changed` notification.

    Attributes:
        handle (str): The handle on it.
        new_badge (None | str): The badge now.
        new_rating (float): The rating now.
        old_badge (None | str): The badge before.
        old_rating (float): The rating before.
        platform (str): The platform.
    """

    handle: str
    new_badge: None | str
    new_rating: float
    old_badge: None | str
    old_rating: float
    platform: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        handle = self.handle

        new_badge: None | str
        new_badge = self.new_badge

        new_rating = self.new_rating

        old_badge: None | str
        old_badge = self.old_badge

        old_rating = self.old_rating

        platform = self.platform

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "handle": handle,
                "newBadge": new_badge,
                "newRating": new_rating,
                "oldBadge": old_badge,
                "oldRating": old_rating,
                "platform": platform,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        handle = d.pop("handle")

        def _parse_new_badge(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        new_badge = _parse_new_badge(d.pop("newBadge"))

        new_rating = d.pop("newRating")

        def _parse_old_badge(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        old_badge = _parse_old_badge(d.pop("oldBadge"))

        old_rating = d.pop("oldRating")

        platform = d.pop("platform")

        rating_changed_data = cls(
            handle=handle,
            new_badge=new_badge,
            new_rating=new_rating,
            old_badge=old_badge,
            old_rating=old_rating,
            platform=platform,
        )

        rating_changed_data.additional_properties = d
        return rating_changed_data

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
