from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DigitomizePlatformRating")


@_attrs_define
class DigitomizePlatformRating:
    """One platform in Digitomize's `ratings` (all `null` when not linked).

    Attributes:
        attended_contests_count (int | None): Rated contests.
        badge (None | str): Platform title.
        fetch_time (int | None): Fetch time, epoch milliseconds.
        rating (int | None): Rating, rounded.
        username (None | str): Platform handle.
    """

    attended_contests_count: int | None
    badge: None | str
    fetch_time: int | None
    rating: int | None
    username: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attended_contests_count: int | None
        attended_contests_count = self.attended_contests_count

        badge: None | str
        badge = self.badge

        fetch_time: int | None
        fetch_time = self.fetch_time

        rating: int | None
        rating = self.rating

        username: None | str
        username = self.username

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attendedContestsCount": attended_contests_count,
                "badge": badge,
                "fetchTime": fetch_time,
                "rating": rating,
                "username": username,
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

        def _parse_fetch_time(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        fetch_time = _parse_fetch_time(d.pop("fetchTime"))

        def _parse_rating(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rating = _parse_rating(d.pop("rating"))

        def _parse_username(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        username = _parse_username(d.pop("username"))

        digitomize_platform_rating = cls(
            attended_contests_count=attended_contests_count,
            badge=badge,
            fetch_time=fetch_time,
            rating=rating,
            username=username,
        )

        digitomize_platform_rating.additional_properties = d
        return digitomize_platform_rating

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
