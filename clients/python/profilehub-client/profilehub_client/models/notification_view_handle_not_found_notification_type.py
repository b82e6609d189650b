from enum import StrEnum


class NotificationViewHandleNotFoundNotificationType(StrEnum):
    HANDLE_NOT_FOUND = "handle_not_found"

    def __str__(self) -> str:
        return str(self.value)
