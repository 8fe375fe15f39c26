"""Problems found in data: where (file, row, column), what value, and how serious.

Readers and checks collect every problem instead of stopping at the first, so an analyst fixes
a file in one pass. Rows are 1-based, as a person sees them in Excel or a text editor.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding. ``row`` is None for a whole file, ``column`` None for a whole row."""

    file: str
    row: int | None
    column: str | None
    message: str
    value: str | None = None
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"{self.file}:{self.row if self.row is not None else '-'}:"
        value = f" (value: {self.value!r})" if self.value is not None else ""
        return f"{where} [{self.column or '-'}] {self.severity}: {self.message}{value}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


@dataclass
class Problems:
    """An ordered collection of problems that readers and checks add to."""

    items: list[Problem] = field(default_factory=list)

    def error(self, file, row, column, message, value=None) -> None:
        self.items.append(Problem(str(file), row, column, message, _text(value), ERROR))

    def warning(self, file, row, column, message, value=None) -> None:
        self.items.append(Problem(str(file), row, column, message, _text(value), WARNING))

    def extend(self, other: "Problems | list[Problem]") -> None:
        self.items.extend(other.items if isinstance(other, Problems) else other)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if not p.is_error]

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def _text(value) -> str | None:
    return None if value is None else str(value)


class DataError(Exception):
    """Raised by the public API when data has errors; carries every problem found."""

    def __init__(self, problems: Problems):
        self.problems = problems
        lines = "\n".join(str(p) for p in problems.errors)
        super().__init__(f"{len(problems.errors)} error(s) in the data:\n{lines}")
