from enum import StrEnum


class RatingStatus(StrEnum):
    ERROR = "error"
    NOT_FOUND = "not_found"
    OK = "ok"
    PENDING = "pending"
    UNRATED = "unrated"

    def __str__(self) -> str:
        return str(self.value)
