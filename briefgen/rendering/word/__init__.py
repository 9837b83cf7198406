"""The Word output: the brief as a .docx made with python-docx, in memory."""

from briefgen.rendering.word.document import render_docx

__all__ = ["render_docx"]
