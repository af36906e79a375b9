"""Extract: a read article → grounded `ArticleExtraction`, by asking a backend four small
tasks (tasks.py: prompts and answer schemas; validators.py: the checks against the text;
run.py: instructor's validate-and-re-ask loop, and salvage of what still fails)."""

from .run import ExtractionError, extract_document, schema_sha
from .tasks import PROMPT_VERSION

__all__ = ["PROMPT_VERSION", "ExtractionError", "extract_document", "schema_sha"]
