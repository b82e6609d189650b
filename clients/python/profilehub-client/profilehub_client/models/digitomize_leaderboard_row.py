from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DigitomizeLeaderboardRow")


@_attrs_define
class DigitomizeLeaderboardRow:
    """A row of Digitomize's leaderboard.

    Attributes:
        codechef (int | None): CodeChef rating (`null` without one).
        codeforces (int | None): Codeforces rating.
        digitomize_rating (int): The aggregate rating (0 without one).
        leetcode (int | None): LeetCode rating.
        name (None | str): Display name.
        picture (None | str): Avatar URL.
        platform_rating (int | None): The rating on `?platform=`; `null` without `platform`.
        username (str): Username.
    """

    codechef: int | None
    codeforces: int | None
    digitomize_rating: int
    leetcode: int | None
    name: None | str
    picture: None | str
    platform_rating: int | None
    username: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        codechef: int | None
        codechef = self.codechef

        codeforces: int | None
        codeforces = self.codeforces

        digitomize_rating = self.digitomize_rating

        leetcode: int | None
        leetcode = self.leetcode

        name: None | str
        name = self.name

        picture: None | str
        picture = self.picture

        platform_rating: int | None
        platform_rating = self.platform_rating

        username = self.username

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "codechef": codechef,
                "codeforces": codeforces,
                "digitomize_rating": digitomize_rating,
                "leetcode": leetcode,
                "name": name,
                "picture": picture,
                "platform_rating": platform_rating,
                "username": username,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_codechef(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        codechef = _parse_codechef(d.pop("codechef"))

        def _parse_codeforces(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        codeforces = _parse_codeforces(d.pop("codeforces"))

        digitomize_rating = d.pop("digitomize_rating")

        def _parse_leetcode(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        leetcode = _parse_leetcode(d.pop("leetcode"))

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        def _parse_picture(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        picture = _parse_picture(d.pop("picture"))

        def _parse_platform_rating(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        platform_rating = _parse_platform_rating(d.pop("platform_rating"))

        username = d.pop("username")

        digitomize_leaderboard_row = cls(
            codechef=codechef,
            codeforces=codeforces,
            digitomize_rating=digitomize_rating,
            leetcode=leetcode,
            name=name,
            picture=picture,
            platform_rating=platform_rating,
            username=username,
        )

        digitomize_leaderboard_row.additional_properties = d
        return digitomize_leaderboard_row

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
