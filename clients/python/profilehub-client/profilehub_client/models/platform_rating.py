from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.rating_status import RatingStatus

T = TypeVar("T", bound="PlatformRating")


@_attrs_define
class PlatformRating:
    """One platform's rating on a profile. Values are the last good ones: a failed refresh
    never erases them. Ratings are shown rounded to whole numbers.

        Attributes:
            attended_contests_count (int | None): Rated contests taken part in.
            badge (None | str): The platform's title for the rating (`expert`, `5 star`, `Knight`, `brown`).
            fetch_time (int | None): When the values were fetched (epoch milliseconds).
            handle (str): The linked handle.
            max_rating (int | None): Highest rating, where the platform reports it.
            rating (int | None): Current rating.
            status (RatingStatus): What is known about a linked handle.
    """

    attended_contests_count: int | None
    badge: None | str
    fetch_time: int | None
    handle: str
    max_rating: int | None
    rating: int | None
    status: RatingStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attended_contests_count: int | None
        attended_contests_count = self.attended_contests_count

        badge: None | str
        badge = self.badge

        fetch_time: int | None
        fetch_time = self.fetch_time

        handle = self.handle

        max_rating: int | None
        max_rating = self.max_rating

        rating: int | None
        rating = self.rating

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attendedContestsCount": attended_contests_count,
                "badge": badge,
                "fetchTime": fetch_time,
                "handle": handle,
                "maxRating": max_rating,
                "rating": rating,
                "status": status,
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

        handle = d.pop("handle")

        def _parse_max_rating(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_rating = _parse_max_rating(d.pop("maxRating"))

        def _parse_rating(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rating = _parse_rating(d.pop("rating"))

        status = RatingStatus(d.pop("status"))

        platform_rating = cls(
            attended_contests_count=attended_contests_count,
            badge=badge,
            fetch_time=fetch_time,
            handle=handle,
            max_rating=max_rating,
            rating=rating,
            status=status,
        )

        platform_rating.additional_properties = d
        return platform_rating

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
