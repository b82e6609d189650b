from enum import StrEnum


class ListLeaderboardScope(StrEnum):
    EVERYONE = "everyone"
    FOLLOWING = "following"

    def __str__(self) -> str:
        return str(self.value)
