"""The desk index as a desk meets it: `briefgen build FOLDER` writes index.html, index.md and
feed.xml beside the briefs; the page lists every brief, filters and sorts in Chromium under its
own strict policy, the feed reads without errors, a no-op rebuild rewrites nothing, and the
shards' folders gathered and indexed give the very index of the whole build."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import chromium, require
from conftest import CONTRACT, ROOT, SEED, SEED_SOURCE

from bench.generate import SIZES, write_briefs

pytestmark = pytest.mark.xdist_group("test_index")
SEED_ID = "idlib-talks-2020-02-20"
INDEX_FILES = ("index.html", "index.md", "feed.xml")
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"  # as for the briefs
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A desk's folder: the seed, the contract's sparse brief, two generated briefs with
    risks, and one broken brief; built once, Markdown and HTML."""
    root = tmp_path_factory.mktemp("index")
    briefs = root / "briefs"
    briefs.mkdir()
    shutil.copy(SEED, briefs)
    shutil.copy(SEED_SOURCE, briefs)
    for path in (CONTRACT / "sparse").iterdir():
        shutil.copy(path, briefs)
    write_briefs(briefs, 2, replace(SIZES["small"], risks=2), 7, "gen")
    minimal = (CONTRACT / "minimal" / "minimal.yaml").read_text(encoding="utf-8")
    (briefs / "broken.yaml").write_text(minimal + "risks: [oops]\n", encoding="utf-8")
    done = run("build", "briefs", "--out", "out", "--format", "md,html", "--jobs", "1",
               cwd=root)
    assert done.returncode == 1, done.stderr  # the broken brief
    assert "briefgen: desk index out/index.html, out/index.md, out/feed.xml" in done.stdout
    return root


class Page(HTMLParser):
    """What a reader and a policy see of the index: its briefs, rows, scripts and links."""

    def __init__(self) -> None:
        super().__init__()
        self.briefs: list[str] = []
        self.rows = 0
        self.scripts: list[str] = []
        self.in_script = False
        self.policy = ""
        self.hrefs: list[str] = []
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "li" and "brief" in (found.get("class") or "").split():
            self.briefs.append(found["id"] or "")
        if tag == "tr" and found.get("data-rank") is not None:
            self.rows += 1
        if tag == "script":
            self.in_script = True
            self.scripts.append("")
            assert "src" not in found, "an external script"
        if tag == "meta" and found.get("http-equiv") == "Content-Security-Policy":
            self.policy = found["content"] or ""
        if "href" in found:
            self.hrefs.append(found["href"] or "")
        self.sources += [v or "" for k, v in attrs if k == "src"]

    def handle_endtag(self, tag: str) -> None:
        self.in_script = self.in_script and tag != "script"

    def handle_data(self, data: str) -> None:
        if self.in_script:
            self.scripts[-1] += data


def parsed(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_a_folder_build_indexes_every_brief_it_holds(desk: Path) -> None:
    out = desk / "out"
    page = parsed(out / "index.html")
    ids = [i.removeprefix("brief-") for i in page.briefs]
    assert SEED_ID in ids and len(ids) == 4, ids  # the broken brief never built
    assert ids[-1] == SEED_ID  # newest first: the seed is from 2020
    assert page.rows == 5 + 2 * 2, page.rows  # the seed's five risks, the generated briefs'
    for href in page.hrefs:  # every link is to a file in the folder (or a fragment of one)
        assert (out / href.split("#")[0]).is_file(), href
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "Russia and Turkey fail to agree a new de-escalation deal for Idlib" in html
    assert "BLUF:" in html and "PUBLIC" in html and "TLP:CLEAR" in html
    md = (out / "index.md").read_text(encoding="utf-8")
    assert f"]({SEED_ID}.md)" in md and "| Level | Risk |" in md


def test_the_page_keeps_the_briefs_policy_and_allows_only_its_own_script(desk: Path) -> None:
    page = parsed(desk / "out" / "index.html")
    assert len(page.scripts) == 1
    digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode()).digest()).decode()
    directives = dict(d.strip().split(" ", 1) for d in page.policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == f"'sha256-{digest}'"
    assert not page.sources, "the page loads nothing"
    assert not [h for h in page.hrefs if re.match(r"[a-z]+:", h)], "no link leaves the folder"


def test_the_register_sorts_and_the_filters_filter_in_chromium(desk: Path) -> None:
    with chromium() as browser:
        page = browser.new_page()
        blocked: list[str] = []
        page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text
                else None)
        page.goto((desk / "out" / "index.html").as_uri())

        def column(n: int) -> list[str]:
            return page.eval_on_selector_all(
                "#register tbody tr:not([hidden])",
                f"rows => rows.filter(r => r.offsetParent !== null)"
                f".map(r => r.cells[{n}].dataset.sort)")

        levels = [int(v) for v in column(0)]
        assert levels == sorted(levels, reverse=True) and len(set(levels)) > 1
        page.click("#register th:nth-child(8) button")  # Date: oldest first
        dates = column(7)
        assert dates == sorted(dates) and dates[0] != dates[-1]
        assert page.get_attribute("#register th:nth-child(8)", "aria-sort") == "ascending"
        page.click("#register th:nth-child(8) button")
        assert column(7) == sorted(dates, reverse=True)
        page.click("#register th:nth-child(1) button")  # a number sorts highest first
        assert [int(v) for v in column(0)] == levels
        page.click("#register th:nth-child(1) button")  # then lowest first
        assert [int(v) for v in column(0)] == sorted(levels)
        assert not blocked, blocked

        everything = len(column(0))
        seed = page.eval_on_selector("#brief-" + SEED_ID, "e => e.className")
        tag = next(c for c in seed.split() if re.fullmatch(r"t\d+", c))
        label = page.inner_text(f"label:has(#f-{tag})")
        page.check(f"#f-{tag}")
        shown = page.eval_on_selector_all(".brief", "bs => bs.filter(b => b.offsetParent)"
                                                    ".map(b => b.id)")
        assert f"brief-{SEED_ID}" in shown and len(shown) == int(label.split("(")[-1][:-1])
        assert 0 < len(column(0)) < everything
        page.check("#f-tag-all")
        assert len(column(0)) == everything


def test_the_feed_reads_without_errors(desk: Path) -> None:
    import feedparser

    feed = feedparser.parse((desk / "out" / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert len(feed.entries) == 4
    seed = next(e for e in feed.entries if e.title.startswith("Russia and Turkey"))
    assert seed.link == f"{SEED_ID}.html" and seed.updated == "2020-02-20T00:00:00Z"
    assert seed.summary.startswith("New. Russia and Turkey have failed")
    assert [e.updated for e in feed.entries] == sorted((e.updated for e in feed.entries),
                                                       reverse=True)


def test_a_no_op_rebuild_renders_nothing_and_rewrites_nothing(desk: Path) -> None:
    out = desk / "out"
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    again = run("build", "briefs", "--out", "out", "--format", "md,html", "--jobs", "1",
                cwd=desk)
    assert again.stdout.count("current (nothing changed") == 4, again.stdout
    assert "built" not in again.stdout
    after = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_an_edit_updates_the_index_and_the_feed(desk: Path, tmp_path: Path) -> None:
    shutil.copytree(desk / "briefs", tmp_path / "briefs")
    shutil.copytree(desk / "out", tmp_path / "out")
    brief = tmp_path / "briefs" / SEED.name
    text = brief.read_text(encoding="utf-8")
    brief.write_text(text.replace("  changelog:\n", "  changelog:\n    - version: \"1.1\"\n"
                                  "      date: \"2020-02-22\"\n      note: Talks resumed.\n", 1),
                     encoding="utf-8")
    done = run("build", "briefs", "--out", "out", "--format", "md,html", cwd=tmp_path)
    assert f"{SEED.name}: built" in done.stdout, done.stdout + done.stderr
    feed = (tmp_path / "out" / "feed.xml").read_text(encoding="utf-8")
    assert "Revised 2020-02-22 (version 1.1): Talks resumed." in feed
    assert "revised 2020-02-22" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def gather(shard: Path, briefs: Path, gathered: Path, kept: Path) -> None:
    """What a CI gather job collects of one shard job: its output folder, and the summaries
    its build kept in the project's .briefgen-cache (never in the output folder)."""
    from briefgen.writing import cache

    assert not (shard / cache.CACHE_DIR).exists(), "the cache stays out of the outputs"
    shutil.copytree(shard, gathered, dirs_exist_ok=True)
    kept.mkdir(exist_ok=True)
    for brief in briefs.glob("*.yaml"):
        summary = cache.summary_path(shard, brief)
        if summary.is_file():
            shutil.copy(summary, kept)


def test_the_shards_gathered_and_indexed_are_the_whole_index(desk: Path, tmp_path: Path) -> None:
    """Each shard job's outputs and kept summaries, gathered into a job whose current folder
    holds them (`.briefgen-cache/` there), indexed: the whole build's index, byte for byte."""
    gathered = tmp_path / "gathered"
    for k in (1, 2):
        shard = run("build", str(desk / "briefs"), "--out", str(tmp_path / f"s{k}"), "--format",
                    "md,html", "--shard", f"{k}/2", "--jobs", "1", cwd=tmp_path)
        assert shard.returncode in (0, 1), shard.stderr
        assert not (tmp_path / f"s{k}" / "index.html").exists(), "a shard indexes only a part"
        gather(tmp_path / f"s{k}", desk / "briefs", gathered, tmp_path / ".briefgen-cache")
    done = run("index", str(gathered), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for name in INDEX_FILES:
        assert (gathered / name).read_bytes() == (desk / "out" / name).read_bytes(), name


def test_index_of_a_folder_with_no_builds_is_a_usage_error(tmp_path: Path) -> None:
    done = run("index", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 2 and "holds no brief built" in done.stderr
    assert not list(tmp_path.iterdir())


def test_the_page_is_valid_html_and_accessible(desk: Path) -> None:
    """The Nu Html Checker finds no error, and axe-core nothing serious, as for a brief."""
    page = desk / "out" / "index.html"
    java = shutil.which("java")
    require("java", java is not None, "apt-get install default-jre-headless")
    require("the Nu Html Checker", VNU_JAR.is_file(), "run `npm ci` at the repository root")
    checked = subprocess.run([java, "-jar", str(VNU_JAR), "--format", "json", str(page)],
                             capture_output=True, text=True, timeout=300, check=False)
    errors = [m for m in json.loads(checked.stderr)["messages"] if m["type"] == "error"]
    assert not errors, errors
    require("axe-core", AXE_JS.is_file(), "run `npm ci` at the repository root")
    with chromium() as browser:
        context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
        view = context.new_page()
        view.goto(page.as_uri())
        view.add_script_tag(path=str(AXE_JS))
        results = view.evaluate("async () => await axe.run(document)")
    assert results["passes"], "axe checked nothing"
    assert not [v["id"] for v in results["violations"]], results["violations"]


def test_the_index_marks_what_is_out_of_date_on_today(tmp_path: Path) -> None:
    """`--today` judges the index: the contract's full brief (review by 2020-03-09, one risk's
    horizon to 2020-02-28) is marked from the day each passes, by a build that renders no
    brief and by `briefgen index --cache`; the same day again rewrites nothing."""
    shutil.copytree(CONTRACT / "full", tmp_path / "briefs")
    index_md = tmp_path / "out" / "index.md"

    def built_on(day: str) -> str:
        done = run("build", "briefs", "--out", "out", "--format", "md", "--today", day,
                   cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        return index_md.read_text(encoding="utf-8")

    horizon = ("> Out of date: the horizon of risk R1, The Hamsin Arrangement collapses before "
               "the heavy-weapons deadline, ended 2020-02-28.")
    review = "> Out of date: past its review date 2020-03-09."
    text = built_on("2020-02-28")
    assert "Out of date" not in text
    assert horizon in built_on("2020-02-29") and review not in index_md.read_text()
    text = built_on("2020-03-10")
    assert horizon in text and review in text and "(ended 2020-02-28) |" in text
    stamps = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    assert built_on("2020-03-10") == text
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()} == stamps
    assert not (tmp_path / "out" / ".briefgen-cache").exists()
    done = run("index", "out", "--cache", "briefs/.briefgen-cache", "--today", "2020-02-01",
               cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Out of date" not in index_md.read_text(encoding="utf-8")
    assert "Out of date" not in (tmp_path / "out" / "feed.xml").read_text(encoding="utf-8")
