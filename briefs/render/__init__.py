"""Render: a `Brief` → one page of Markdown (markdown.py, templates/brief.md.j2), a
review page in HTML (html.py, templates/brief.html.j2), or JSON."""

from ..model import Brief
from .html import render_html
from .markdown import render_markdown


def render_json(brief: Brief) -> str:
    """The brief as JSON: exactly the `Brief` model (schemas/brief.schema.json)."""
    return brief.model_dump_json(indent=2)


FORMATS = {"md": render_markdown, "json": render_json, "html": render_html}


def render(brief: Brief, fmt: str = "md") -> str:
    """The brief in one of FORMATS: 'md', 'json' or 'html'."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    return FORMATS[fmt](brief)


__all__ = ["FORMATS", "render", "render_html", "render_json", "render_markdown"]
