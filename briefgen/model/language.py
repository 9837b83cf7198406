"""Facts about the languages a brief is written in, and the marker for briefgen's own words.

The model, the checks and the renderer all need to know whether two
language tags are the same language and which way a language is written;
this is the one place that says so.
"""

from __future__ import annotations

# Languages written right to left, by primary subtag: their briefs are laid out mirrored.
RTL_LANGUAGES = {"ar", "fa", "he", "ur", "ps", "sd", "yi", "dv", "ug", "ckb"}


def primary(language: str) -> str:
    """`fr-CA` -> `fr`: BCP 47 languages are the same when their primary subtags are."""
    return language.split("-", 1)[0].lower()


def is_rtl(language: str | None) -> bool:
    return bool(language) and primary(language) in RTL_LANGUAGES


def N_(message: str) -> str:
    """Marks a message for extraction (`pybabel extract -k N_`); it is translated later."""
    return message


def NP_(context: str, message: str) -> str:
    """Marks a message with its context for extraction; `Translator.term` translates it."""
    return message
