from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="SetHandleRequest")


@_attrs_define
class SetHandleRequest:
    """A handle to link.

    Attributes:
        handle (str): The handle, or a pasted profile URL (`https://codeforces.com/profile/tourist`)
            which is reduced to the handle. Its format depends on the platform.
    """

    handle: str

    def to_dict(self) -> dict[str, Any]:
        handle = self.handle

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "handle": handle,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        handle = d.pop("handle")

        set_handle_request = cls(
            handle=handle,
        )

        return set_handle_request
