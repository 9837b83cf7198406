"""A model's validator, built once per version of the code and then read from a cache.

Making a validator means turning the model's Python types into pydantic's
core schema, which is most of what `check` would spend starting up. The
schema is a plain tree of dicts, classes and functions, so it is pickled
into the user's cache folder, keyed by everything it was made from (the
Python, pydantic and pydantic-core versions, and the size and modification
time of every module it names, as Python checks its own bytecode), and read
back as a validator in milliseconds.

There are two kinds. `validator(model)` makes the model's own instances, for
a build, which needs pydantic anyway. `light(path)` is the same schema with
each model class swapped for a plain stand-in (`light`) and each model's
own validator for the value it computes (`values.EmptyIsAbsent`), so that
reading it back needs pydantic-core alone: `check` then never imports
pydantic, which would cost it more than all the rest of its start-up. It
keeps each model's fields (`shape`) beside the validator, for the checks
that walk a brief's raw data. Both refuse exactly the same input with
exactly the same errors: they are one schema.

A cache that is missing, stale, unreadable or tampered with is ignored and
made again; one that cannot be written is not an error. Reading it back may
only name briefgen's own modules and pydantic's, so a planted file runs no
other code.
"""

from __future__ import annotations

import importlib
import io
import os
import pickle
import sys
import zlib
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.model import core
from briefgen.model.core import SchemaValidator

if TYPE_CHECKING:
    from pydantic import BaseModel

    from briefgen.model.annotations import Shape

FORMAT = 3  # bump when what is stored, or how it is keyed, changes
_ALLOWED = ("briefgen.", "pydantic.", "pydantic_core.")
_LIGHT_ALLOWED = ("briefgen.", "pydantic_core.")  # a light cache never names pydantic
# Modules whose constants may shape a schema unnamed: the format's, and the project's
# (briefgen.toml's paper sizes live in `project.paths`).
_SHAPING = ("briefgen.model", "briefgen.errors", "briefgen.project")
_ALLOWED_EXACT = {"pydantic_core", "builtins", "re", "datetime", "decimal", "uuid",
                  "pathlib", "collections", "functools", "typing", "enum"}
_BUILTINS_ALLOWED = {"set", "frozenset", "tuple", "list", "dict", "str", "int", "float",
                     "bool", "bytes", "getattr", "object", "slice", "complex", "range"}


# Which copy of briefgen a cache file belongs to: two installs (two virtualenvs, two
# checkouts) used by turns would otherwise overwrite each other's file on every run.
_INSTALL = f"{zlib.crc32(str(Path(__file__).resolve().parent).encode()):08x}"


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
    path = folder / f"{model.__module__}.{model.__qualname__}.{_INSTALL}.pickle" if folder else None
    found = _read(path) if path else None
    if isinstance(found, SchemaValidator):
        return found
    if not model.__pydantic_complete__:
        model.model_rebuild()  # pydantic's own, slow path
    made = model.__pydantic_validator__
    if not isinstance(made, SchemaValidator):  # a plugin's wrapper: use it, cache nothing
        return made  # type: ignore[return-value]
    if path:
        _write(path, made, model)
    return made


@dataclass(frozen=True)
class Light:
    """What `check` needs of a model without pydantic: a validator whose results are plain
    stand-ins (`briefgen.model.light`) holding what the model's instances would hold, and
    the fields of the model and of every model within it, by model name."""

    validator: SchemaValidator
    shapes: dict[str, dict[str, Shape]]
    items: frozenset[str]  # the names of the models that may be marked for an audience


@cache
def light(path: str) -> Light:
    """The light validator and fields of the model at `path` ("module.Class"), read from
    the cache, or made from the model (importing pydantic) and cached."""
    module, _, name = path.rpartition(".")
    folder = cache_dir()
    file = folder / f"light.{path}.{_INSTALL}.pickle" if folder else None
    found = _read(file, light=True) if file else None
    if isinstance(found, Light):
        return found
    model = getattr(importlib.import_module(module), name)
    made, swapped = _lighten(model)
    if file and swapped:
        _write(file, made, model)
    return made


def _lighten(model: type[BaseModel]) -> tuple[Light, bool]:
    """`model`'s validator with plain stand-ins for its classes, and True; or its own
    validator and False, where its schema names something that has no stand-in (a
    plugin's wrapper, say): slower to start, and never cached, but just as right."""
    from briefgen.model.annotations import tables

    shapes, items = tables(model)
    made = validator(model)
    try:
        _cls, args = made.__reduce__()[:2]
        schema, config, *rest = args
        swapped = SchemaValidator(_swap(schema, {}), config, *rest)
    except (_NoStandIn, TypeError, ValueError, core.SchemaError):
        return Light(made, shapes, items), False
    return Light(swapped, shapes, items), True


class _NoStandIn(Exception):
    """A schema names a function or object that a light schema cannot carry."""


def _swap(node: Any, seen: dict[int, Any]) -> Any:
    """The core schema `node` with every model class, model instance and model validator
    replaced by what stands in for it without pydantic."""
    from briefgen.model import light, values
    from briefgen.model.annotations import is_model

    if isinstance(node, dict):
        return {key: _swap(value, seen) for key, value in node.items()
                if key not in ("metadata", "serialization")}  # for JSON Schema and dumping
    if isinstance(node, list | tuple):
        return type(node)(_swap(value, seen) for value in node)
    if isinstance(node, str | int | float | bool | type(None)):
        return node
    if is_model(node):
        return light.plain_class(node.__name__)
    if is_model(type(node)):  # a default made with model_construct()
        if id(node) not in seen:
            plain = object.__new__(light.plain_class(type(node).__name__))
            plain.__dict__.update({k: _swap(v, seen) for k, v in vars(node).items()})
            seen[id(node)] = plain
        return seen[id(node)]
    owner = getattr(node, "__self__", None)
    if is_model(owner) and getattr(node, "__name__", "") == "_empty_is_absent":
        from briefgen.model.fields import required_keys

        return values.EmptyIsAbsent(required_keys(owner))
    if getattr(node, "__module__", None) == values.__name__ or \
            type(node).__module__ == values.__name__:
        return node  # a validator of `values`, which needs no pydantic
    raise _NoStandIn(repr(node))


def _read(path: Path, light: bool = False) -> Any:
    try:
        stored = path.read_bytes()
        header, body = stored.split(b"\n", 1)
        sources = pickle.loads(body[:int(header)])  # noqa: S301 - a plain dict of str
        if not isinstance(sources, dict) or sources != _fingerprint(sources):
            return None
        loaded = _Unpickler(io.BytesIO(body[int(header):]), light).load()
    except (OSError, ValueError, pickle.UnpicklingError, EOFError, AttributeError,
            ImportError, TypeError, IndexError):
        return None
    wanted = Light if light else SchemaValidator
    return loaded if isinstance(loaded, wanted) else None


def _write(path: Path, made: SchemaValidator | Light, model: type[BaseModel]) -> None:
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
    found = {"": f"{FORMAT} {sys.version} {core.__version__}",
             "pydantic": _stamp(_pydantic_version_file())}
    for name in modules:
        if name in found:
            continue
        module = sys.modules.get(name)
        found[name] = _stamp(getattr(module, "__file__", None) if module else _origin(name))
    return found


def _stamp(source: str | None) -> str:
    try:
        stat = Path(source).stat() if source else None
    except OSError:
        stat = None
    return f"{stat.st_size} {stat.st_mtime_ns}" if stat else "?"


def _pydantic_version_file() -> str | None:
    """pydantic's version.py, found without importing pydantic: an upgrade rewrites it."""
    origin = _origin("pydantic")
    return str(Path(origin).with_name("version.py")) if origin else None


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
    """Names only briefgen's modules, pydantic's (never in a light cache) and a few
    harmless built-ins."""

    def __init__(self, file: io.BytesIO, light: bool = False) -> None:
        super().__init__(file)
        self.prefixes = _LIGHT_ALLOWED if light else _ALLOWED

    def find_class(self, module: str, name: str) -> Any:
        allowed = module.startswith(self.prefixes) or module in _ALLOWED_EXACT
        if module == "builtins" and name not in _BUILTINS_ALLOWED:
            allowed = False
        if not allowed:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a schema cache")
        found = sys.modules.get(module)
        if found is None:
            return super().find_class(module, name)
        # A module already loaded is read directly: pickle's own lookup imports the module's
        # top package too, which for pydantic-core's extension is what `core` avoids.
        for part in name.split("."):
            found = getattr(found, part)
        return found
