from enum import StrEnum


class ListName(StrEnum):
    BACKLOG = "backlog"
    FAVORITES = "favorites"
    LIKED = "liked"
    PLAYED = "played"
    WISHLIST = "wishlist"

    def __str__(self) -> str:
        return str(self.value)
