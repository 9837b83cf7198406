"""A model's validator, built once per version of the code and then read from a cache.

Making a validator means turning the model's Python types into pydantic's
core schema, which is most of what `check` would spend starting up. The
schema is a plain tree of dicts, classes and functions, so it is pickled
into the user's cache folder, keyed by everything it was made from (the
Python, pydantic and pydantic-core versions, and the size and modification
time of every module it names, as Python checks its own bytecode), and read
back as a validator in milliseconds.

A cache that is missing, stale, unreadable or tampered with is ignored and
made again; one that cannot be written is not an error. Reading it back may
only name briefgen's own modules and pydantic's, so a planted file runs no
other code.
"""

from __future__ import annotations

import io
import os
import pickle
import sys
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pydantic
import pydantic_core
from pydantic_core import SchemaValidator

if TYPE_CHECKING:
    from pydantic import BaseModel

FORMAT = 2  # bump when what is stored, or how it is keyed, changes
_ALLOWED = ("briefgen.", "pydantic.", "pydantic_core.")
_SHAPING = ("briefgen.model", "briefgen.errors")
_ALLOWED_EXACT = {"pydantic_core", "builtins", "re", "datetime", "decimal", "uuid",
                  "pathlib", "collections", "functools", "typing", "enum"}
_BUILTINS_ALLOWED = {"set", "frozenset", "tuple", "list", "dict", "str", "int", "float",
                     "bool", "bytes", "getattr", "object", "slice", "complex", "range"}


def cache_dir() -> Path | None:
    """Where compiled schemas live: `$BRIEFGEN_SCHEMA_CACHE`, else the user cache folder
    (`$XDG_CACHE_HOME/briefgen/schemas`, by default `~/.cache/briefgen/schemas`); None
    when there is no home to put it in. A relative XDG_CACHE_HOME is ignored, as the
    XDG specification says."""
    own = os.environ.get("BRIEFGEN_SCHEMA_CACHE")
    if own:
        return Path(own)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "briefgen" / "schemas"
    try:
        home = Path.home()
    except RuntimeError:  # no HOME and no password entry: run without a cache
        return None
    return home / ".cache" / "briefgen" / "schemas" if home.is_absolute() else None


@cache
def validator(model: type[BaseModel]) -> SchemaValidator:
    """The validator of `model`, equivalent to `model.model_validate`'s."""
    folder = cache_dir()
    path = folder / f"{model.__module__}.{model.__qualname__}.pickle" if folder else None
    found = _read(path) if path else None
    if found is not None:
        return found
    if not model.__pydantic_complete__:
        model.model_rebuild()  # pydantic's own, slow path
    made = model.__pydantic_validator__
    if not isinstance(made, SchemaValidator):  # a plugin's wrapper: use it, cache nothing
        return made  # type: ignore[return-value]
    if path:
        _write(path, made, model)
    return made


def _read(path: Path) -> SchemaValidator | None:
    try:
        stored = path.read_bytes()
        header, body = stored.split(b"\n", 1)
        sources = pickle.loads(body[:int(header)])  # noqa: S301 - a plain dict of str
        if not isinstance(sources, dict) or sources != _fingerprint(sources):
            return None
        loaded = _Unpickler(io.BytesIO(body[int(header):])).load()
    except (OSError, ValueError, pickle.UnpicklingError, EOFError, AttributeError,
            ImportError, TypeError, IndexError):
        return None
    return loaded if isinstance(loaded, SchemaValidator) else None


def _write(path: Path, made: SchemaValidator, model: type[BaseModel]) -> None:
    try:
        body = pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return  # a schema naming something that cannot be pickled: no cache, still correct
    # The modules it names, its own, and every module of the format, whose constants (a
    # length, a list of choices) may shape a schema without being named in it.
    named = {name for name in _globals(body) if name.startswith("briefgen")}
    shaping = {name for name in sys.modules if name.startswith(_SHAPING)}
    modules = sorted(named | shaping | {model.__module__})
    sources = _fingerprint({name: "" for name in modules})
    head = pickle.dumps(sources, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        import tempfile  # only a miss writes; a hit need not import it

        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
    except OSError:
        return  # no cache folder to be had: the next run builds again
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(b"%d\n" % len(head) + head + body)
        temporary.replace(path)  # whole or not at all, for a run reading it meanwhile
    except OSError:
        temporary.unlink(missing_ok=True)


def _fingerprint(modules: dict[str, Any]) -> dict[str, str]:
    """What the schema was made from: the versions, and the size and modification time of
    each module it names (what Python itself checks its bytecode against)."""
    found = {"": f"{FORMAT} {sys.version} {pydantic.VERSION} {pydantic_core.__version__}"}
    for name in modules:
        if not name:
            continue
        module = sys.modules.get(name)
        source = getattr(module, "__file__", None) if module else _origin(name)
        try:
            stat = Path(source).stat() if source else None
        except OSError:
            stat = None
        found[name] = f"{stat.st_size} {stat.st_mtime_ns}" if stat else "?"
    return found


def _origin(name: str) -> str | None:
    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return None
    return spec.origin if spec else None


def _globals(body: bytes) -> set[str]:
    """The modules a pickle names."""
    names: set[str] = set()

    class Recorder(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            names.add(module)
            return super().find_class(module, name)

    Recorder(io.BytesIO(body)).load()
    return names


class _Unpickler(pickle.Unpickler):
    """Names only briefgen's modules, pydantic's and a few harmless built-ins."""

    def find_class(self, module: str, name: str) -> Any:
        allowed = module.startswith(_ALLOWED) or module in _ALLOWED_EXACT
        if module == "builtins" and name not in _BUILTINS_ALLOWED:
            allowed = False
        if not allowed:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a schema cache")
        return super().find_class(module, name)
