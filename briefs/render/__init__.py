"""Render: a `Brief` → one page of Markdown (markdown.py, templates/brief.md.j2) or JSON."""

from ..model import Brief
from .markdown import render_markdown


def render_json(brief: Brief) -> str:
    """The brief as JSON: exactly the `Brief` model (schemas/brief.schema.json)."""
    return brief.model_dump_json(indent=2)


__all__ = ["render_json", "render_markdown"]
