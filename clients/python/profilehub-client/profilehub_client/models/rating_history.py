from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.platform_name import PlatformName

if TYPE_CHECKING:
    from ..models.rating_point import RatingPoint


T = TypeVar("T", bound="RatingHistory")


@_attrs_define
class RatingHistory:
    """A user's rating over time on one platform.

    Attributes:
        handle (None | str): The currently linked handle (`null` if none).
        platform (PlatformName): A rating platform.
        points (list[RatingPoint]): One point whenever a fetched value changed, oldest first.
    """

    handle: None | str
    platform: PlatformName
    points: list[RatingPoint]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        handle: None | str
        handle = self.handle

        platform = self.platform.value

        points = []
        for points_item_data in self.points:
            points_item = points_item_data.to_dict()
            points.append(points_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "handle": handle,
                "platform": platform,
                "points": points,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rating_point import RatingPoint  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_handle(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        handle = _parse_handle(d.pop("handle"))

        platform = PlatformName(d.pop("platform"))

        points = []
        _points = d.pop("points")
        for points_item_data in _points:
            points_item = RatingPoint.from_dict(points_item_data)

            points.append(points_item)

        rating_history = cls(
            handle=handle,
            platform=platform,
            points=points,
        )

        rating_history.additional_properties = d
        return rating_history

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
