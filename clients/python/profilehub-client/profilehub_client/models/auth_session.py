from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.self_user import SelfUser
    from ..models.token_pair import TokenPair


T = TypeVar("T", bound="AuthSession")


@_attrs_define
class AuthSession:
    """The account and a fresh token pair.

    Attributes:
        tokens (TokenPair): An access/refresh token pair.
        user (SelfUser): Everything about the caller's own account. Only its owner ever sees this.
    """

    tokens: TokenPair
    user: SelfUser
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tokens = self.tokens.to_dict()

        user = self.user.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tokens": tokens,
                "user": user,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.self_user import SelfUser  # noqa: PLC0415
        from ..models.token_pair import TokenPair  # noqa: PLC0415

        d = dict(src_dict)
        tokens = TokenPair.from_dict(d.pop("tokens"))

        user = SelfUser.from_dict(d.pop("user"))

        auth_session = cls(
            tokens=tokens,
            user=user,
        )

        auth_session.additional_properties = d
        return auth_session

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
