from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ContestRating")


@_attrs_define
class ContestRating:
    """One rated contest: a point of a user's rating history on a platform.

    Attributes:
        contest_id (str): The platform's id of the contest (Codeforces contest id, AtCoder contest such as
            `abc416`, CodeChef contest code such as `START177D`, LeetCode contest slug such as
            `weekly-contest-252`).
        contest_name (str): The contest's name, as the platform shows it.
        new_rating (int): Rating after the contest, rounded. The latest contest's is the profile's rating
            (unless the platform's last series could not be read; the stored one stays).
        old_rating (int | None): Rating before the contest, rounded (`null` when the platform reports none).
        rank (int | None): The user's place in the contest.
        time (int): When the contest happened (epoch ms): its rating update on Codeforces, its end on
            AtCoder and CodeChef, its start on LeetCode (the only time it reports).
    """

    contest_id: str
    contest_name: str
    new_rating: int
    old_rating: int | None
    rank: int | None
    time: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contest_id = self.contest_id

        contest_name = self.contest_name

        new_rating = self.new_rating

        old_rating: int | None
        old_rating = self.old_rating

        rank: int | None
        rank = self.rank

        time = self.time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contestId": contest_id,
                "contestName": contest_name,
                "newRating": new_rating,
                "oldRating": old_rating,
                "rank": rank,
                "time": time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        contest_id = d.pop("contestId")

        contest_name = d.pop("contestName")

        new_rating = d.pop("newRating")

        def _parse_old_rating(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        old_rating = _parse_old_rating(d.pop("oldRating"))

        def _parse_rank(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rank = _parse_rank(d.pop("rank"))

        time = d.pop("time")

        contest_rating = cls(
            contest_id=contest_id,
            contest_name=contest_name,
            new_rating=new_rating,
            old_rating=old_rating,
            rank=rank,
            time=time,
        )

        contest_rating.additional_properties = d
        return contest_rating

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
