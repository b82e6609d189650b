from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.required_action_name import RequiredActionName
from ..models.role_name import RoleName
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.admin_user_update_attributes import AdminUserUpdateAttributes
    from ..models.update_user_request import UpdateUserRequest


T = TypeVar("T", bound="AdminUserUpdate")


@_attrs_define
class AdminUserUpdate:
    """An administrator's change to an account: absent fields are left alone. Unknown fields
    are refused with 422 and nothing changes.

        Attributes:
            attributes (AdminUserUpdateAttributes | Unset): Attributes to merge: a name set to an array of strings replaces
                that attribute's
                values, a name set to `null` removes it, names not mentioned stay. At most 50
                names of 1–64 characters `[a-zA-Z0-9_.-]`, 10 values of at most 255 characters.
            email_verified (bool | Unset): Mark the email address verified (which completes `VERIFY_EMAIL`) or not.
            enabled (bool | Unset): Enable or disable the account. Disabling ends every session at once; login then
                answers 403 `ACCOUNT_DISABLED`.
            profile (UpdateUserRequest | Unset): A partial update of the caller's profile: absent fields are left alone,
                `null` clears a
                nullable field. Any other field (`id`, `role`, `enabled`, `emailVerified`, `password`,
                `createdAt`, …) is refused with 422 and nothing changes.
            required_actions (list[RequiredActionName] | Unset): The pending required actions, replacing the current ones
                (`[]` clears them).
            role (RoleName | Unset): Account role.
    """

    attributes: AdminUserUpdateAttributes | Unset = UNSET
    email_verified: bool | Unset = UNSET
    enabled: bool | Unset = UNSET
    profile: UpdateUserRequest | Unset = UNSET
    required_actions: list[RequiredActionName] | Unset = UNSET
    role: RoleName | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        email_verified = self.email_verified

        enabled = self.enabled

        profile: dict[str, Any] | Unset = UNSET
        if not isinstance(self.profile, Unset):
            profile = self.profile.to_dict()

        required_actions: list[str] | Unset = UNSET
        if not isinstance(self.required_actions, Unset):
            required_actions = []
            for required_actions_item_data in self.required_actions:
                required_actions_item = required_actions_item_data.value
                required_actions.append(required_actions_item)

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if email_verified is not UNSET:
            field_dict["emailVerified"] = email_verified
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if profile is not UNSET:
            field_dict["profile"] = profile
        if required_actions is not UNSET:
            field_dict["requiredActions"] = required_actions
        if role is not UNSET:
            field_dict["role"] = role

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.admin_user_update_attributes import AdminUserUpdateAttributes  # noqa: PLC0415
        from ..models.update_user_request import UpdateUserRequest  # noqa: PLC0415

        d = dict(src_dict)
        _attributes = d.pop("attributes", UNSET)
        attributes: AdminUserUpdateAttributes | Unset
        if isinstance(_attributes, Unset):
            attributes = UNSET
        else:
            attributes = AdminUserUpdateAttributes.from_dict(_attributes)

        email_verified = d.pop("emailVerified", UNSET)

        enabled = d.pop("enabled", UNSET)

        _profile = d.pop("profile", UNSET)
        profile: UpdateUserRequest | Unset
        if isinstance(_profile, Unset):
            profile = UNSET
        else:
            profile = UpdateUserRequest.from_dict(_profile)

        _required_actions = d.pop("requiredActions", UNSET)
        required_actions: list[RequiredActionName] | Unset = UNSET
        if _required_actions is not UNSET:
            required_actions = []
            for required_actions_item_data in _required_actions:
                required_actions_item = RequiredActionName(required_actions_item_data)

                required_actions.append(required_actions_item)

        _role = d.pop("role", UNSET)
        role: RoleName | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = RoleName(_role)

        admin_user_update = cls(
            attributes=attributes,
            email_verified=email_verified,
            enabled=enabled,
            profile=profile,
            required_actions=required_actions,
            role=role,
        )

        return admin_user_update
