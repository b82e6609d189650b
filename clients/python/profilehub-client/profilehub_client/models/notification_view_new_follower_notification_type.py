from enum import StrEnum


class NotificationViewNewFollowerNotificationType(StrEnum):
    NEW_FOLLOWER = "new_follower"

    def __str__(self) -> str:
        return str(self.value)
