from enum import StrEnum


class PlatformName(StrEnum):
    ATCODER = "atcoder"
    CODECHEF = "codechef"
    CODEFORCES = "codeforces"
    LEETCODE = "leetcode"

    def __str__(self) -> str:
        return str(self.value)
