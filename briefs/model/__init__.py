"""Pydantic models, one module per stage artefact: `article` (ingest and reading),
`extraction` (one article's grounded extraction), `brief` (the reconciled brief).

Every extracted item carries a `Span`: the article it came from and character offsets
into that article's *cleaned* text, so any statement can be traced to its exact words.
"""

from . import article, brief, extraction
from .article import *  # noqa: F403
from .brief import *  # noqa: F403
from .extraction import *  # noqa: F403

__all__ = [*article.__all__, *brief.__all__, *extraction.__all__]
