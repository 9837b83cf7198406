"""Reading a brief's bytes, and putting YAML's complaints in an analyst's words."""

from __future__ import annotations

import bisect
import codecs
import re
from pathlib import Path

import yaml

from briefgen.errors import BriefRefused, Problem

MAX_BYTES = 2 * 1024 * 1024


_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]")  # line breaks to PyYAML, not to editors


def file_problem(name: str, message: str, line: int = 1, col: int = 1) -> BriefRefused:
    return BriefRefused([Problem(name, line, col, "", message)])


def read_text(path: Path, name: str) -> tuple[str, bytes]:
    """The file as text, and its exact bytes; refuse what is too big, not UTF-8, or not text."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise file_problem(name, f"the file is {size:,} bytes; a brief may be at most "
                                      f"{MAX_BYTES:,} bytes")
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise file_problem(name, f"cannot read the file: {exc.strerror}") from None
    return decode(data, name)


def decode(data: bytes, name: str) -> tuple[str, bytes]:
    """Bytes as brief text, and the bytes; refuse what is too big, not UTF-8, or not text."""
    if len(data) > MAX_BYTES:
        raise file_problem(name, f"the file is larger than {MAX_BYTES:,} bytes")
    for bom, encoding in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                          (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if data.startswith(bom):
            raise file_problem(name, f"the file is encoded as {encoding}; save it as UTF-8")
    original = data
    data = data.removeprefix(codecs.BOM_UTF8)
    if b"\x00" in data:
        line, col = _line_col_of_byte(data, data.index(b"\x00"))
        raise file_problem(name, "the file holds a NUL byte; it looks like a binary file, "
                                  "not UTF-8 YAML text", line, col)
    try:
        return data.decode("utf-8"), original
    except UnicodeDecodeError as exc:
        line, col = _line_col_of_byte(data, exc.start)
        raise file_problem(name, f"byte 0x{data[exc.start]:02x} is not valid UTF-8; save the "
                                  "file as UTF-8", line, col) from None


def _line_col_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line_start = before.rfind(b"\n") + 1
    col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return before.count(b"\n") + 1, col


class Positions:
    """Line and column of a YAML mark as an editor shows them, where only a line feed ends a
    line: PyYAML also ends one at U+0085 (NEL), U+2028 and U+2029, which would put every
    problem below such a character on the wrong line."""

    def __init__(self, text: str) -> None:
        self.plain = _OTHER_BREAKS.search(text) is None
        self.feeds = [] if self.plain else [m.start() for m in re.finditer("\n", text)]

    def __call__(self, mark: yaml.Mark | None) -> tuple[int, int]:
        if mark is None:
            return (1, 1)
        if self.plain:
            return mark.line + 1, mark.column + 1
        line = bisect.bisect_left(self.feeds, mark.index)  # line feeds before the mark
        start = self.feeds[line - 1] + 1 if line else 0
        return line + 1, mark.index - start + 1


def yaml_problem(name: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """PyYAML's complaint, reworded for someone who writes briefs rather than parsers."""
    at = Positions(text)
    line, col = at(exc.problem_mark or exc.context_mark)
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    context = exc.context or ""
    opened = exc.context_mark
    where_opened = "line {}, column {}".format(*at(opened)) if opened else "above"
    if "'\\t'" in problem:
        message = "a tab character; YAML indentation and separators must be spaces"
    elif "quoted scalar" in context:
        message = f"a quoted string opened at {where_opened} is never closed"
    elif "expected a single document" in context + problem:
        message = "a second YAML document ('---'); a brief is a single document"
    elif "flow sequence" in context:
        message = (f"a '[' opened at {where_opened} is not closed before this point; close it "
                   "with ']', or quote an item that holds ':' or ','")
    elif "flow mapping" in context:
        message = (f"a '{{' opened at {where_opened} is not closed before this point; close it "
                   "with '}', or quote a value that holds ':' or ','")
    elif "mapping values are not allowed" in problem:
        message = ("a ':' where no key can start; check the indentation, "
                   "or quote a value that contains ': '")
    elif problem.startswith("expected <block end>") or "could not find expected ':'" in problem:
        here = text.splitlines()[line - 1][:col - 1] if line <= len(text.splitlines()) else ""
        runaway = _open_quote_line(text, line)
        if runaway:
            message = (f"the quote opened on line {runaway} is not closed on that line, so the "
                       "value runs on into the lines after it; close the quote on that line")
        elif "but found '<scalar>'" in problem and ('"' in here or "'" in here):
            message = ("text follows a closing quote on this line; put the whole value in "
                       "quotes, or remove what follows the quote")
        else:
            message = ("the indentation of this line does not fit the lines above; check the "
                       "spaces at the start of the line")
    else:
        message = problem
        if context and opened:
            message += f" ({context} at {where_opened})"
    return Problem(name, line, col, "", message)


_OPENS_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s:#][^:#]*:\s+)?(["'])""")


def _open_quote_line(text: str, before_line: int) -> int | None:
    """The nearest earlier line whose value opens a quote that the line never closes.

    A quoted value that runs on past its line swallows the lines after it, and
    PyYAML then complains about indentation somewhere further down.
    """
    lines = text.splitlines()[:before_line - 1]
    for number in range(len(lines), 0, -1):
        line = lines[number - 1]
        match = _OPENS_QUOTE.match(line)
        if match is None:
            continue
        quote, rest = match[1], line[match.end():]
        closed = rest.replace(quote * 2, "") if quote == "'" else rest.replace('\\"', "")
        return number if quote not in closed else None
    return None


def reader_problem(name: str, text: str, exc: yaml.YAMLError) -> Problem:
    position = getattr(exc, "position", 0)
    before = text[:position]
    line = before.count("\n") + 1
    col = position - (before.rfind("\n") + 1) + 1
    character = getattr(exc, "character", "")
    code = ord(character) if isinstance(character, str) and character else character
    return Problem(name, line, col, "", f"character U+{code:04X} is not allowed in YAML text")
