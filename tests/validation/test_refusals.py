"""Refused briefs: one test per kind of error, each pinning the exact message line.

Every broken brief is the small valid BASE brief below with one targeted edit,
so the line in the expected message can be read off BASE. A message line is
`FILE:LINE:COL: dotted.path: message`; FILE is `brief.yaml` because the checks
run from the folder that holds the brief.

A representative subset runs through the CLI (exit code 1, stderr holds exactly
the problem lines and no traceback, a refused build writes nothing); the rest
goes through the library's `check()`.
"""

from __future__ import annotations

import codecs
import re
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.build import check
from briefgen.reading.loader import MAX_DEPTH, MAX_NODES, load_brief
from briefgen.reading.text import MAX_BYTES
from briefgen.validation.validate import validate

# The smallest brief that still exercises every check: a local source text so
# that the verbatim checks run, references of several kinds, a judgement and
# an inferred position (both with a confidence), and a risk.
BASE = """\
schema: briefgen/1
meta:
  id: test-brief
  title: A test brief
  date: "2020-02-20"
  language: en
  version: "1.10"
  tlp: amber
sources:
  - id: src
    title: The source
    local_path: source.txt
summary:
  bluf: The bottom line.
  points:
    - text: Talks will likely fail.
      kind: judgement
      confidence: moderate
key_figures:
  - id: kf-fled
    label: People who fled
    display: "900,000"
    value: 900000
    source: src
    excerpt: nearly 900,000 people
parties:
  - id: turkey
    name: Turkey
    type: state
people:
  - id: speaker
    name: A. Speaker
    party: turkey
quotes:
  - id: q-talks
    text: "The talks were not satisfactory"
    speaker: speaker
    source: src
positions:
  - party: turkey
    topic: The talks
    stance: opposes
    basis: inferred
    confidence: low
risks:
  - id: r-offensive
    title: A new offensive
    likelihood: likely
    impact: major
    trend: rising
    confidence: moderate
"""
BASE_LINES = BASE.count("\n")  # 51

SOURCE_TEXT = (
    "The talks were not satisfactory, an official said on Thursday.\n"
    "Since December, nearly 900,000 people have fled towards the border.\n"
)

REFUSED_1 = "brief.yaml: refused (1 problem)"
UNKNOWN_ENUM = "'{}' is not one of almost-no-chance, very-unlikely, unlikely, " \
               "roughly-even-chance, likely, very-likely, almost-certain"
NOT_A_SLUG = "is not a valid id: use 1-64 lower-case letters, digits and hyphens, " \
             "starting with a letter or digit"
NO_DATA = "the file holds no YAML data; a brief is a mapping that starts with 'schema: briefgen/1'"
NOT_A_MAPPING = "a brief is a mapping of keys such as 'schema:', 'meta:' and 'sources:'"
OUTSIDE = ("the source file lies outside the brief's folder and its project; local_path must "
           "stay inside them (no '..', absolute path or symlink out)")
WHERE_NO_KEY = ("a ':' where no key can start; check the indentation, "
                "or quote a value that contains ': '")


def edit(line: int, old: str, new: str, text: str = BASE) -> str:
    """`text` with `old` replaced by `new` on `line` (1-based), which must hold it once.

    `new` may hold newlines: the lines it adds come straight after `line`.
    """
    lines = text.split("\n")
    assert lines[line - 1].count(old) == 1, f"line {line} is {lines[line - 1]!r}"
    lines[line - 1] = lines[line - 1].replace(old, new)
    return "\n".join(lines)


# An alias bomb ("billion laughs"): ten levels of ten aliases each, 10**10 values.
BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{cur}: &{cur} [{', '.join([f'*{prev}'] * 10)}]\n"
    for prev, cur in zip("abcdefghij", "bcdefghijk", strict=True))


def _first_key_past_limit() -> str:
    """Each list in BOMB holds ten of the one before: a is 11 values, b 111, c 1,111..."""
    size = 11
    for key in "abcdefghijk":
        if size > MAX_NODES:
            return key
        size = 1 + 10 * size
    raise AssertionError("BOMB never passes MAX_NODES")


BOMB_LAST_KEY = _first_key_past_limit()


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder, made the working folder, holding the brief's source text.

    Outside it, in tmp_path, lies `outside.txt`; inside it, `link.txt` is a
    symlink to that file. The `briefgen.toml` marker fixes the project root
    here, whatever lies above tmp_path.
    """
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "briefgen.toml").write_text("")
    (folder / "source.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    (tmp_path / "outside.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    (folder / "link.txt").symlink_to(tmp_path / "outside.txt")
    monkeypatch.chdir(folder)
    return folder


def write(folder: Path, content: str | bytes, name: str = "brief.yaml") -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def problems(folder: Path, content: str | bytes) -> list[str]:
    """The problem lines that the library's check() reports for `content`."""
    write(folder, content)
    [result] = check([Path("brief.yaml")]).results
    assert result.status == ("refused" if result.problems else "checked")
    return [str(problem) for problem in result.problems]


def briefgen(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # The timeout only keeps a hang from stalling the suite; it asserts nothing.
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=folder,
                          capture_output=True, text=True, timeout=120)


def stderr_lines(run: subprocess.CompletedProcess[str]) -> list[str]:
    assert "Traceback" not in run.stderr
    return run.stderr.splitlines()


# --------------------------------------------------------------------------
# The base brief is valid, so that every refusal below is due to its edit.


def test_base_brief_is_valid(workdir: Path) -> None:
    write(workdir, BASE)
    run = briefgen(workdir, "check", "brief.yaml")
    assert (run.returncode, run.stdout, run.stderr) == (0, "brief.yaml: ok\n", "")


# --------------------------------------------------------------------------
# Through the CLI: exit code 1, exactly the problem lines on stderr, no traceback.

CLI_CASES = [
    pytest.param(
        edit(4, "  title", "\ttitle"),
        "brief.yaml:4:1: a tab character; YAML indentation and separators must be spaces",
        id="yaml-tab-indentation"),
    pytest.param(
        edit(5, '"2020-02-20"', '"2020-02-20"\n  title: Another title'),
        "brief.yaml:6:3: meta.title: duplicate key 'title' (first given at line 4); "
        "a key may appear only once",
        id="duplicate-key"),
    pytest.param(
        edit(48, "likely", "likley"),
        "brief.yaml:48:17: risks[r-offensive].likelihood: " + UNKNOWN_ENUM.format("likley")
        + "; did you mean 'likely'?",
        id="enum-typo-likelihood"),
    pytest.param(
        edit(11, "The source", "no"),
        "brief.yaml:11:12: sources[src].title: 'no' is read by YAML as the boolean false; "
        "put it in quotes (\"no\") to keep it as text",
        id="yaml11-no-in-text"),
    pytest.param(
        edit(33, "turkey", "turky"),
        "brief.yaml:33:12: people[speaker].party: 'turky' is not the id of any party in this "
        "brief; "
        "did you mean 'turkey'?",
        id="dangling-reference"),
    pytest.param(
        edit(36, "satisfactory", "satisfying"),
        "brief.yaml:36:11: quotes[q-talks].text: not found verbatim in source 'src'; the nearest "
        "passage (86% similar), with your words in [-…-] and the source's in {+…+}: "
        "\"The talks were not [-satisfying-]{+satisfactory+}\"",
        id="misquote-nearest-match"),
    pytest.param(
        edit(4, "A test brief", "A t\xe9st brief").encode("latin-1"),  # a lone byte 0xe9
        "brief.yaml:4:13: byte 0xe9 is not valid UTF-8; save the file as UTF-8",
        id="invalid-utf8-byte"),
    pytest.param(
        "",
        f"brief.yaml:1:1: {NO_DATA}",
        id="empty-file"),
]


@pytest.mark.parametrize(("content", "expected"), CLI_CASES)
def test_cli_check_refuses(workdir: Path, content: str | bytes, expected: str) -> None:
    write(workdir, content)
    run = briefgen(workdir, "check", "brief.yaml")
    assert run.returncode == 1
    assert run.stdout == ""
    assert stderr_lines(run) == [expected, REFUSED_1]


def test_cli_refuses_alias_bomb(workdir: Path) -> None:
    write(workdir, BOMB)
    run = briefgen(workdir, "check", "brief.yaml")
    assert run.returncode == 1
    first, last = stderr_lines(run)
    # Reported at the innermost value that alone expands past the limit: the last list.
    assert re.fullmatch(
        r"brief\.yaml:\d+:\d+: this value expands to [\d,]+ values through YAML anchors and "
        rf"aliases \('&', '\*'\); a brief may hold at most {MAX_NODES:,}", first)
    line = int(first.split(":")[1])
    assert BOMB.splitlines()[line - 1].lstrip().startswith(BOMB_LAST_KEY)
    assert last == REFUSED_1


# Where the brief still parses, the refusal also names the earlier outputs it left in place.
STALE_NOTE = "brief.yaml: note: out/test-brief.md is from an earlier build and does not show " \
             "this edit"
BUILD_CASES = [
    pytest.param(edit(4, "  title", "\ttitle"), [], id="yaml-syntax"),
    pytest.param(edit(48, "likely", "likley"), [STALE_NOTE], id="schema"),
    pytest.param(edit(36, "satisfactory", "satisfying"), [STALE_NOTE], id="verbatim"),
]


@pytest.mark.parametrize(("content", "notes"), BUILD_CASES)
def test_refused_build_writes_nothing(workdir: Path, content: str, notes: list[str]) -> None:
    write(workdir, content)
    out = workdir / "out"
    out.mkdir()
    earlier = out / "test-brief.md"  # what a build of this brief's meta.id would replace
    earlier.write_bytes(b"# An earlier build\n")
    run = briefgen(workdir, "build", "brief.yaml", "--out", "out", "--format", "md,html")
    assert run.returncode == 1
    assert run.stdout == ""
    assert stderr_lines(run)[-1 - len(notes):] == [REFUSED_1 + "; nothing written", *notes]
    assert list(out.iterdir()) == [earlier]
    assert earlier.read_bytes() == b"# An earlier build\n"


def test_all_problems_reported_in_one_pass_sorted_by_line(workdir: Path) -> None:
    brief = BASE
    for line, old, new in [  # bottom up, so that the line numbers still hold
        (51, "confidence: moderate", "confidence: moderate\n    impact: minor"),
        (36, "satisfactory", "satisfying"),
        (33, "turkey", "turky"),
        (11, "The source", "no"),
        (8, "amber", "amberr"),
    ]:
        brief = edit(line, old, new, brief)
    write(workdir, brief)
    run = briefgen(workdir, "check", "brief.yaml")
    assert run.returncode == 1
    assert stderr_lines(run) == [
        "brief.yaml:8:8: meta.tlp: 'amberr' is not one of clear, green, amber, amber+strict, "
        "red; did you mean 'amber'?",
        "brief.yaml:11:12: sources[src].title: 'no' is read by YAML as the boolean false; "
        "put it in quotes (\"no\") to keep it as text",
        "brief.yaml:33:12: people[speaker].party: 'turky' is not the id of any party in this "
        "brief; "
        "did you mean 'turkey'?",
        "brief.yaml:36:11: quotes[q-talks].text: not found verbatim in source 'src'; the nearest "
        "passage (86% similar), with your words in [-…-] and the source's in {+…+}: "
        "\"The talks were not [-satisfying-]{+satisfactory+}\"",
        "brief.yaml:52:5: risks[r-offensive].impact: duplicate key 'impact' (first given at line "
        "49); "
        "a key may appear only once",
        "brief.yaml: refused (5 problems)",
    ]


def test_refused_brief_does_not_stop_the_others(workdir: Path) -> None:
    folder = workdir / "briefs"
    folder.mkdir()
    (folder / "source.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    # bad.yaml sorts first: the good brief after it must still be built.
    write(folder, edit(36, "satisfactory", "satisfying", edit(3, "test-brief", "bad-brief")),
          "bad.yaml")
    write(folder, BASE, "good.yaml")
    run = briefgen(workdir, "build", "briefs", "--out", "out", "--format", "md,html")
    assert run.returncode == 1
    assert run.stdout == ("briefs/good.yaml: built out/test-brief.md, out/test-brief.html\n"
                          "briefgen: desk index out/index.html, out/index.md, out/feed.xml\n")
    *lines, summary = stderr_lines(run)
    assert lines == [
        "briefs/bad.yaml:36:11: quotes[q-talks].text: not found verbatim in source 'src'; the "
        "nearest passage (86% similar), with your words in [-…-] and the source's in {+…+}: "
        "\"The talks were not [-satisfying-]{+satisfactory+}\"",
        "briefs/bad.yaml: refused (1 problem); nothing written",
    ]
    assert re.fullmatch(r"briefgen: 1 built, 1 refused in \d+\.\d s", summary), summary
    assert sorted(p.name for p in (workdir / "out").iterdir() if p.is_file()) == [
        "feed.xml", "index.html", "index.md", "test-brief.html", "test-brief.md"]


# --------------------------------------------------------------------------
# Through the library: the exact and only problem line for each kind.

LIBRARY_CASES = [
    # YAML syntax
    pytest.param(
        edit(4, "A test brief", "Talks: a test"),
        f"brief.yaml:4:15: {WHERE_NO_KEY}",
        id="yaml-mapping-value-not-allowed"),
    pytest.param(
        edit(4, "  title", "   title"),
        f"brief.yaml:4:9: {WHERE_NO_KEY}",
        id="yaml-bad-indentation"),
    pytest.param(
        edit(36, '"The talks were not satisfactory"', '"The talks were not satisfactory'),
        f"brief.yaml:{BASE_LINES + 1}:1: a quoted string opened at line 36, column 11 "
        "is never closed",
        id="yaml-unclosed-quote"),
    pytest.param(
        edit(4, "A test brief", "[A test brief"),
        "brief.yaml:5:7: a '[' opened at line 4, column 10 is not closed before this point; "
        "close it with ']', or quote an item that holds ':' or ','",
        id="yaml-unclosed-bracket"),
    pytest.param(
        BASE + "---\nschema: briefgen/1\n",
        f"brief.yaml:{BASE_LINES + 1}:1: a second YAML document ('---'); "
        "a brief is a single document",
        id="yaml-second-document"),
    # Shape: missing keys and wrong types
    pytest.param(
        edit(4, "title: A test brief", "# no title"),
        "brief.yaml:2:1: meta.title: the required key 'title' is missing",
        id="missing-required-key"),
    pytest.param(
        edit(20, "  - id: kf-fled", "    id: kf-fled"),
        "brief.yaml:20:5: key_figures: expected a list (one '- ' line per item), "
        "found a mapping",
        id="mapping-where-list-expected"),
    pytest.param(
        edit(23, "900000", '"900000"'),
        "brief.yaml:23:12: key_figures[kf-fled].value: expected a number, found the text '900000'; "
        "write a plain number such as 3600000 or 12.5, with no quotes, units or thousands "
        "separators",
        id="text-where-number-expected"),
    pytest.param(
        edit(8, "amber", "amberr"),
        "brief.yaml:8:8: meta.tlp: 'amberr' is not one of clear, green, amber, amber+strict, "
        "red; did you mean 'amber'?",
        id="enum-typo-tlp"),
    # YAML 1.1 traps in text fields
    pytest.param(
        edit(11, "The source", "yes"),
        "brief.yaml:11:12: sources[src].title: 'yes' is read by YAML as the boolean true; "
        "put it in quotes (\"yes\") to keep it as text",
        id="yaml11-yes-in-text"),
    pytest.param(
        edit(11, "The source", "on"),
        "brief.yaml:11:12: sources[src].title: 'on' is read by YAML as the boolean true; "
        "put it in quotes (\"on\") to keep it as text",
        id="yaml11-on-in-text"),
    pytest.param(
        edit(6, "en", "no"),
        "brief.yaml:6:13: meta.language: 'no' is read by YAML as the boolean false; "
        "put it in quotes (\"no\") to keep it as text",
        id="yaml11-no-as-language"),
    pytest.param(
        edit(7, '"1.10"', "1.10"),
        "brief.yaml:7:12: meta.version: '1.10' is read by YAML as the number 1.1; "
        "put it in quotes (\"1.10\") to keep it as text",
        id="yaml11-version-number"),
    pytest.param(
        edit(47, "A new offensive", "2020-02-20"),
        "brief.yaml:47:12: risks[r-offensive].title: '2020-02-20' is read by YAML as a date; "
        "put it in quotes (\"2020-02-20\") to keep it as text",
        id="yaml11-date-in-text"),
    # Dates
    pytest.param(
        edit(5, "2020-02-20", "2020-02-31"),
        "brief.yaml:5:9: meta.date: '2020-02-31' is not a real date or time",
        id="impossible-date"),
    pytest.param(
        edit(5, "2020-02-20", "20-02-2020"),
        "brief.yaml:5:9: meta.date: '20-02-2020' is not an ISO 8601 date; did you mean "
        "'2020-02-20'?",
        id="malformed-date"),
    pytest.param(
        edit(5, "2020-02-20", "the day before yesterday"),
        "brief.yaml:5:9: meta.date: 'the day before yesterday' is not an ISO 8601 date such as "
        "'2020', '2020-02', '2020-02-19' or '2020-02-19T14:30'",
        id="date-no-guess"),
    # ids
    pytest.param(
        edit(46, "r-offensive", "R_Offensive"),
        f"brief.yaml:46:9: risks[0].id: 'R_Offensive' {NOT_A_SLUG}",
        id="id-not-a-slug"),
    pytest.param(
        edit(46, "r-offensive", "turkey"),
        "brief.yaml:46:9: risks[turkey].id: duplicate id 'turkey': already used at line 27 by "
        "parties[turkey]; ids are unique across the whole brief",
        id="duplicate-id-across-sections"),
    pytest.param(
        edit(3, "test-brief", "../evil"),
        f"brief.yaml:3:7: meta.id: '../evil' {NOT_A_SLUG}",
        id="meta-id-parent-path"),
    pytest.param(
        edit(3, "test-brief", "/abs"),
        f"brief.yaml:3:7: meta.id: '/abs' {NOT_A_SLUG}",
        id="meta-id-absolute-path"),
    # References, judgements, translations
    pytest.param(
        edit(37, "speaker: speaker", "speaker: turkey"),
        "brief.yaml:37:14: quotes[q-talks].speaker: 'turkey' is a party, but this must name a "
        "person",
        id="reference-to-wrong-kind"),
    pytest.param(
        edit(18, "confidence: moderate", "# no confidence"),
        "brief.yaml:17:13: summary.points[0].kind: a judgement needs a confidence: "
        "add 'confidence: low', 'moderate' or 'high'",
        id="judgement-without-confidence"),
    pytest.param(
        edit(44, "confidence: low", "# no confidence"),
        "brief.yaml:43:12: positions[0].basis: an inferred position is a judgement and needs "
        "a confidence: add 'confidence: low', 'moderate' or 'high'",
        id="inferred-position-without-confidence"),
    pytest.param(
        edit(38, "source: src", "source: src\n    lang: ar"),
        "brief.yaml:39:11: quotes[q-talks].lang: a quote in 'ar' in a brief in 'en' "
        "needs a 'translation'",
        id="foreign-quote-without-translation"),
    # Verbatim checks and local sources
    pytest.param(
        edit(25, "900,000", "90,000"),
        "brief.yaml:25:14: key_figures[kf-fled].excerpt: not found verbatim in source 'src'; "
        "the nearest passage (97% similar), with your words in [-…-] and the source's in {+…+}: "
        "\"nearly [-90,000-]{+900,000+} people\"",
        id="misquoted-excerpt"),
    pytest.param(
        edit(36, "The talks were not satisfactory", "Nothing like this was ever said"),
        "brief.yaml:36:11: quotes[q-talks].text: not found verbatim in source 'src'; "
        "nothing in the source is close to it",
        id="quote-with-nothing-close"),
    pytest.param(
        edit(12, "source.txt", "missing.txt"),
        "brief.yaml:12:17: sources[src].local_path: the source file 'missing.txt' does not exist",
        id="missing-local-source"),
    pytest.param(
        edit(12, "source.txt", "../outside.txt"),
        f"brief.yaml:12:17: sources[src].local_path: {OUTSIDE}",
        id="local-path-escapes-by-dotdot"),
    pytest.param(
        edit(12, "source.txt", "link.txt"),
        f"brief.yaml:12:17: sources[src].local_path: {OUTSIDE}",
        id="local-path-escapes-by-symlink"),
    # Files that are not a brief at all
    pytest.param("# only a comment\n", f"brief.yaml:1:1: {NO_DATA}", id="only-a-comment"),
    pytest.param("- schema: briefgen/1\n", f"brief.yaml:1:1: the top level is a list; "
                 f"{NOT_A_MAPPING}", id="top-level-list"),
    pytest.param("briefgen/1\n", f"brief.yaml:1:1: the top level is a single value; "
                 f"{NOT_A_MAPPING}", id="top-level-scalar"),
    # Encoding
    pytest.param(
        edit(4, "A test brief", "A test\0brief").encode("utf-8"),
        "brief.yaml:4:16: the file holds a NUL byte; it looks like a binary file, "
        "not UTF-8 YAML text",
        id="nul-byte"),
    pytest.param(
        codecs.BOM_UTF16_LE + BASE.encode("utf-16-le"),
        "brief.yaml:1:1: the file is encoded as UTF-16; save it as UTF-8",
        id="utf16-bom"),
    # Limits
    pytest.param(
        "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
        f"brief.yaml:1:{MAX_DEPTH + 1}: nesting is deeper than {MAX_DEPTH} levels",
        id="nesting-too-deep"),
]


@pytest.mark.parametrize(("content", "expected"), LIBRARY_CASES)
def test_check_refuses(workdir: Path, content: str | bytes, expected: str) -> None:
    assert problems(workdir, content) == [expected]


def test_misspelt_required_key_is_one_problem_not_two(workdir: Path) -> None:
    """The 'missing' line for the key that the suggestion names would only be noise."""
    assert problems(workdir, edit(48, "likelihood", "likelyhood")) == [
        "brief.yaml:48:5: risks[r-offensive].likelyhood: unknown key 'likelyhood'; "
        "did you mean 'likelihood'?"]


def test_empty_required_value(workdir: Path) -> None:
    assert problems(workdir, edit(4, "title: A test brief", "title:")) == [
        "brief.yaml:4:9: meta.title: is empty; give it a value"]


def test_malformed_section_does_not_cascade_into_dangling_references(workdir: Path) -> None:
    """`parties` given as a mapping is one problem; the references to parties are not more."""
    broken = edit(27, "  - id: turkey", "    id: turkey")
    found = problems(workdir, broken)
    assert found == ["brief.yaml:27:5: parties: expected a list (one '- ' line per item), "
                     "found a mapping"]


def test_nesting_at_the_limit_is_not_refused_for_depth(workdir: Path) -> None:
    found = problems(workdir, "[" * MAX_DEPTH + "]" * MAX_DEPTH)
    assert found == [f"brief.yaml:1:1: the top level is a list; {NOT_A_MAPPING}"]


def test_file_over_the_size_limit(workdir: Path) -> None:
    padding = MAX_BYTES - len(BASE.encode("utf-8")) - len("#\n")
    at_limit = BASE + "#" + "x" * padding + "\n"
    assert len(at_limit.encode("utf-8")) == MAX_BYTES
    assert problems(workdir, at_limit) == []
    assert problems(workdir, at_limit + "\n") == [
        f"brief.yaml:1:1: the file is {MAX_BYTES + 1:,} bytes; "
        f"a brief may be at most {MAX_BYTES:,} bytes"]


# --------------------------------------------------------------------------
# What must be accepted.


@pytest.mark.parametrize(("written", "normalised"), [
    ("2020-02-20", "2020-02-20"),
    ("2020-02-20 00:28:00", "2020-02-20T00:28:00"),
])
def test_unquoted_date_in_date_field_is_accepted(workdir: Path, written: str,
                                                 normalised: str) -> None:
    path = write(workdir, edit(5, '"2020-02-20"', written))
    assert validate(load_brief(path)).meta.date == normalised


def test_utf8_bom_is_accepted(workdir: Path) -> None:
    path = write(workdir, codecs.BOM_UTF8 + BASE.encode("utf-8"))
    assert validate(load_brief(path)).meta.id == "test-brief"


# --------------------------------------------------------------------------
# Once bugs: a control character, and an unquoted impossible date.


def test_control_character_is_refused_without_traceback(workdir: Path) -> None:
    write(workdir, edit(4, "A test brief", "A test\x07brief"))
    run = briefgen(workdir, "check", "brief.yaml")
    assert run.returncode == 1
    first, last = stderr_lines(run)
    assert first.startswith("brief.yaml:4:16: ")
    assert last == REFUSED_1


def test_unquoted_impossible_date_is_one_problem(workdir: Path) -> None:
    [found] = problems(workdir, edit(5, '"2020-02-20"', "2020-02-31"))
    assert found.startswith("brief.yaml:5:9: meta.date: '2020-02-31' ")


def test_trailing_newline_does_not_sneak_past_the_id_pattern(workdir: Path) -> None:
    """A block scalar ends with a newline; `$` would accept it and name a file 'x\\n.md'."""
    found = problems(workdir, edit(3, "id: test-brief", "id: |\n    test-brief"))
    assert found == ["brief.yaml:3:7: meta.id: 'test-brief\\n' is not a valid id: use 1-64 "
                     "lower-case letters, digits and hyphens, starting with a letter or digit"]


# --------------------------------------------------------------------------
# Traps that YAML hides: a value that is really a comment, a quote that runs on.


def test_value_starting_with_hash_is_refused_not_silently_empty(workdir: Path) -> None:
    found = problems(workdir, edit(25, "    excerpt: nearly 900,000 people",
                                   "    excerpt: nearly 900,000 people\n    hxl: #affected+idps"))
    assert found == ["brief.yaml:26:5: key_figures[kf-fled].hxl: '#affected+idps' starts a YAML "
                     "comment, so this key is empty; put the value in quotes: "
                     "\"#affected+idps\""]


def test_an_ordinary_comment_after_an_empty_value_is_fine(workdir: Path) -> None:
    assert problems(workdir, edit(25, "    excerpt: nearly 900,000 people",
                                  "    excerpt: nearly 900,000 people\n    unit: # none")) == []


def test_quote_left_open_is_named_where_it_was_opened(workdir: Path) -> None:
    found = problems(workdir, edit(4, "title: A test brief", 'title: "A test brief'))
    assert found == ["brief.yaml:5:10: the quote opened on line 4 is not closed on that line, "
                     "so the value runs on into the lines after it; close the quote on that line"]


def test_text_after_a_closing_quote(workdir: Path) -> None:
    found = problems(workdir, edit(4, "title: A test brief", 'title: "A test" brief'))
    assert found == ["brief.yaml:4:19: text follows a closing quote on this line; put the whole "
                     "value in quotes, or remove what follows the quote"]


def test_typed_in_risk_level_is_explained(workdir: Path) -> None:
    found = problems(workdir, edit(51, "confidence: moderate",
                                   "confidence: moderate\n    level: high"))
    assert found == ["brief.yaml:52:5: risks[r-offensive].level: unknown key 'level': a risk's "
                     "level is derived from its likelihood and impact; remove this key"]


def test_wrong_case_gets_a_suggestion(workdir: Path) -> None:
    found = problems(workdir, edit(12, "    local_path: source.txt",
                                   "    local_path: source.txt\n    reliability: f"))
    assert found == ["brief.yaml:13:18: sources[src].reliability: 'f' is not one of A, B, C, D, "
                     "E, F; did you mean 'F'?"]


def test_number_with_thousands_separators(workdir: Path) -> None:
    found = problems(workdir, edit(23, "value: 900000", "value: 900,000"))
    assert found == ["brief.yaml:23:12: key_figures[kf-fled].value: expected a number, found "
                     "the text '900,000'; write a plain number such as 3600000 or 12.5, with "
                     "no quotes, units or thousands separators"]
