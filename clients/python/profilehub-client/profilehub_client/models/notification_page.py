from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.notification_view_handle_not_found_notification import NotificationViewHandleNotFoundNotification
    from ..models.notification_view_new_follower_notification import NotificationViewNewFollowerNotification
    from ..models.notification_view_rating_changed_notification import NotificationViewRatingChangedNotification
    from ..models.notification_view_referral_joined_notification import NotificationViewReferralJoinedNotification


T = TypeVar("T", bound="NotificationPage")


@_attrs_define
class NotificationPage:
    """A page of the inbox, newest first.

    Attributes:
        items (list[NotificationViewHandleNotFoundNotification | NotificationViewNewFollowerNotification |
            NotificationViewRatingChangedNotification | NotificationViewReferralJoinedNotification]): This page's
            notifications.
        next_cursor (None | str): Pass as `?cursor=` for the next page; `null` on the last page (and with `page`).
        unread_count (int): Unread notifications in the whole inbox (at most 1,000).
        limit (int | Unset): With `?page=`: the page size.
        page (int | Unset): With `?page=`: this page's number.
        total (int | Unset): With `?page=`: how many notifications match the filters.
    """

    items: list[
        NotificationViewHandleNotFoundNotification
        | NotificationViewNewFollowerNotification
        | NotificationViewRatingChangedNotification
        | NotificationViewReferralJoinedNotification
    ]
    next_cursor: None | str
    unread_count: int
    limit: int | Unset = UNSET
    page: int | Unset = UNSET
    total: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.notification_view_new_follower_notification import NotificationViewNewFollowerNotification  # noqa: PLC0415
        from ..models.notification_view_rating_changed_notification import NotificationViewRatingChangedNotification  # noqa: PLC0415
        from ..models.notification_view_referral_joined_notification import NotificationViewReferralJoinedNotification  # noqa: PLC0415

        items = []
        for items_item_data in self.items:
            items_item: dict[str, Any]
            if isinstance(items_item_data, NotificationViewNewFollowerNotification):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, NotificationViewReferralJoinedNotification):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, NotificationViewRatingChangedNotification):
                items_item = items_item_data.to_dict()
            else:
                items_item = items_item_data.to_dict()

            items.append(items_item)

        next_cursor: None | str
        next_cursor = self.next_cursor

        unread_count = self.unread_count

        limit = self.limit

        page = self.page

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "nextCursor": next_cursor,
                "unreadCount": unread_count,
            }
        )
        if limit is not UNSET:
            field_dict["limit"] = limit
        if page is not UNSET:
            field_dict["page"] = page
        if total is not UNSET:
            field_dict["total"] = total

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.notification_view_handle_not_found_notification import NotificationViewHandleNotFoundNotification  # noqa: PLC0415
        from ..models.notification_view_new_follower_notification import NotificationViewNewFollowerNotification  # noqa: PLC0415
        from ..models.notification_view_rating_changed_notification import NotificationViewRatingChangedNotification  # noqa: PLC0415
        from ..models.notification_view_referral_joined_notification import NotificationViewReferralJoinedNotification  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:

            def _parse_items_item(
                data: object,
            ) -> (
                NotificationViewHandleNotFoundNotification
                | NotificationViewNewFollowerNotification
                | NotificationViewRatingChangedNotification
                | NotificationViewReferralJoinedNotification
            ):
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_notification_view_type_0 = NotificationViewNewFollowerNotification.from_dict(data)

                    return componentsschemas_notification_view_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_notification_view_type_1 = NotificationViewReferralJoinedNotification.from_dict(
                        data
                    )

                    return componentsschemas_notification_view_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_notification_view_type_2 = NotificationViewRatingChangedNotification.from_dict(
                        data
                    )

                    return componentsschemas_notification_view_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_notification_view_type_3 = NotificationViewHandleNotFoundNotification.from_dict(data)

                return componentsschemas_notification_view_type_3

            items_item = _parse_items_item(items_item_data)

            items.append(items_item)

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("nextCursor"))

        unread_count = d.pop("unreadCount")

        limit = d.pop("limit", UNSET)

        page = d.pop("page", UNSET)

        total = d.pop("total", UNSET)

        notification_page = cls(
            items=items,
            next_cursor=next_cursor,
            unread_count=unread_count,
            limit=limit,
            page=page,
            total=total,
        )

        notification_page.additional_properties = d
        return notification_page

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
