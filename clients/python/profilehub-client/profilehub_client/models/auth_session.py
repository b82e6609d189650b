from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.required_action_name import RequiredActionName

if TYPE_CHECKING:
    from ..models.self_user import SelfUser
    from ..models.token_pair import TokenPair


T = TypeVar("T", bound="AuthSession")


@_attrs_define
class AuthSession:
    """The account and a fresh token pair.

    Attributes:
        required_actions (list[RequiredActionName]): What the account must do first (as in `user.requiredActions`):
            while any is
            pending, the tokens work only for `GET /v1/users/me`, the operations that complete
            them (`PATCH /v1/users/me`, `POST /v1/users/me/password`,
            `POST /v1/users/me/terms/accept`) and logging out; the rest answers 403
            `REQUIRED_ACTION`.
        tokens (TokenPair): An access/refresh token pair.
        user (SelfUser): Everything about the caller's own account. Only its owner ever sees this.
    """

    required_actions: list[RequiredActionName]
    tokens: TokenPair
    user: SelfUser
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        required_actions = []
        for required_actions_item_data in self.required_actions:
            required_actions_item = required_actions_item_data.value
            required_actions.append(required_actions_item)

        tokens = self.tokens.to_dict()

        user = self.user.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "requiredActions": required_actions,
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
        required_actions = []
        _required_actions = d.pop("requiredActions")
        for required_actions_item_data in _required_actions:
            required_actions_item = RequiredActionName(required_actions_item_data)

            required_actions.append(required_actions_item)

        tokens = TokenPair.from_dict(d.pop("tokens"))

        user = SelfUser.from_dict(d.pop("user"))

        auth_session = cls(
            required_actions=required_actions,
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
