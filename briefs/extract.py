"""Extract: one article → `ArticleExtraction`, through instructor over the openai client.

Validation failures are fed back to the model by instructor (`max_retries`). If the
answer still fails, the last reply is salvaged item by item: what passes is kept, what
fails is dropped and reported in `rejected`.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .backends import Backend
from .backends.recording import KEY_HEADER, RecordKey
from .ground import build_extraction
from .models import ArticleExtraction, Rejection, Source
from .prompting import PROMPT_VERSION, answer_model, build_messages
from .segment import Document, segment

MAX_OUTPUT_TOKENS = 900


class ExtractionError(Exception):
    """The model gave nothing usable for an article; the message names it."""


def schema_sha(model: type[BaseModel]) -> str:
    text = json.dumps(model.model_json_schema(), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _salvage(raw: str, model: type[BaseModel], doc: Document) -> tuple[dict, list[Rejection]]:
    """Keep the items of a failed answer that validate on their own."""
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, TypeError) as exc:
        raise ExtractionError(f"the model's answer is not JSON: {exc}") from exc
    context = {"document": doc}
    kept: dict[str, Any] = {"speakers": {}, "people": [], "measures": [], "claims": []}
    rejected: list[Rejection] = []
    fields = model.model_fields
    speakers_model = fields["speakers"].annotation
    for qid, name in (data.get("speakers") or {}).items():
        try:
            field = speakers_model.model_fields.get(qid)
            if field is None:
                raise ValueError("no such quote id")
            kept["speakers"][qid] = TypeAdapter(field.annotation).validate_python(name)
        except (ValueError, ValidationError) as exc:
            rejected.append(Rejection(kind="quote", item=f"{qid}: {name}", reason=_why(exc)))
    for key, kind in (("people", "person"), ("measures", "measure"), ("claims", "claim")):
        item_type = fields[key].annotation.__args__[0]
        for item in (data.get(key) or [])[: _max_len(fields[key])]:
            try:
                if isinstance(item_type, type) and issubclass(item_type, BaseModel):
                    kept[key].append(
                        item_type.model_validate(item, context=context).model_dump()
                    )
                elif str(item) in getattr(item_type, "__args__", (str(item),)):
                    kept[key].append(item)
                else:
                    raise ValueError("not one of the article's sentence ids")
            except (ValueError, ValidationError) as exc:
                rejected.append(Rejection(kind=kind, item=json.dumps(item), reason=_why(exc)))
    return kept, rejected


def _max_len(field: Any) -> int:
    return next((m.max_length for m in field.metadata if hasattr(m, "max_length")), 50)


def _why(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(e["msg"] for e in exc.errors())[:300]
    return str(exc)[:300]


def extract_document(
    source: Source, backend: Backend, *, max_retries: int = 1
) -> ArticleExtraction:
    """Extract one ingested article with `backend`."""
    import instructor
    from instructor.core.exceptions import InstructorRetryException

    doc = segment(source.text)
    model = answer_model(doc)
    key = RecordKey(
        backend.name, backend.model, PROMPT_VERSION, schema_sha(model), source.sha256, source.id
    )
    client = instructor.from_openai(backend.client(), mode=instructor.Mode.JSON_SCHEMA)
    rejected: list[Rejection] = []
    try:
        answer = client.chat.completions.create(
            model=backend.model,
            messages=build_messages(doc, source.id, source.title),
            response_model=model,
            max_retries=max_retries,
            context={"document": doc},
            temperature=0,
            max_tokens=MAX_OUTPUT_TOKENS,
            extra_headers={KEY_HEADER: key.header()},
        )
        data = answer.model_dump()
    except InstructorRetryException as exc:
        raw = _completion_text(exc.last_completion)
        data, rejected = _salvage(raw, model, doc)
        rejected.insert(0, Rejection(
            kind="answer", item=f"{exc.n_attempts} attempts",
            reason=f"still invalid after re-asking; kept the items that validate: {exc}"[:400],
        ))
    result = build_extraction(
        source, doc, data, rejected,
        backend=backend.name, model=backend.model, prompt_version=PROMPT_VERSION,
    )
    usage = backend.meter.by_source.get(source.id)
    if usage:
        result.usage = usage
    return result


def _completion_text(completion: Any) -> str:
    try:
        return completion.choices[0].message.content or ""
    except (AttributeError, IndexError, TypeError):
        return ""
