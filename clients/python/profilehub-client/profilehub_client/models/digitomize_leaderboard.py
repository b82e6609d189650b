from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.digitomize_leaderboard_row import DigitomizeLeaderboardRow


T = TypeVar("T", bound="DigitomizeLeaderboard")


@_attrs_define
class DigitomizeLeaderboard:
    """Digitomize's leaderboard page.

    Attributes:
        current_page (int): This page's number (from 1).
        leaderboard (list[DigitomizeLeaderboardRow]): This page's rows: five per page, starting after the top three.
        top3 (list[DigitomizeLeaderboardRow]): The best three (on every page).
        total_pages (int): Pages after the top three: `ceil((total_users − 3) / 5)`.
        total_users (int): Users on the board.
        users_in_page (int): Rows in `leaderboard`.
    """

    current_page: int
    leaderboard: list[DigitomizeLeaderboardRow]
    top3: list[DigitomizeLeaderboardRow]
    total_pages: int
    total_users: int
    users_in_page: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        current_page = self.current_page

        leaderboard = []
        for leaderboard_item_data in self.leaderboard:
            leaderboard_item = leaderboard_item_data.to_dict()
            leaderboard.append(leaderboard_item)

        top3 = []
        for top3_item_data in self.top3:
            top3_item = top3_item_data.to_dict()
            top3.append(top3_item)

        total_pages = self.total_pages

        total_users = self.total_users

        users_in_page = self.users_in_page

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "current_page": current_page,
                "leaderboard": leaderboard,
                "top3": top3,
                "total_pages": total_pages,
                "total_users": total_users,
                "users_in_page": users_in_page,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.digitomize_leaderboard_row import DigitomizeLeaderboardRow  # noqa: PLC0415

        d = dict(src_dict)
        current_page = d.pop("current_page")

        leaderboard = []
        _leaderboard = d.pop("leaderboard")
        for leaderboard_item_data in _leaderboard:
            leaderboard_item = DigitomizeLeaderboardRow.from_dict(leaderboard_item_data)

            leaderboard.append(leaderboard_item)

        top3 = []
        _top3 = d.pop("top3")
        for top3_item_data in _top3:
            top3_item = DigitomizeLeaderboardRow.from_dict(top3_item_data)

            top3.append(top3_item)

        total_pages = d.pop("total_pages")

        total_users = d.pop("total_users")

        users_in_page = d.pop("users_in_page")

        digitomize_leaderboard = cls(
            current_page=current_page,
            leaderboard=leaderboard,
            top3=top3,
            total_pages=total_pages,
            total_users=total_users,
            users_in_page=users_in_page,
        )

        digitomize_leaderboard.additional_properties = d
        return digitomize_leaderboard

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
