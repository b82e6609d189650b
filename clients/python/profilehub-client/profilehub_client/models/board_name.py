from enum import StrEnum


class BoardName(StrEnum):
    AGGREGATE = "aggregate"
    ATCODER = "atcoder"
    CODECHEF = "codechef"
    CODEFORCES = "codeforces"
    LEETCODE = "leetcode"

    def __str__(self) -> str:
        return str(self.value)
