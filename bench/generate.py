"""Synthetic, fictional briefs for benchmarking, reproducible byte for byte from a seed.

Each brief is a YAML file beside the article it quotes (its `local_path`
source), so `briefgen check` verifies every quote verbatim. Brief `i` of
seed `s` depends only on `(s, i)` and the knobs, never on how many briefs
are made, so a 100-brief set starts with the same briefs as a 10-brief set.

    python -m bench.generate OUT --size small --count 100 --seed 1
    python -m bench.generate OUT --parties 8 --risks 5 --quotes 12
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bench import analysis, sections
from bench import lexicon as lx
from bench.article import LOCATOR_SCHEME, Article
from bench.cast import Cast, make_cast

DEFAULT_SEED = 20200220


@dataclass(frozen=True)
class Knobs:
    """How much of each section a brief has; the page count follows from these."""

    parties: int = 4
    quotes: int = 4
    risks: int = 2
    events: int = 4
    figures: int = 2
    positions: int = 3
    relations: int = 3
    points: int = 3
    recommendations: int = 2
    questions: int = 2
    sources: int = 1
    background: int = 3  # paragraphs of the article that no item cites
    humanitarian: bool = True
    native_names: float = 0.25  # share of people whose names are also in Arabic script


# The fewest sections a brief may have: two parties and one point of the summary (two PDF
# pages). `python -m bench --smoke` generates every brief with these.
BARE = Knobs(parties=2, quotes=0, risks=0, events=0, figures=0, positions=0, relations=0,
             points=1, recommendations=0, questions=0, humanitarian=False, background=0)

# Tuned with `pdfinfo` on the PDFs briefgen builds: see bench/README.md.
SIZES = {
    "small": Knobs(parties=3, quotes=2, risks=0, events=2, figures=1, positions=2, relations=1,
                   points=2, recommendations=1, questions=0, background=1, humanitarian=False),
    "large": Knobs(parties=12, quotes=12, risks=7, events=10, figures=5, positions=12,
                   relations=10, points=9, recommendations=6, questions=6, sources=2),
}


def brief_id(prefix: str, index: int) -> str:
    return f"{prefix}-{index:04d}"


def make_brief(seed: int, index: int, knobs: Knobs, prefix: str = "bench") -> dict[str, str]:
    """One brief and its source texts, as {file name: text}; the same inputs, the same bytes."""
    rng = random.Random(f"briefgen-bench:{seed}:{index}")
    ident = brief_id(prefix, index)
    brief_date = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(0, 1200))
    cast = make_cast(rng, knobs.parties, knobs.native_names)
    articles = [_article(cast) for _ in range(max(1, knobs.sources))]
    source_ids = [cast.ids.new(f"src-{ident}-{n + 1}") for n in range(len(articles))]
    sources = sections.Sources(source_ids, articles)
    data = _sections(cast, knobs, brief_date, sources)
    for article in articles:
        article.body += [" ".join(cast.fill(t) for t in rng.sample(lx.BACKGROUND, 3))
                         for _ in range(knobs.background)]
    files = {f"{ident}-{n + 1}.txt": a.text(rng) for n, a in enumerate(articles)}
    data = {"schema": "briefgen/1", "meta": _meta(cast, ident, brief_date),
            "sources": _sources(cast, source_ids, articles, ident, brief_date), **data}
    header = (f"# Synthetic, fictional brief for briefgen's benchmarks (bench/generate.py).\n"
              f"# seed {seed}, index {index}, {_describe(knobs)}\n\n")
    files[f"{ident}.yaml"] = header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True,
                                                     width=96)
    return files


def _describe(knobs: Knobs) -> str:
    return ", ".join(f"{f.name}={getattr(knobs, f.name)}" for f in dataclasses.fields(knobs))


def _sections(cast: Cast, knobs: Knobs, brief_date: dt.date,
              sources: sections.Sources) -> dict[str, Any]:
    """Evidence first (it fills the articles), then the judgements that cite it."""
    events = sections.timeline(cast, knobs.events, brief_date, sources)
    figures = sections.key_figures(cast, knobs.figures, brief_date, sources)
    said = sections.quotes(cast, knobs.quotes, sources)
    evidence = [item["id"] for item in [*said, *events, *figures]]
    risks = analysis.risks(cast, knobs.risks, evidence)
    risk_ids = [r["id"] for r in risks]
    data: dict[str, Any] = {
        "summary": analysis.summary(cast, knobs.points, events, risks, sources.ids[0]),
        "key_figures": figures, "parties": cast.parties, "people": cast.people,
        "relations": analysis.relations(cast, knobs.relations),
        "positions": analysis.positions(cast, knobs.positions, said), "quotes": said,
        "risks": risks}
    if knobs.humanitarian:
        data["humanitarian"] = analysis.humanitarian(cast, figures, said)
    data["timeline"] = events
    data["recommendations"] = analysis.recommendations(cast, knobs.recommendations, risk_ids)
    data["open_questions"] = analysis.open_questions(cast, knobs.questions,
                                                     risk_ids + [e["id"] for e in events])
    return {key: value for key, value in data.items() if value}


def _article(cast: Cast) -> Article:
    a, b = cast.belligerents()[:2]
    region = cast.regions[0]
    article = Article(title=f"{a['name']} and {b['name']} fail to agree terms for {region}",
                      standfirst=cast.fill("Talks in {capital} end without a deal as "
                                           "fighting continues around {town}"))
    article.lead.append(" ".join(cast.fill(t) for t in cast.rng.sample(lx.BACKGROUND, 2)))
    return article


def _meta(cast: Cast, ident: str, brief_date: dt.date) -> dict[str, Any]:
    a, b = cast.belligerents()[:2]
    region = cast.regions[0]
    return {
        "id": ident,
        "title": f"{a['name']} and {b['name']} fail to agree new terms for {region}",
        "subtitle": cast.fill("Talks in {capital} end without agreement as fighting continues "
                              "around {town} and aid agencies warn of a worsening crisis"),
        "date": brief_date.isoformat(), "language": "en", "version": "1.0", "status": "final",
        "authors": [{"name": "briefgen benchmark generator", "role": "Synthetic author"}],
        "classification": cast.rng.choice(("public", "internal")),
        "tlp": cast.rng.choice(("clear", "green", "amber")),
        "coverage": {"countries": [c.code for c in cast.countries], "areas": cast.regions},
        "tags": ["synthetic", *[c.name for c in cast.countries[:2]], "ceasefire", "displacement"],
        "sourcing_note": "This brief rests on generated articles stored beside it. Quotes are "
                         "checked against them word for word.",
        "fictional": True,
        "disclaimer": "Every name, place, quote and event in this brief is invented, for "
                      "benchmarking briefgen. None describes a real country, person or event.",
        "changelog": [{"version": "1.0", "date": brief_date.isoformat(), "note": "First issue."}],
    }


def _sources(cast: Cast, ids: list[str], articles: list[Article], ident: str,
             brief_date: dt.date) -> list[dict[str, Any]]:
    return [{"id": source, "type": "article-newspaper", "title": article.title,
             "standfirst": article.standfirst, "publisher": cast.rng.choice(lx.PUBLISHERS),
             "issued": brief_date.isoformat(), "local_path": f"{ident}-{n + 1}.txt",
             "language": "en", "reliability": cast.rng.choice("BCF"),
             "locator_scheme": LOCATOR_SCHEME}
            for n, (source, article) in enumerate(zip(ids, articles, strict=True))]


def write_briefs(out_dir: Path, count: int, knobs: Knobs, seed: int = DEFAULT_SEED,
                 prefix: str = "bench", start: int = 0) -> list[Path]:
    """Write `count` briefs and their sources into `out_dir`; return the briefs' paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    briefs = []
    for index in range(start, start + count):
        for name, text in make_brief(seed, index, knobs, prefix).items():
            (out_dir / name).write_text(text, encoding="utf-8", newline="\n")
        briefs.append(out_dir / f"{brief_id(prefix, index)}.yaml")
    return briefs


def _yes(text: str) -> bool:
    return text.lower() in ("1", "yes", "true", "on")


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="folder to write the briefs into")
    parser.add_argument("--size", choices=sorted(SIZES), default="small",
                        help="the starting knobs: small (about 4 PDF pages), large (about 16)")
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--prefix", default=None, help="meta.id prefix (default: bench-SIZE)")
    for knob in dataclasses.fields(Knobs):
        kind = {"float": float, "bool": _yes}.get(str(knob.type), int)
        parser.add_argument(f"--{knob.name.replace('_', '-')}", type=kind, default=None,
                            help=f"override the size's {knob.name}")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    changes = {f.name: getattr(args, f.name) for f in dataclasses.fields(Knobs)
               if getattr(args, f.name) is not None}
    knobs = dataclasses.replace(SIZES[args.size], **changes)
    prefix = args.prefix or f"bench-{args.size}"
    for path in write_briefs(args.out, args.count, knobs, args.seed, prefix):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
