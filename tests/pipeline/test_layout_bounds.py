"""No text under the limits can hang a build: hypothesis over fields, lengths and kinds of
text, each built to PDF in a process of its own that is killed past its bound.

The bound is the issue's 30 s, counted in CPU seconds (RLIMIT_CPU), so that other work on
a busy machine cannot fail the test; a wall-clock bound far above it only keeps a stuck
process from stalling the suite. How long such builds take is a figure for
`python -m bench.layout`, not an assertion here.
"""

from __future__ import annotations

import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefgen.validation.limits import MAX_TEXT, MAX_WORD

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
BASE = (CORPUS / "base.yaml").read_text(encoding="utf-8")
CPU_SECONDS = 30  # the bound the issue sets on any build
WALL_SECONDS = 600  # only so that nothing can stall the suite

# Where a text lands: the BLUF (Markdown prose), the title (heading, metadata, outline, running
# header), a quote (plain text, verbatim-checked: a variant keeps the check away), a risk title
# (table and matrix chart), a party (relations), a figure label (a narrow card), a position's
# topic (a table cell).
FIELDS = {
    "bluf": ("bluf: The bottom line.", "bluf: {}"),
    "title": ("title: A test brief", "title: {}"),
    "quote": ('text: "The talks were not satisfactory"',
              'text: {{amber: "The talks were not satisfactory", clear: {}}}'),
    "risk": ("title: A new offensive", "title: {}"),
    "party": ("name: Turkey", "name: {}"),
    "figure": ("label: People who fled", "label: {}"),
    "topic": ("topic: The talks", "topic: {}"),
}


def text_of(kind: str, length: int) -> str:
    """`length` characters: one unbroken token, prose, hashes of 1,000 characters (which took
    413 s at 100,000 characters before they had break opportunities), or tokens just short
    of the length that gets them (`rendering.breaks.LONG`)."""
    if kind == "token":
        return ("9f86d081884c7d65" * (length // 16 + 1))[:min(length, MAX_WORD)]
    unit = {"prose": "lorem ipsum dolor sit amet ", "hashes": "9f86d081" * 125 + " ",
            "tokens": "q" * 63 + " "}[kind]
    return (unit * (length // len(unit) + 1))[:length].strip() or "x"


def _limit_cpu() -> None:  # in the child, before briefgen starts
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def build_with(folder: Path, field: str, text: str) -> subprocess.CompletedProcess[str]:
    old, new = FIELDS[field]
    assert BASE.count(old) == 1, old
    work = folder / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    (work / "briefgen.toml").write_bytes(b"")
    shutil.copyfile(CORPUS / "broken" / "source.txt", work / "source.txt")
    (work / "brief.yaml").write_text(BASE.replace(old, new.format(f'"{text}"')),
                                     encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "briefgen", "build", "brief.yaml", "--out",
                           "out", "--format", "html,pdf"], cwd=work, capture_output=True,
                          text=True, timeout=WALL_SECONDS, preexec_fn=_limit_cpu, check=False)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bounds")


@settings(max_examples=3, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(sorted(FIELDS)),
       kind=st.sampled_from(["token", "prose", "hashes", "tokens"]),
       length=st.integers(1, MAX_TEXT))
@example(field="title", kind="token", length=MAX_WORD)
@example(field="bluf", kind="hashes", length=MAX_TEXT)
@example(field="risk", kind="tokens", length=MAX_TEXT)
@example(field="topic", kind="prose", length=MAX_TEXT)
def test_no_text_under_the_limits_can_hang_a_build(folder: Path, field: str, kind: str,
                                                   length: int) -> None:
    run = build_with(folder, field, text_of(kind, length))
    # A negative status: killed past its CPU bound.
    assert run.returncode == 0, (run.returncode, run.stderr[-2000:])
    assert (folder / "work" / "out" / "test-brief.pdf").stat().st_size > 1000


def test_a_5000_character_token_wraps_anywhere_in_the_pdf_and_stays_whole_elsewhere(
        folder: Path) -> None:
    """A hash or URL of 5,000 characters is laid out across lines within the page; the
    Markdown keeps it as written, and the HTML breaks it with <wbr> only."""
    token = text_of("token", 5_000)
    run = build_with(folder, "bluf", f"See {token} for the data.")
    assert run.returncode == 0, run.stderr[-2000:]
    out = folder / "work" / "out"
    text = subprocess.run(["pdftotext", str(out / "test-brief.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    lines = [line.strip().replace("\u200b", "") for line in text.splitlines()]
    pieces = [line for line in lines if line and set(line) <= set(token)]
    assert len(pieces) > 40 and all(len(line) < 120 for line in pieces)  # wrapped, in the page
    assert "".join(pieces) in token and len("".join(pieces)) > 4_500  # in order, nothing lost
    html = (out / "test-brief.html").read_text(encoding="utf-8")
    shown = re.sub(r"<script\b.*?</script>", "", html, flags=re.S)  # data keeps it whole
    assert token not in shown and token in shown.replace("<wbr>", "")
