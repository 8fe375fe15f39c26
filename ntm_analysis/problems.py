"""Problems found in data: where (file, row, column), what value, and how serious.

Readers and checks collect every problem instead of stopping at the first, so an analyst fixes
a file in one pass. Rows are 1-based, as a person sees them in Excel or a text editor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .vocab_messages import MESSAGES, Message, message_text, plain, problem_word

ERROR, WARNING = "error", "warning"


QUOTED_DIGITS = 20  # a longer number is quoted by its first digits and its length
_NUMBER = re.compile(r"[-+]?\d{%d,}" % (QUOTED_DIGITS + 5))


def quoted(value: str, lang: str = "en") -> str:
    """A value as a message line quotes it: ``repr``, but a number of hundreds of digits (a cell
    holding 1E+300, a row of nines) by its first digits and how many there are, so that the
    line stays readable. The whole value stays in ``Problem.value``."""
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        digits = len(value.lstrip("+-"))
        shown = value[:QUOTED_DIGITS + len(value) - digits]  # the sign and the first digits
        return f"'{shown}…' ({problem_word('digits', lang, n=digits)})"
    return repr(value)


@dataclass(frozen=True, order=True)
class Problem:
    """One finding. ``row`` is None for a whole file, ``column`` None for a whole row.

    ``message`` is a ``vocab_messages.Message``: its English text as a ``str`` (what ``str()``
    and the library API read), with its message id (``key``) and values (``params``), so that
    ``text(lang)`` says the whole line in another language. A column the file gives no header
    is a message too ("column C" / "cột C").
    """

    file: str
    row: int | None
    column: str | None
    message: str
    value: str | None = None
    severity: str = ERROR

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str = "en") -> str:
        """The line ``FILE:ROW: [COLUMN] severity: message (value: '…')`` in ``lang``."""
        where = f"{self.file}:{self.row if self.row is not None else '-'}:"
        value = f" ({problem_word('value', lang)}: {quoted(self.value, lang)})" if self.value is not None else ""
        column = message_text(self.column, lang) if self.column else "-"
        return (f"{where} [{column}] {problem_word(self.severity, lang)}: "
                f"{message_text(self.message, lang)}{value}")

    @property
    def key(self) -> str:
        """The message id ("unknown_status", …)."""
        return getattr(self.message, "key", "text")

    @property
    def params(self) -> dict:
        """The values the message names (numbers, names, nested messages)."""
        return getattr(self.message, "params", {"text": self.message})

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


@dataclass
class Problems:
    """An ordered collection of problems that readers and checks add to."""

    items: list[Problem] = field(default_factory=list)

    def error(self, file, row, column, message, value=None, **params) -> None:
        """An error at a place: ``message`` is a message id (with its values as ``params``) or a
        ``Message``; ``value`` the offending cell's text."""
        self.items.append(Problem(str(file), row, column, _message(message, params), _text(value), ERROR))

    def warning(self, file, row, column, message, value=None, **params) -> None:
        self.items.append(Problem(str(file), row, column, _message(message, params), _text(value), WARNING))

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


def _message(message, params: dict) -> Message:
    """A message id with its values, a ``Message`` as it is, other text kept as written."""
    if isinstance(message, Message):
        return message
    return Message(message, **params) if message in MESSAGES["en"] else plain(message)


class DataError(Exception):
    """Raised by the public API when data has errors; carries every problem found."""

    def __init__(self, problems: Problems):
        self.problems = problems
        lines = "\n".join(str(p) for p in problems.errors)
        super().__init__(f"{len(problems.errors)} error(s) in the data:\n{lines}")
