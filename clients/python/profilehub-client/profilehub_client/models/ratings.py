from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.platform_rating import PlatformRating


T = TypeVar("T", bound="Ratings")


@_attrs_define
class Ratings:
    """Ratings on a profile: the aggregate and one entry per platform (`null` if not linked).

    Attributes:
        aggregate_rating (int | None): Best weighted rating (CodeChef × 0.76, LeetCode × 0.695, Codeforces × 1.0,
            AtCoder × 1.0) over platforms with status `ok`, rounded; `null` if none.
        atcoder (None | PlatformRating): AtCoder.
        codechef (None | PlatformRating): CodeChef.
        codeforces (None | PlatformRating): Codeforces.
        leetcode (None | PlatformRating): LeetCode.
    """

    aggregate_rating: int | None
    atcoder: None | PlatformRating
    codechef: None | PlatformRating
    codeforces: None | PlatformRating
    leetcode: None | PlatformRating
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.platform_rating import PlatformRating  # noqa: PLC0415

        aggregate_rating: int | None
        aggregate_rating = self.aggregate_rating

        atcoder: dict[str, Any] | None
        if isinstance(self.atcoder, PlatformRating):
            atcoder = self.atcoder.to_dict()
        else:
            atcoder = self.atcoder

        codechef: dict[str, Any] | None
        if isinstance(self.codechef, PlatformRating):
            codechef = self.codechef.to_dict()
        else:
            codechef = self.codechef

        codeforces: dict[str, Any] | None
        if isinstance(self.codeforces, PlatformRating):
            codeforces = self.codeforces.to_dict()
        else:
            codeforces = self.codeforces

        leetcode: dict[str, Any] | None
        if isinstance(self.leetcode, PlatformRating):
            leetcode = self.leetcode.to_dict()
        else:
            leetcode = self.leetcode

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "aggregateRating": aggregate_rating,
                "atcoder": atcoder,
                "codechef": codechef,
                "codeforces": codeforces,
                "leetcode": leetcode,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.platform_rating import PlatformRating  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_aggregate_rating(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        aggregate_rating = _parse_aggregate_rating(d.pop("aggregateRating"))

        def _parse_atcoder(data: object) -> None | PlatformRating:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                atcoder_type_0 = PlatformRating.from_dict(data)

                return atcoder_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlatformRating, data)

        atcoder = _parse_atcoder(d.pop("atcoder"))

        def _parse_codechef(data: object) -> None | PlatformRating:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                codechef_type_0 = PlatformRating.from_dict(data)

                return codechef_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlatformRating, data)

        codechef = _parse_codechef(d.pop("codechef"))

        def _parse_codeforces(data: object) -> None | PlatformRating:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                codeforces_type_0 = PlatformRating.from_dict(data)

                return codeforces_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlatformRating, data)

        codeforces = _parse_codeforces(d.pop("codeforces"))

        def _parse_leetcode(data: object) -> None | PlatformRating:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                leetcode_type_0 = PlatformRating.from_dict(data)

                return leetcode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlatformRating, data)

        leetcode = _parse_leetcode(d.pop("leetcode"))

        ratings = cls(
            aggregate_rating=aggregate_rating,
            atcoder=atcoder,
            codechef=codechef,
            codeforces=codeforces,
            leetcode=leetcode,
        )

        ratings.additional_properties = d
        return ratings

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
