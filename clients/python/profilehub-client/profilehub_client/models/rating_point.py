from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RatingPoint")


@_attrs_define
class RatingPoint:
    """One point of rating history.

    Attributes:
        attended_contests_count (int | None): Rated contests taken part in.
        badge (None | str): Platform title.
        fetch_time (int): When the value was fetched (epoch ms).
        max_rating (int | None): Highest rating.
        rating (int): Rating, rounded.
    """

    attended_contests_count: int | None
    badge: None | str
    fetch_time: int
    max_rating: int | None
    rating: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attended_contests_count: int | None
        attended_contests_count = self.attended_contests_count

        badge: None | str
        badge = self.badge

        fetch_time = self.fetch_time

        max_rating: int | None
        max_rating = self.max_rating

        rating = self.rating

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attendedContestsCount": attended_contests_count,
                "badge": badge,
                "fetchTime": fetch_time,
                "maxRating": max_rating,
                "rating": rating,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_attended_contests_count(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        attended_contests_count = _parse_attended_contests_count(d.pop("attendedContestsCount"))

        def _parse_badge(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        badge = _parse_badge(d.pop("badge"))

        fetch_time = d.pop("fetchTime")

        def _parse_max_rating(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_rating = _parse_max_rating(d.pop("maxRating"))

        rating = d.pop("rating")

        rating_point = cls(
            attended_contests_count=attended_contests_count,
            badge=badge,
            fetch_time=fetch_time,
            max_rating=max_rating,
            rating=rating,
        )

        rating_point.additional_properties = d
        return rating_point

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
