from enum import StrEnum


class NotificationViewRatingChangedNotificationType(StrEnum):
    RATING_CHANGED = "rating_changed"

    def __str__(self) -> str:
        return str(self.value)
