from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ListCounts")


@_attrs_define
class ListCounts:
    """How many items each of a profile's lists holds.

    Attributes:
        backlog (int): Backlog.
        favorites (int): Favorites.
        liked (int): Liked.
        played (int): Played.
        wishlist (int): Wishlist.
    """

    backlog: int
    favorites: int
    liked: int
    played: int
    wishlist: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        backlog = self.backlog

        favorites = self.favorites

        liked = self.liked

        played = self.played

        wishlist = self.wishlist

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "backlog": backlog,
                "favorites": favorites,
                "liked": liked,
                "played": played,
                "wishlist": wishlist,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        backlog = d.pop("backlog")

        favorites = d.pop("favorites")

        liked = d.pop("liked")

        played = d.pop("played")

        wishlist = d.pop("wishlist")

        list_counts = cls(
            backlog=backlog,
            favorites=favorites,
            liked=liked,
            played=played,
            wishlist=wishlist,
        )

        list_counts.additional_properties = d
        return list_counts

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
