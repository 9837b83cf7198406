"""briefgen: hand-curated YAML crisis briefs rendered as Markdown, HTML and PDF."""

__version__ = "0.1.0"
