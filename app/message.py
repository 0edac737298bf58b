"""One sentence for staff, Thai first with its English twin."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    """One user-facing text in Thai and English; built only in the catalogue (app/words)."""

    th: str
    en: str

    def one_line(self) -> str:
        return f"{self.th} / {self.en}"

    def two_lines(self) -> str:
        return f"{self.th}\n{self.en}"
