"""briefs: news articles about one event → a grounded, reconciled one-page policy brief.

    from briefs import build_brief, extract_article
    result = build_brief(["samples/"], backend="replay")
    print(render_markdown(result.brief))
"""

from .backends import Backend, BackendError, open_backend
from .ingest import IngestError, load_article
from .models import (
    ArticleExtraction,
    Brief,
    Claim,
    Conflict,
    Delegation,
    PolicyMeasure,
    Quote,
    Source,
    Span,
)
from .pipeline import BuildResult, build_brief, extract_article
from .render import render_json, render_markdown

__all__ = [
    "ArticleExtraction", "Backend", "BackendError", "Brief", "BuildResult", "Claim",
    "Conflict", "Delegation", "IngestError", "PolicyMeasure", "Quote", "Source", "Span",
    "build_brief", "extract_article", "load_article", "open_backend", "render_json",
    "render_markdown",
]
