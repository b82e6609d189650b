from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BoardEntry")


@_attrs_define
class BoardEntry:
    """One row of a leaderboard.

    Attributes:
        badge (None | str): Title on the board's platform (`expert`, `3 star`); `null` on the aggregate board.
        name (None | str): Display name.
        picture_url (None | str): Avatar image URL.
        rank (int): Competition rank: equal ratings share a rank and the next rank skips ("1224").
        rating (int): Rating on this board (the profile's `aggregateRating` on the aggregate board).
        username (str): Username.
    """

    badge: None | str
    name: None | str
    picture_url: None | str
    rank: int
    rating: int
    username: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        badge: None | str
        badge = self.badge

        name: None | str
        name = self.name

        picture_url: None | str
        picture_url = self.picture_url

        rank = self.rank

        rating = self.rating

        username = self.username

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "badge": badge,
                "name": name,
                "pictureUrl": picture_url,
                "rank": rank,
                "rating": rating,
                "username": username,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_badge(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        badge = _parse_badge(d.pop("badge"))

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        def _parse_picture_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        picture_url = _parse_picture_url(d.pop("pictureUrl"))

        rank = d.pop("rank")

        rating = d.pop("rating")

        username = d.pop("username")

        board_entry = cls(
            badge=badge,
            name=name,
            picture_url=picture_url,
            rank=rank,
            rating=rating,
            username=username,
        )

        board_entry.additional_properties = d
        return board_entry

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
