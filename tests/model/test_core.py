"""pydantic-core's extension, loaded alone: the process ends up as a plain import leaves it,
and anything unexpected falls back to the plain import."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def _run(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, check=False)


def test_the_extension_alone_then_the_package_as_imported() -> None:
    done = _run("""
import sys
from briefgen.model import core
assert "pydantic_core" not in sys.modules and "typing_extensions" not in sys.modules
assert sys.modules["pydantic_core._pydantic_core"] is core._core
hooks = len(sys.meta_path)
import pydantic_core
assert pydantic_core._pydantic_core is core._core  # the attribute an import sets
assert pydantic_core.SchemaValidator is core.SchemaValidator
assert pydantic_core.ValidationError is core.ValidationError
assert len(sys.meta_path) == hooks - 1  # the hook stepped aside
try:
    core.SchemaValidator({"type": "str"}).validate_python(1)
except pydantic_core.ValidationError as exc:  # one class, whichever way it was reached
    print(exc.errors(include_url=False)[0]["type"])
""")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "string_type"


def test_a_package_laid_out_otherwise_is_simply_imported() -> None:
    done = _run("""
import importlib.util, sys
real = importlib.util.find_spec
importlib.util.find_spec = lambda name, *args: None if name == "pydantic_core" else real(
    name, *args)
from briefgen.model import core
assert "pydantic_core" in sys.modules  # imported the plain way
import pydantic_core
assert core.SchemaValidator is pydantic_core.SchemaValidator
print(core.SchemaValidator({"type": "str"}).validate_python("ok"))
""")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_a_process_that_imported_pydantic_first_keeps_it() -> None:
    done = _run("""
import sys
import pydantic
from briefgen.model import core
import pydantic_core
assert core.SchemaValidator is pydantic_core.SchemaValidator
assert not any(type(hook).__name__ == "_AttachOnImport" for hook in sys.meta_path)
print("same")
""")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "same"
