from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.platform_name import PlatformName
from ..models.rating_status import RatingStatus

T = TypeVar("T", bound="LinkedHandleView")


@_attrs_define
class LinkedHandleView:
    """A linked handle as its owner sees it, with the refresher's bookkeeping.

    Attributes:
        attended_contests_count (int | None): Rated contests taken part in.
        badge (None | str): The platform's title for the rating (`expert`, `5 star`, `Knight`, `brown`).
        fetch_time (int | None): When the values were fetched (epoch milliseconds).
        handle (str): The linked handle.
        last_attempt_at (int | None): Last fetch attempt (epoch ms).
        last_error (None | str): Why the last attempt failed, if it did.
        max_rating (int | None): Highest rating, where the platform reports it.
        next_attempt_at (int | None): No attempt before this time after a failure (epoch ms).
        platform (PlatformName): A rating platform.
        queued (bool): An immediate fetch is queued.
        rating (int | None): Current rating.
        status (RatingStatus): What is known about a linked handle.
    """

    attended_contests_count: int | None
    badge: None | str
    fetch_time: int | None
    handle: str
    last_attempt_at: int | None
    last_error: None | str
    max_rating: int | None
    next_attempt_at: int | None
    platform: PlatformName
    queued: bool
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

        last_attempt_at: int | None
        last_attempt_at = self.last_attempt_at

        last_error: None | str
        last_error = self.last_error

        max_rating: int | None
        max_rating = self.max_rating

        next_attempt_at: int | None
        next_attempt_at = self.next_attempt_at

        platform = self.platform.value

        queued = self.queued

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
                "lastAttemptAt": last_attempt_at,
                "lastError": last_error,
                "maxRating": max_rating,
                "nextAttemptAt": next_attempt_at,
                "platform": platform,
                "queued": queued,
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

        def _parse_last_attempt_at(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        last_attempt_at = _parse_last_attempt_at(d.pop("lastAttemptAt"))

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("lastError"))

        def _parse_max_rating(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_rating = _parse_max_rating(d.pop("maxRating"))

        def _parse_next_attempt_at(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        next_attempt_at = _parse_next_attempt_at(d.pop("nextAttemptAt"))

        platform = PlatformName(d.pop("platform"))

        queued = d.pop("queued")

        def _parse_rating(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rating = _parse_rating(d.pop("rating"))

        status = RatingStatus(d.pop("status"))

        linked_handle_view = cls(
            attended_contests_count=attended_contests_count,
            badge=badge,
            fetch_time=fetch_time,
            handle=handle,
            last_attempt_at=last_attempt_at,
            last_error=last_error,
            max_rating=max_rating,
            next_attempt_at=next_attempt_at,
            platform=platform,
            queued=queued,
            rating=rating,
            status=status,
        )

        linked_handle_view.additional_properties = d
        return linked_handle_view

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
