"""briefs: news articles about one event → a grounded, reconciled one-page policy brief.

    from briefs import build_brief, extract_article, render_markdown
    result = build_brief(["samples/"], backend="replay")
    print(render_markdown(result.brief))

The stages, each a subpackage handing one typed object to the next (ARCHITECTURE.md):
read (files → Source, Document) → extract (→ answers) → ground (→ ArticleExtraction)
→ reconcile (→ Brief) → render (→ Markdown or JSON). Backends answer the extraction's
calls behind one interface (`briefs.backends`).
"""

from importlib.metadata import PackageNotFoundError, version

from .backends import Backend, BackendCallError, BackendError, open_backend, register
from .model import (
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
from .read import IngestError, load_article
from .render import render_json, render_markdown

try:
    __version__ = version("briefs")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "ArticleExtraction", "Backend", "BackendCallError", "BackendError", "Brief",
    "BuildResult", "Claim", "Conflict", "Delegation", "IngestError", "PolicyMeasure",
    "Quote", "Source", "Span", "__version__", "build_brief", "extract_article",
    "load_article", "open_backend", "register", "render_json", "render_markdown",
]
