from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RelationshipView")


@_attrs_define
class RelationshipView:
    """How the caller and one other user are related.

    Attributes:
        followed_by (bool): They follow the caller.
        following (bool): The caller follows them.
        username (str): The other user's username.
    """

    followed_by: bool
    following: bool
    username: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        followed_by = self.followed_by

        following = self.following

        username = self.username

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "followedBy": followed_by,
                "following": following,
                "username": username,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        followed_by = d.pop("followedBy")

        following = d.pop("following")

        username = d.pop("username")

        relationship_view = cls(
            followed_by=followed_by,
            following=following,
            username=username,
        )

        relationship_view.additional_properties = d
        return relationship_view

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
