from enum import StrEnum


class UserViewPublicProfileView(StrEnum):
    PUBLIC = "public"

    def __str__(self) -> str:
        return str(self.value)
