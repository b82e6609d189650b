from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.digitomize_platform_rating import DigitomizePlatformRating


T = TypeVar("T", bound="DigitomizeRatings")


@_attrs_define
class DigitomizeRatings:
    """Digitomize's `ratings`.

    Attributes:
        codechef (DigitomizePlatformRating): One platform in Digitomize's `ratings` (all `null` when not linked).
        codeforces (DigitomizePlatformRating): One platform in Digitomize's `ratings` (all `null` when not linked).
        digitomize_rating (int): The profile's `aggregateRating` (best of CodeChef × 0.76, LeetCode × 0.695,
            Codeforces × 1.0, AtCoder × 1.0 over platforms with status `ok`; 0 when none).
        leetcode (DigitomizePlatformRating): One platform in Digitomize's `ratings` (all `null` when not linked).
    """

    codechef: DigitomizePlatformRating
    codeforces: DigitomizePlatformRating
    digitomize_rating: int
    leetcode: DigitomizePlatformRating
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        codechef = self.codechef.to_dict()

        codeforces = self.codeforces.to_dict()

        digitomize_rating = self.digitomize_rating

        leetcode = self.leetcode.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "codechef": codechef,
                "codeforces": codeforces,
                "digitomize_rating": digitomize_rating,
                "leetcode": leetcode,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.digitomize_platform_rating import DigitomizePlatformRating  # noqa: PLC0415

        d = dict(src_dict)
        codechef = DigitomizePlatformRating.from_dict(d.pop("codechef"))

        codeforces = DigitomizePlatformRating.from_dict(d.pop("codeforces"))

        digitomize_rating = d.pop("digitomize_rating")

        leetcode = DigitomizePlatformRating.from_dict(d.pop("leetcode"))

        digitomize_ratings = cls(
            codechef=codechef,
            codeforces=codeforces,
            digitomize_rating=digitomize_rating,
            leetcode=leetcode,
        )

        digitomize_ratings.additional_properties = d
        return digitomize_ratings

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
