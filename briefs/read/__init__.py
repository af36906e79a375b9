"""Read: article files → `Source`s (ingest.py, clutter.py) and what rules read off them:
the `Document` extraction answers in terms of (segment.py, people.py, cues.py, sides.py)
and the facts reconciliation compares (facts.py)."""

from .ingest import IngestError, article_ids, find_articles, load_article

__all__ = ["IngestError", "article_ids", "find_articles", "load_article"]
