from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.board_name import BoardName

if TYPE_CHECKING:
    from ..models.neighbours import Neighbours


T = TypeVar("T", bound="BoardStanding")


@_attrs_define
class BoardStanding:
    """A user's place on a leaderboard.

    Attributes:
        board (BoardName): A leaderboard: by the aggregate rating, or by one platform's.
        neighbours (Neighbours): The users around someone on a leaderboard.
        percentile (float): Share of the board ranked at or below this user, in percent (the leader: 100).
        rank (int): Competition rank (1 is the best).
        rating (int): The user's rating on the board.
        total (int): Users on the board.
    """

    board: BoardName
    neighbours: Neighbours
    percentile: float
    rank: int
    rating: int
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        board = self.board.value

        neighbours = self.neighbours.to_dict()

        percentile = self.percentile

        rank = self.rank

        rating = self.rating

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "board": board,
                "neighbours": neighbours,
                "percentile": percentile,
                "rank": rank,
                "rating": rating,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.neighbours import Neighbours  # noqa: PLC0415

        d = dict(src_dict)
        board = BoardName(d.pop("board"))

        neighbours = Neighbours.from_dict(d.pop("neighbours"))

        percentile = d.pop("percentile")

        rank = d.pop("rank")

        rating = d.pop("rating")

        total = d.pop("total")

        board_standing = cls(
            board=board,
            neighbours=neighbours,
            percentile=percentile,
            rank=rank,
            rating=rating,
            total=total,
        )

        board_standing.additional_properties = d
        return board_standing

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
