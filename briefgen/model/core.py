"""pydantic-core's compiled validator, loaded without the rest of its package.

`import pydantic_core` runs the package's `__init__`, which defines a hundred
TypedDicts (`core_schema`) for type checkers: about 10 ms, a tenth of what
`check` spends starting up, on nothing `check` uses. Everything it does use
(`SchemaValidator`, `ValidationError`, `PydanticCustomError`) lives in the
compiled extension `pydantic_core._pydantic_core`, so `check` loads that on
its own, under its own name.

The process stays as a plain import would leave it: the extension is in
`sys.modules` under its name, so the package, when pydantic or a build
imports it later, takes the same module and the same classes (a second
copy could not be loaded at all); and the package then gets the attribute
`_pydantic_core`, as importing it would have given it. Where the package is
already imported, or is not laid out as it is known to be, it is imported.
"""

from __future__ import annotations

import sys
from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader, PathFinder
from importlib.util import find_spec, module_from_spec, spec_from_file_location
from pathlib import Path
from types import ModuleType
from typing import Any

PACKAGE = "pydantic_core"
EXTENSION = f"{PACKAGE}._pydantic_core"


def _load() -> ModuleType:
    if EXTENSION in sys.modules or PACKAGE in sys.modules:
        return _imported()
    try:
        package = find_spec(PACKAGE)  # finds the folder; imports nothing
        folder = Path(package.origin).parent if package and package.origin else None
        path = next((folder / f"_pydantic_core{suffix}" for suffix in EXTENSION_SUFFIXES
                     if folder and (folder / f"_pydantic_core{suffix}").is_file()), None)
        if path is None:
            return _imported()
        loader = ExtensionFileLoader(EXTENSION, str(path))
        spec = spec_from_file_location(EXTENSION, path, loader=loader)
        if spec is None:
            return _imported()
        module = module_from_spec(spec)
    except (ImportError, OSError, ValueError):
        return _imported()
    sys.modules[EXTENSION] = module
    loader.exec_module(module)
    sys.meta_path.insert(0, _AttachOnImport(module))
    return module


def _imported() -> ModuleType:
    import pydantic_core._pydantic_core as extension

    return extension


class _AttachOnImport:
    """Finds nothing itself: when the package is imported later, gives it the attribute
    `_pydantic_core` that importing its extension would have set, then steps aside."""

    def __init__(self, extension: ModuleType) -> None:
        self.extension = extension

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name != PACKAGE:
            return None
        sys.meta_path.remove(self)
        spec = PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        run = spec.loader.exec_module
        extension = self.extension

        def exec_module(module: ModuleType) -> None:
            module._pydantic_core = extension  # type: ignore[attr-defined]
            run(module)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


_core = _load()
SchemaValidator = _core.SchemaValidator
SchemaError = _core.SchemaError
ValidationError = _core.ValidationError
PydanticCustomError = _core.PydanticCustomError
__version__: str = _core.__version__
