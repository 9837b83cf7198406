"""The validator cache: `check` reads each model's validator instead of building it, and a
stale, broken or planted cache is never trusted."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED
from pydantic import ValidationError

from briefgen.model import Brief, compiled
from briefgen.project.config import Config
from briefgen.reading.loader import load_brief

BUILT = """
import sys
from pydantic._internal import _model_construction as construction
built = []
original = construction.complete_model_class
def counting(cls, *args, **kwargs):
    built.append(cls.__qualname__)
    return original(cls, *args, **kwargs)
construction.complete_model_class = counting
from briefgen.commands.cli import main
code = main(sys.argv[1:])
print("BUILT", ",".join(built))
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
    assert "BUILT Brief" in first.stdout  # the slow path, once
    stored = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    assert set(stored) == {"briefgen.model.brief.Brief.pickle"}  # no briefgen.toml here
    again = _check(tmp_path, str(SEED), "--audience", "clear")
    assert again.returncode == 0, again.stderr
    assert "BUILT \n" in again.stdout, again.stdout  # no model built at all
    assert again.stdout.splitlines()[0] == first.stdout.splitlines()[0]
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == stored


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
    path = tmp_path / "briefgen.project.config.Config.pickle"
    header, body = path.read_bytes().split(b"\n", 1)
    sources = pickle.loads(body[:int(header)])
    assert "briefgen.project.config" in sources and "briefgen.model.fields" in sources
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
    path = tmp_path / "briefgen.project.config.Config.pickle"
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
