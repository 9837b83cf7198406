"""Briefs in other languages, as their readers meet them.

briefgen's own words, its dates and its page numbers follow `meta.language`:
French and Arabic are built once per run (`shared_builds`: the Arabic build is
the one tests/pipeline/test_same_outputs.py reads too) and read back from the
PDF, the HTML and the Markdown; the Arabic brief is laid out right to left;
a language briefgen cannot speak gets English labels and one warning.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path
from typing import Literal, get_args, get_origin

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from browser import chromium, require
from conftest import ROOT, SharedBuilds
from pypdf import PdfReader

from briefgen.rendering import i18n

# Its module fixtures build once: every test here runs in the same xdist worker.
pytestmark = pytest.mark.xdist_group("test_i18n")

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "lang"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LOCALES = ROOT / "briefgen" / "locales"
# Every catalog shipped is checked; French and Arabic are the languages the fixtures exercise.
CATALOGS = sorted(path.parent.parent.name for path in LOCALES.glob("*/LC_MESSAGES/briefgen.po"))
FR_ID, AR_ID = "idlib-talks-2020-02-20-fr", "idlib-talks-2020-02-20-ar"
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "NP_": ((1, "c"), 2)}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# pdftotext wraps right-to-left runs in embedding marks; a reader never sees them.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, shared_builds: SharedBuilds) -> Path:
    """The French and Arabic fixture briefs in Markdown, HTML and PDF, in one folder."""
    out = tmp_path_factory.mktemp("lang-out")
    builds = shared_builds.get_all({name: (FIXTURES / name, None)
                                    for name in ("idlib-fr.yaml", "idlib-ar.yaml")})
    for folder in builds.values():
        for path in folder.iterdir():
            if path.is_file():
                shutil.copy(path, out)
    return out


def pdf_text(pdf: Path) -> str:
    """The PDF's text as pdftotext gives it, squeezed: a right-to-left line can come out with
    its spaces and vowel marks moved."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return squeezed(BIDI_CONTROLS.sub("", text))


def squeezed(text: str) -> str:
    """Text without white space or combining marks (Arabic vowel marks, shadda)."""
    return "".join(c for c in re.sub(r"\s+", "", text) if unicodedata.category(c) != "Mn")


# --- The catalogs -------------------------------------------------------------------------


def extracted() -> set[tuple[str | None, str]]:
    """Every message in the templates and the code, as `pybabel extract` finds it."""
    with (LOCALES / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    return {(context, message) for _f, _l, message, _c, context in
            extract_from_dir(str(ROOT), method_map, options_map, keywords=KEYWORDS)
            if isinstance(message, str)}


@pytest.mark.parametrize("language", CATALOGS)
def test_every_message_is_translated(language: str) -> None:
    path = LOCALES / language / "LC_MESSAGES" / "briefgen.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    translated = {(m.context, m.id): m.string for m in catalog if m.id and not m.fuzzy}
    missing = sorted((c or "", m) for c, m in extracted() if not translated.get((c, m)))
    assert not missing, (f"{path.relative_to(ROOT)} lacks {len(missing)} translations "
                         f"(see briefgen/locales/README.md): {missing[:10]}")
    for (context, message), text in translated.items():
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(message)), \
            f"{language}: {context or ''} {message!r} -> {text!r} changes its placeholders"


def test_the_template_lists_every_message() -> None:
    with (LOCALES / "briefgen.pot").open("rb") as handle:
        template = {(m.context, m.id) for m in read_po(handle) if m.id}
    assert template == extracted(), ("briefgen/locales/briefgen.pot is out of date; "
                                     "regenerate it as briefgen/locales/README.md says")


def _choices(annotation: object) -> set[str]:
    """The values of the Literal inside a field's type, however it is wrapped."""
    if get_origin(annotation) is Literal:
        return set(get_args(annotation))
    return set().union(*(_choices(arg) for arg in get_args(annotation)))


def test_every_term_of_the_format_has_words() -> None:
    """A new choice in the format (a stance, a source type) must get words to translate."""
    from briefgen.model import actions, actors, fields, meta, risks, sources, timeline

    choices = {"likelihood": fields.Likelihood, "confidence": fields.Confidence,
               "impact": fields.Impact, "kind": fields.Kind, "stance": actors.Stance,
               "basis": actors.Basis, "relation": actors.RelationType,
               "relation-verb": actors.RelationType, "relation-trend": actors.RelationTrend,
               "party-type": actors.PartyType, "risk-trend": risks.RiskTrend,
               "classification": meta.Classification, "source-type": sources.SourceType,
               "event-kind": timeline.EventKind,
               "priority": actions.Recommendation.model_fields["priority"].annotation,
               "status": meta.Meta.model_fields["status"].annotation}
    for name, choice in choices.items():
        assert _choices(choice) == set(i18n.TERMS[name]), name


# --- Dates and numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(("language", "dates"), [
    ("en", ["2018", "December 2019", "19 February 2020", "20 February 2020, 00:28",
            "20 February 2020, 10:15:30 UTC+02:00"]),
    ("fr", ["2018", "décembre 2019", "19 février 2020", "20 février 2020, 00:28",
            "20 février 2020, 10:15:30 UTC+02:00"]),
    ("ar", ["2018", "ديسمبر 2019", "19 فبراير 2020", "20 فبراير 2020، 00:28",
            "20 فبراير 2020، 10:15:30 UTC+02:00"]),
    ("en-US", ["2018", "December 2019", "February 19, 2020", "February 20, 2020, 00:28",
               "February 20, 2020, 10:15:30 UTC+02:00"]),
])
def test_dates_keep_the_precision_the_brief_gives(language: str, dates: list[str]) -> None:
    shown = [i18n.translator(language).date(text) for text in
             ("2018", "2019-12", "2020-02-19", "2020-02-20T00:28", "2020-02-20T10:15:30+02:00")]
    assert shown == dates


def test_numbers_follow_the_language() -> None:
    assert i18n.translator("en").number(3600000) == "3,600,000"
    assert i18n.translator("en").number(12.5) == "12.5"
    assert i18n.translator("fr").number(3600000) == "3\u202f600\u202f000"
    assert i18n.translator("fr").number(12.5) == "12,5"
    assert i18n.translator("de").number(0.125) == "0,125"
    assert i18n.translator("fr").percent_range(45, 55) == "45–55\u00a0%"
    assert i18n.translator("en").number(4.36e26) == "436,000,000,000,000,000,000,000,000"
    assert i18n.translator("en").number(2.5e-10) == "0.00000000025"


# --- The outputs, as readers meet them ------------------------------------------------------


def test_french_pdf_speaks_french(built: Path) -> None:
    pdf = built / f"{FR_ID}.pdf"
    text = pdf_text(pdf)
    pages = len(PdfReader(pdf).pages)
    for words in ("Synthèse", "L’ESSENTIEL EN BREF", "Chiffres clés", "Risques par niveau calculé",
                  "Probabilité : chances à peu près égales (45–55 %)", "Confiance : faible",
                  "Éléments à l’appui", "Échelle de probabilité", "Termes d’estimation",
                  "Quasiment aucune chance", "20 février 2020", "mis à jour le 20 février 2020",
                  "Historique des versions", f"Page 1 sur {pages}",
                  f"Page {pages} sur {pages}"):
        assert squeezed(words) in text, words
    for english in ("Bottom line up front", "Likelihood", "Confidence:", "Page 1 of"):
        assert squeezed(english) not in text, english


def test_arabic_pdf_speaks_arabic(built: Path) -> None:
    pdf = built / f"{AR_ID}.pdf"
    text = pdf_text(pdf)
    pages = len(PdfReader(pdf).pages)
    for words in ("الملخص", "الخلاصة أولًا", "أرقام رئيسية", "المخاطر حسب المستوى المحسوب",
                  "الثقة: منخفضة", "سلّم الاحتمالات", "شبه معدوم", "20 فبراير 2020",
                  "سجل التغييرات", "الترجمة", "عام"):
        assert squeezed(words) in text, words
    assert re.search(rf"صفحة1من{pages}", text) or re.search(rf"صفحة{pages}من1", text)
    for english in ("Bottom line up front", "Likelihood", "Confidence", "Page 1 of",
                    "PUBLIC"):
        assert squeezed(english) not in text, english


def test_html_names_its_language_and_direction(built: Path) -> None:
    arabic = (built / f"{AR_ID}.html").read_text(encoding="utf-8")
    french = (built / f"{FR_ID}.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in arabic
    assert '<html lang="fr" dir="ltr">' in french
    # an English name inside Arabic text is isolated, so its punctuation stays at its end
    assert '<bdi dir="ltr">The National</bdi>،' in arabic
    # a key figure's exact value, in French numbers, is its display's tooltip (issue 15: the
    # card no longer repeats it in words under the display)
    assert 'title="3\u202f600\u202f000 personnes"' in french
    assert 'data-page-between=" من "' in arabic and 'data-page-between=" sur "' in french


def test_markdown_headings_are_translated_and_anchors_stay(built: Path) -> None:
    french = (built / f"{FR_ID}.md").read_text(encoding="utf-8")
    assert '<a id="summary"></a>\n\n## Synthèse' in french
    assert "**L’essentiel en bref**" in french
    assert "| **Date** | 20 février 2020 |" in french
    arabic = (built / f"{AR_ID}.md").read_text(encoding="utf-8")
    assert '<a id="risks"></a>\n\n## المخاطر' in arabic
    assert "flowchart RL" in arabic


def _ink_centre(png: Path, top: float, bottom: float) -> float:
    """Where the dark pixels between two heights sit across the page, 0 (left) to 1 (right)."""
    from PIL import Image

    image = Image.open(png).convert("L")
    band = image.crop((0, int(top), image.width, int(bottom)))
    total = weighted = 0
    for x in range(band.width):
        dark = sum(1 for y in range(band.height) if band.getpixel((x, y)) < 128)
        total += dark
        weighted += dark * x
    assert total, "nothing drawn where the title should be"
    return weighted / total / band.width


def _title_centre(pdf: Path, tmp_path: Path) -> float:
    """The title is the largest type on page 1: find its lines, then look at their ink."""
    dpi = 50
    boxes = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    words = [tuple(map(float, found)) for found in re.findall(
        r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', boxes)]
    tallest = max(bottom - top for top, bottom in words)
    title = [(top, bottom) for top, bottom in words if bottom - top > 0.8 * tallest]
    prefix = tmp_path / pdf.stem
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", str(pdf),
                    str(prefix)], check=True)
    scale = dpi / 72
    return _ink_centre(next(tmp_path.glob(f"{pdf.stem}*.png")),
                       min(t for t, _b in title) * scale, max(b for _t, b in title) * scale)


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler-utils")
def test_arabic_title_block_stands_on_the_right(built: Path, tmp_path: Path) -> None:
    assert _title_centre(built / f"{AR_ID}.pdf", tmp_path) > 0.55
    assert _title_centre(built / f"{FR_ID}.pdf", tmp_path) < 0.45


def test_arabic_markings_are_mirrored_in_the_running_header(built: Path) -> None:
    boxes = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-bbox", str(built / f"{AR_ID}.pdf"),
                            "-"], capture_output=True, text=True, check=True).stdout
    positions = {word: float(x) for x, word in
                 re.findall(r'xMin="([\d.]+)"[^>]*>([^<]+)</word>', boxes)}
    assert positions["TLP:CLEAR"] < 100  # on the left, the classification on the right
    assert max(x for word, x in positions.items() if "ماع" in word or "عام" in word) > 400


def test_translated_html_is_valid(built: Path) -> None:
    java = shutil.which("java")
    require("the Nu Html Checker", bool(java) and VNU_JAR.is_file(),
            "npm ci, and a Java runtime")
    files = [str(built / f"{ident}.html") for ident in (FR_ID, AR_ID)]
    result = subprocess.run([str(java), "-jar", str(VNU_JAR), "--format", "json", *files],
                            capture_output=True, text=True, timeout=300, check=False)
    errors = [m for m in json.loads(result.stderr)["messages"] if m["type"] == "error"]
    assert not errors, errors[:5]


def test_arabic_html_reads_right_to_left_in_a_browser(built: Path) -> None:
    """In Chromium, lists of references run from the right, tables start on the right, and
    the page passes axe-core: the isolation briefgen adds works in a browser too."""
    require("axe-core", AXE_JS.is_file(), "run `npm ci` at the repository root")
    with chromium() as browser:
        context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto((built / f"{AR_ID}.html").as_uri())
        refs = page.evaluate("""() => [...document.querySelectorAll('p.refs')]
            .map(p => [...p.querySelectorAll('a.ref')].map(a => a.getBoundingClientRect().x))
            .filter(xs => xs.length > 1)""")
        assert refs and all(xs == sorted(xs, reverse=True) for xs in refs), refs
        columns = page.evaluate("""() => [...document.querySelectorAll('.risk-table thead th')]
            .map(th => th.getBoundingClientRect().x)""")
        assert columns == sorted(columns, reverse=True)
        page.add_script_tag(path=str(AXE_JS))
        results = page.evaluate("async () => await axe.run(document)")
        context.close()
    serious = [v["id"] for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, serious


def test_what_changed_box_speaks_the_briefs_language(tmp_path: Path) -> None:
    old = FIXTURES / "idlib-fr.yaml"
    text = old.read_text(encoding="utf-8").replace('version: "1.0"\n  status',
                                                   'version: "1.1"\n  status')
    risks = text.index("\nrisks:")
    at = text.index("likelihood: likely\n", risks)
    new = tmp_path / "idlib-fr.yaml"
    new.write_text(text[:at] + "likelihood: very-likely\n" + text[at + 19:], encoding="utf-8")
    shutil.copy(FIXTURES / "the-national-2020-02-20-idlib-talks.txt", tmp_path)
    result = run("build", str(new), "--since", str(old), "--out", str(tmp_path / "out"),
                 "--format", "md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    markdown = (tmp_path / "out" / f"{FR_ID}.md").read_text(encoding="utf-8")
    assert "> **Ce qui a changé depuis la version 1.0**" in markdown
    assert "> - **Mentions et métadonnées\u00a0:** version 1.0 → 1.1" in markdown
    assert ("probabilité probable → très probable (niveau élevé (16) → élevé (20))"
            in markdown)


# --- A language briefgen does not speak ------------------------------------------------------


def test_a_language_without_a_catalog_warns_once_and_stays_english(tmp_path: Path) -> None:
    brief = tmp_path / "idlib-de.yaml"
    text = (FIXTURES / "idlib-fr.yaml").read_text(encoding="utf-8")
    brief.write_text(text.replace("\n  language: fr\n", "\n  language: de\n"), encoding="utf-8")
    shutil.copy(FIXTURES / "the-national-2020-02-20-idlib-talks.txt", tmp_path)
    line = brief.read_text(encoding="utf-8").splitlines().index("  language: de") + 1

    result = run("check", str(brief), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    warnings = [w for w in result.stderr.splitlines() if "warning:" in w]
    assert len(warnings) == 1, result.stderr
    assert re.match(rf"(.*/)?{brief.name}:{line}:13: meta\.language: warning: ", warnings[0])
    assert "English" in warnings[0]

    result = run("build", str(brief), "--out", str(tmp_path / "out"), "--format", "md",
                 cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    markdown = (tmp_path / "out" / "idlib-talks-2020-02-20-fr.md").read_text(encoding="utf-8")
    assert "## Summary" in markdown and "**Bottom line up front**" in markdown
    assert "| **Date** | 20\\. Februar 2020 |" in markdown  # Babel still knows German dates


def test_a_projects_own_template_can_translate(tmp_path: Path) -> None:
    project = tmp_path / "proj"
    (project / "seeds").mkdir(parents=True)
    (project / "templates").mkdir()
    shutil.copy(FIXTURES / "idlib-fr.yaml", project / "seeds")
    shutil.copy(FIXTURES / "the-national-2020-02-20-idlib-talks.txt", project / "seeds")
    (project / "templates" / "brief.md.j2").write_text(
        '{{ _("Risks") }} · {{ brief.meta.date | date }} · {{ "likely" | likelihood }}\n',
        encoding="utf-8")
    result = run("build", "--format", "md", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "output" / f"{FR_ID}.md").read_text(encoding="utf-8") == \
        "Risques · 20 février 2020 · probable (55–80\u00a0%)\n"


# --- Packaging ---------------------------------------------------------------------------------


def test_the_wheel_carries_the_catalogs(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    names = zipfile.ZipFile(next(tmp_path.glob("briefgen-*.whl"))).namelist()
    for language in ("fr", "ar"):
        assert f"briefgen/locales/{language}/LC_MESSAGES/briefgen.po" in names
