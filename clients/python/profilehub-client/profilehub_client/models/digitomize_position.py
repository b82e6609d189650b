from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.digitomize_board_ratings import DigitomizeBoardRatings


T = TypeVar("T", bound="DigitomizePosition")


@_attrs_define
class DigitomizePosition:
    """A user's position on Digitomize's leaderboard.

    Attributes:
        ratings (DigitomizeBoardRatings): Every rating of one user, as Digitomize's leaderboard shows them.
        user_position (int): The user's rank on the board (competition rank: equal ratings share it).
    """

    ratings: DigitomizeBoardRatings
    user_position: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ratings = self.ratings.to_dict()

        user_position = self.user_position

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ratings": ratings,
                "user_position": user_position,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.digitomize_board_ratings import DigitomizeBoardRatings  # noqa: PLC0415

        d = dict(src_dict)
        ratings = DigitomizeBoardRatings.from_dict(d.pop("ratings"))

        user_position = d.pop("user_position")

        digitomize_position = cls(
            ratings=ratings,
            user_position=user_position,
        )

        digitomize_position.additional_properties = d
        return digitomize_position

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
