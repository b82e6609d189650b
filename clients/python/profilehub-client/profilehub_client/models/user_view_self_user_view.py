from enum import StrEnum


class UserViewSelfUserView(StrEnum):
    SELF = "self"

    def __str__(self) -> str:
        return str(self.value)
