"""The one error type the pipeline raises for bad input, and how it prints."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        # One line per problem, whatever the message holds, so tools can parse the output.
        message = " ".join(self.message.split())
        return f"{self.file}:{self.line}:{self.column}: {self.field}: {message}"


class BankError(Exception):
    """Raised with every problem found, so an author fixes them all in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(map(str, self.problems)))
