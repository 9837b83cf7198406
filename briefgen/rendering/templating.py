"""The one place where briefgen's Jinja environments are built.

A project's own `templates/` come first, then the built-ins; the prefix
`builtin/` always names a built-in template, so that an override can extend
the file it replaces: `{% extends "builtin/brief.html.j2" %}`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from briefgen.errors import RenderError
from briefgen.project.paths import builtin_dir, search_path
from briefgen.rendering import filters, markdown
from briefgen.rendering.markdown import MdSafe


def _md_finalize(escape: Callable[[str], str]) -> Callable[[Any], str]:
    def finalize(value: Any) -> str:
        if isinstance(value, MdSafe):
            return value
        return escape("" if value is None else str(value))

    return finalize


def _yaml_string(value: Any) -> str:
    return json.dumps("" if value is None else str(value), ensure_ascii=False)


@cache
def environment(fmt: str, project: Path | None) -> jinja2.Environment:
    """The environment for `fmt` ('html', 'md' or 'yaml'), for templates of `project`."""

    builtin = jinja2.FileSystemLoader(str(builtin_dir("templates")))
    loader = jinja2.ChoiceLoader([
        jinja2.PrefixLoader({"builtin": builtin}),
        jinja2.FileSystemLoader([str(p) for p in search_path("templates", project)]),
    ])
    options: dict[str, Any] = {"loader": loader, "undefined": jinja2.StrictUndefined,
                               "trim_blocks": True, "lstrip_blocks": True,
                               "keep_trailing_newline": True}
    if fmt == "yaml":  # every value printed is a quoted YAML string, so none can be a trap
        return jinja2.Environment(autoescape=False, finalize=_yaml_string, **options)
    if fmt == "html":
        env = jinja2.Environment(autoescape=True, **options)
    else:
        env = jinja2.Environment(autoescape=False, finalize=_md_finalize(markdown.escape),
                                 **options)
    filters.install(env, fmt)
    return env


def render_template(fmt: str, name: str, project: Path | None, **context: Any) -> str:
    """Render one template; a template's own mistake becomes a RenderError with its line."""
    env = environment(fmt, project)
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"{exc.filename or exc.name}:{exc.lineno}: template syntax error: "
                          f"{exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        places = ", ".join(str(p) for p in search_path("templates", project))
        raise RenderError(f"template '{exc.name}' not found; looked in {places}") from None
    except jinja2.TemplateError as exc:
        raise RenderError(f"{_template_line(exc)}: template error: {exc}") from None
    except UnicodeDecodeError as exc:
        raise RenderError(f"{_unreadable(exc)}: a template must be UTF-8 text") from None
    except Exception as exc:
        # A project's own templates are its code: a mistake in one (1 / 0, a bad call,
        # runaway recursion) is reported at its file and line. In a built-in one it is
        # briefgen's bug, and keeps its traceback.
        where = _template_line(exc, project)
        if where is None:
            raise
        raise RenderError(f"{where}: template error: {type(exc).__name__}: {exc}") from None


def _template_line(exc: BaseException, project: Path | None = None) -> str | None:
    """The innermost template file and line in a traceback that Jinja rewrote.

    With `project`, only a template in the project's own templates/ counts.
    """
    found = None if project is not None else "template"
    own = (project / "templates").resolve() if project is not None else None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") and (own is None or Path(filename).resolve()
                                         .is_relative_to(own)):
            found = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found


def _unreadable(exc: UnicodeDecodeError) -> str:
    """The file a loader was reading when it met bytes that are not UTF-8."""
    tb = exc.__traceback__
    found = "a template"
    while tb is not None:
        filename = tb.tb_frame.f_locals.get("filename")
        if isinstance(filename, str):
            found = filename
        tb = tb.tb_next
    return found
