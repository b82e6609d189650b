from enum import StrEnum


class RequiredActionName(StrEnum):
    TERMS_AND_CONDITIONS = "TERMS_AND_CONDITIONS"
    UPDATE_PASSWORD = "UPDATE_PASSWORD"
    UPDATE_PROFILE = "UPDATE_PROFILE"
    VERIFY_EMAIL = "VERIFY_EMAIL"

    def __str__(self) -> str:
        return str(self.value)
