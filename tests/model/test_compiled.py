"""The validator cache: `check` reads each model's validator instead of building it, and a
stale, broken or planted cache is never trusted; the light validator `check` uses refuses
and keeps exactly what the models do, without pydantic in the process."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import pytest
from conftest import ROOT, SEED
from pydantic import BaseModel, BeforeValidator, ValidationError

from briefgen.errors import BriefRefused
from briefgen.model import Brief, compiled
from briefgen.model.fields import Model
from briefgen.model.light import Plain
from briefgen.model.shape import BRIEF
from briefgen.project.config import CONFIG
from briefgen.project.config_model import Config
from briefgen.reading.loader import load_brief

CORPUS = ROOT / "tests" / "corpus" / "broken"


class Unusual(Model):
    """A model whose validator `values` does not hold."""

    name: Annotated[str, BeforeValidator(str.strip)]

BUILT = """
import sys
from briefgen.commands.cli import main
code = main(sys.argv[1:])
print("IMPORTED", ",".join(sorted(m for m in ("pydantic", "pydantic_core") if m in sys.modules)))
sys.exit(code)
"""


def _check(cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BRIEFGEN_SCHEMA_CACHE": str(cache)}
    return subprocess.run([sys.executable, "-c", BUILT, "check", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)


def _fresh(model: type) -> object:
    return compiled.validator.__wrapped__(model)  # type: ignore[attr-defined]


def test_check_builds_each_validator_once_then_reads_it(tmp_path: Path) -> None:
    first = _check(tmp_path, str(SEED))
    assert first.returncode == 0, first.stderr
    assert "IMPORTED pydantic,pydantic_core\n" in first.stdout  # the slow path, once
    stored = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    # The light validators check reads, and the models' own, which a build will read.
    assert set(stored) == {f"{kind}{model}.{compiled._INSTALL}.pickle" for kind in ("", "light.")
                           for model in (BRIEF, CONFIG)}
    again = _check(tmp_path, str(SEED), "--audience", "clear")
    assert again.returncode == 0, again.stderr
    # No model built, and neither pydantic nor pydantic-core's package imported: only its
    # compiled extension.
    assert "IMPORTED \n" in again.stdout, again.stdout
    assert again.stdout.splitlines()[0] == first.stdout.splitlines()[0]
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == stored
    refused = _check(tmp_path, str(CORPUS / "misquote.yaml"))
    assert refused.returncode == 1 and "not found verbatim" in refused.stdout + refused.stderr
    assert "IMPORTED \n" in refused.stdout, refused.stdout


def test_a_cached_validator_refuses_what_pydantic_refuses(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_SCHEMA_CACHE", str(tmp_path))
    data = load_brief(SEED).data
    _fresh(Brief)  # writes the cache
    cached = _fresh(Brief)  # reads it
    assert cached.validate_python(data) == Brief.model_validate(data)
    bad = {**data, "meta": {**data["meta"], "tlp": "Amber", "colour": "red"}}
    with pytest.raises(ValidationError) as ours:
        cached.validate_python(bad)
    with pytest.raises(ValidationError) as theirs:
        Brief.model_validate(bad)
    assert ours.value.errors() == theirs.value.errors()
    assert "did you mean 'amber'" in str(ours.value)


def test_a_cache_of_other_code_is_made_again(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_SCHEMA_CACHE", str(tmp_path))
    _fresh(Config)
    path = tmp_path / f"briefgen.project.config_model.Config.{compiled._INSTALL}.pickle"
    header, body = path.read_bytes().split(b"\n", 1)
    sources = pickle.loads(body[:int(header)])
    assert "briefgen.project.config_model" in sources and "briefgen.model.fields" in sources
    assert "briefgen.project.paths" in sources  # its paper sizes shape the schema, unnamed
    assert {"briefgen.model.meta", "briefgen.model.brief", "briefgen.errors"} <= set(sources)
    sources["briefgen.model.fields"] = "0" * 64  # as if fields.py had changed since
    head = pickle.dumps(sources)
    path.write_bytes(b"%d\n" % len(head) + head + body[int(header):])
    assert compiled._read(path) is None
    assert _fresh(Config).validate_python({"style": {"paper": "A5"}}).style.paper == "A5"
    assert compiled._read(path) is not None  # written again, for the code as it is


class _Planted:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch planted",))


def test_a_planted_or_broken_cache_runs_nothing(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_SCHEMA_CACHE", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    path = tmp_path / f"briefgen.project.config_model.Config.{compiled._INSTALL}.pickle"
    head = pickle.dumps(compiled._fingerprint({}))
    path.write_bytes(b"%d\n" % len(head) + head + pickle.dumps(_Planted()))
    assert compiled._read(path) is None
    assert not (tmp_path / "planted").exists()
    for junk in (b"", b"garbage", b"12\nshort", b"3\n\x80\x05K"):
        path.write_bytes(junk)
        assert compiled._read(path) is None
    assert _fresh(Config).validate_python({}) == Config()


def test_an_unwritable_cache_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    done = _check(blocked / "schemas", str(SEED))
    assert done.returncode == 0, done.stderr
    assert "ok" in done.stdout


def test_the_cache_lives_in_the_user_cache_folder(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    monkeypatch.delenv("BRIEFGEN_SCHEMA_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert compiled.cache_dir() == tmp_path / "briefgen" / "schemas"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # not absolute: ignored
    assert compiled.cache_dir() == Path.home() / ".cache" / "briefgen" / "schemas"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.delenv("HOME")
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: (_ for _ in ()).throw(
        RuntimeError("Could not determine home directory."))))
    assert compiled.cache_dir() is None
    assert compiled.validator.__wrapped__(Config).validate_python({}) == Config()


def _plain(value: object) -> object:
    """A stand-in, or a model, as plain data: its fields only."""
    if isinstance(value, Plain | BaseModel):
        return {k: _plain(v) for k, v in vars(value).items() if not k.startswith("__")}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _outcome(validate: object, data: object) -> object:
    try:
        return ("valid", _plain(validate(data)))  # type: ignore[operator]
    except ValidationError as exc:
        return ("refused", exc.errors(include_url=False))


def test_the_light_validator_refuses_and_keeps_what_the_models_do(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_SCHEMA_CACHE", str(tmp_path))
    made = compiled.light.__wrapped__(BRIEF)  # type: ignore[attr-defined]
    read = compiled.light.__wrapped__(BRIEF)  # type: ignore[attr-defined]
    assert (tmp_path / f"light.{BRIEF}.{compiled._INSTALL}.pickle").is_file()
    assert made.validator is not read.validator and made.shapes == read.shapes
    briefs = [SEED, *sorted(CORPUS.glob("*.yaml")),
              *sorted((ROOT / "tests" / "fixtures").rglob("*.yaml"))]
    compared = refused = 0
    for path in briefs:
        try:
            data = load_brief(path).data
        except BriefRefused:
            continue  # not YAML a validator would see
        ours = _outcome(read.validator.validate_python, data)
        assert ours == _outcome(Brief.model_validate, data), path
        compared += 1
        refused += ours[0] == "refused"
    assert compared > 100 and 50 < refused < compared  # both kinds of outcome, many times
    brief = read.validator.validate_python(load_brief(SEED).data)
    assert type(brief).__name__ == "Brief" and type(brief).__module__ == "briefgen.model.light"
    assert brief.quotes[0].id == Brief.model_validate(load_brief(SEED).data).quotes[0].id
    config = compiled.light.__wrapped__(CONFIG).validator  # type: ignore[attr-defined]
    for table in ({}, {"style": {"accent": "#ABC", "paper": "A5"}}, {"style": {"paper": "A3"}},
                  {"build": {"formats": ["pdf", "doc"]}}, {"defaults": {"tlp": "Amber"}}):
        assert _outcome(config.validate_python, table) == _outcome(Config.model_validate, table)


def test_a_model_with_no_stand_in_is_validated_by_itself(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A validator that `values` does not hold cannot be carried without its model: the
    model's own validator does the work, and no light validator is cached."""
    monkeypatch.setenv("BRIEFGEN_SCHEMA_CACHE", str(tmp_path))
    made = compiled.light.__wrapped__(f"{__name__}.Unusual")  # type: ignore[attr-defined]
    assert made.validator.validate_python({"name": " x "}).name == "x"
    assert not list(tmp_path.glob("light.*"))


def test_pydantic_after_a_light_check_is_pydantic_as_ever(tmp_path: Path) -> None:
    """`check` loads pydantic-core's extension alone; a build in the same process later
    imports the package, which must take the same extension and work as ever."""
    script = """
import sys
from briefgen.commands.cli import main
assert main(["check", sys.argv[1]]) == 0
assert "pydantic_core" not in sys.modules, "the package was imported"
import pydantic_core
assert pydantic_core._pydantic_core is sys.modules["pydantic_core._pydantic_core"]
from briefgen.model import Brief
from briefgen.reading.loader import load_brief
from pathlib import Path
brief = Brief.model_validate(load_brief(Path(sys.argv[1])).data)
assert type(brief).__module__ == "briefgen.model.brief", type(brief)
print("same", brief.meta.id)
"""
    assert _check(tmp_path, str(SEED)).returncode == 0  # the cache, made
    env = {**os.environ, "BRIEFGEN_SCHEMA_CACHE": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script, str(SEED)], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("same idlib-talks-2020-02-20")


def test_two_installs_keep_a_cache_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two copies of briefgen (two virtualenvs, say) used by turns would otherwise remake
    the other's cache on every run."""
    monkeypatch.setenv("BRIEFGEN_SCHEMA_CACHE", str(tmp_path))
    compiled.light.__wrapped__(CONFIG)  # type: ignore[attr-defined]
    monkeypatch.setattr(compiled, "_INSTALL", "0ther1n5")
    compiled.light.__wrapped__(CONFIG)  # type: ignore[attr-defined]
    kept = sorted(p.name for p in tmp_path.glob("light.*"))
    assert len(kept) == 2 and any("0ther1n5" in name for name in kept), kept
