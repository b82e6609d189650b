from enum import StrEnum


class NotificationViewReferralJoinedNotificationType(StrEnum):
    REFERRAL_JOINED = "referral_joined"

    def __str__(self) -> str:
        return str(self.value)
