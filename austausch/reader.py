"""Reading an exchange file line by line, as often as needed, without holding it in memory."""

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO

# Lines of a generator are spooled to disk beyond this, so that the file can be read twice (validate, import).
SPOOL_BYTES = 8 * 1024 * 1024


@dataclass
class Line:
    number: int
    record: dict | None = None  # the parsed object, or None when the line could not be read
    problem: str = ""  # German: why the line could not be read


class LineSource:
    """A path, an open file (binary or text), or lines (str or bytes); ``lines()`` may be called repeatedly."""

    def __init__(self, source: "str | os.PathLike | IO | Iterable[str | bytes]"):
        self._path = None
        self._file = None
        self._lines = None
        if isinstance(source, (str, os.PathLike)):
            self._path = os.fspath(source)
        elif hasattr(source, "read") and hasattr(source, "seek"):
            self._file = source
        elif isinstance(source, (list, tuple)):
            self._lines = source
        else:  # a one-pass iterable: keep a copy that can be read again
            self._file = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
            for item in source:
                self._file.write(item.encode("utf-8") if isinstance(item, str) else item)
                if not (item.endswith("\n") if isinstance(item, str) else item.endswith(b"\n")):
                    self._file.write(b"\n")

    def raw_lines(self) -> Iterator[bytes]:
        if self._path is not None:
            with open(self._path, "rb") as handle:
                yield from handle
        elif self._file is not None:
            self._file.seek(0)
            for item in self._file:
                yield item.encode("utf-8") if isinstance(item, str) else item
        else:
            for item in self._lines:
                yield item.encode("utf-8") if isinstance(item, str) else item

    def lines(self) -> Iterator[Line]:
        """Every non-blank line, parsed; unreadable lines come with their problem."""
        for number, raw in enumerate(self.raw_lines(), start=1):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                yield Line(
                    number,
                    problem=(
                        f"Die Datei ist nicht UTF-8-kodiert: ungültiges Byte an Stelle {error.start + 1} dieser Zeile. "
                        "Bitte die Datei als UTF-8 speichern."
                    ),
                )
                continue
            if number == 1:
                text = text.removeprefix("\ufeff")  # a byte order mark some editors write
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as error:
                yield Line(number, problem=f"Die Zeile ist kein gültiges JSON ({_json_problem(error)}).")
                continue
            if not isinstance(record, dict):
                yield Line(number, problem="Jede Zeile muss ein JSON-Objekt sein ({…}).")
                continue
            yield Line(number, record=record)


def _json_problem(error: json.JSONDecodeError) -> str:
    reasons = {
        "Expecting value": "Wert erwartet",
        "Expecting property name enclosed in double quotes": "Schlüssel in doppelten Anführungszeichen erwartet",
        "Expecting ',' delimiter": "Komma erwartet",
        "Expecting ':' delimiter": "Doppelpunkt erwartet",
        "Unterminated string starting at": "Zeichenkette nicht beendet",
        "Extra data": "weitere Zeichen nach dem Objekt",
        "Invalid control character at": "unerlaubtes Steuerzeichen",
    }
    return f"{reasons.get(error.msg, error.msg)} bei Zeichen {error.colno}"
