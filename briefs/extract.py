"""Extract: one article → `ArticleExtraction`, through instructor over the openai client.

Each task (speakers, people, measures, claims) is one call. Validation failures are fed
back to the model by instructor (`max_retries`). If an answer still fails, it is
salvaged item by item: what passes is kept, what fails is dropped and reported.
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from .backends import Backend
from .backends.store import KEY_HEADER, RecordKey
from .ground import build_extraction
from .models import ArticleExtraction, Rejection, Source
from .prompting import PROMPT_VERSION, TASKS, build_messages
from .segment import Document, segment

MAX_OUTPUT_TOKENS = 700
logging.getLogger("instructor").setLevel(logging.CRITICAL)  # failures are reported, not logged


class ExtractionError(Exception):
    """The model gave nothing usable for an article; the message names it."""


def schema_sha(model: type[BaseModel]) -> str:
    text = json.dumps(model.model_json_schema(), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _dump(value: Any) -> Any:
    return value.model_dump(by_alias=True) if isinstance(value, BaseModel) else value


def _why(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(e["msg"] for e in exc.errors())[:300]
    return str(exc)[:300]


def salvage(raw: str, model: type[BaseModel], doc: Document, task: str
            ) -> tuple[dict, list[Rejection]]:
    """Keep the fields (and list items) of a failed answer that validate on their own."""
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, TypeError) as exc:
        return {}, [Rejection(kind=task, item=raw[:200], reason=f"not JSON: {exc}")]
    if not isinstance(data, dict):
        return {}, [Rejection(kind=task, item=raw[:200], reason="not a JSON object")]
    context = {"document": doc}
    kept: dict[str, Any] = {}
    rejected: list[Rejection] = []
    for name, field in model.model_fields.items():
        key = field.alias or name
        if key not in data:
            continue
        annotation = Annotated[(field.annotation, *field.metadata)] if field.metadata \
            else field.annotation
        if get_origin(field.annotation) is list:
            adapter = TypeAdapter(get_args(field.annotation)[0])
            limit = next((m.max_length for m in field.metadata if hasattr(m, "max_length")), 20)
            kept[key] = []
            for item in (data[key] or [])[:limit]:
                try:
                    kept[key].append(_dump(adapter.validate_python(item, context=context)))
                except ValidationError as exc:
                    rejected.append(Rejection(kind=task, item=json.dumps(item)[:200],
                                              reason=_why(exc)))
            continue
        try:
            kept[key] = _dump(TypeAdapter(annotation).validate_python(data[key], context=context))
        except ValidationError as exc:
            rejected.append(Rejection(kind=task, item=f"{key}: {json.dumps(data[key])[:160]}",
                                      reason=_why(exc)))
    return kept, rejected


def _ask(backend: Backend, task: str, model: type[BaseModel], messages: list[dict],
         key: RecordKey, doc: Document, max_retries: int) -> tuple[dict, list[Rejection]]:
    """One task through instructor: validation errors are fed back to the model."""
    from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException

    try:
        answer = backend.instructor().chat.completions.create(
            model=backend.model,
            messages=messages,
            response_model=model,
            max_retries=max_retries,
            context={"document": doc},
            temperature=0,
            max_tokens=MAX_OUTPUT_TOKENS,
            extra_headers={KEY_HEADER: key.header()},
        )
        return answer.model_dump(by_alias=True), []
    except IncompleteOutputException:  # a looping model hit max_tokens: asking again
        return {}, [_looped(task)]  # at temperature 0 would loop again
    except InstructorRetryException as exc:
        if exc.last_completion is None:  # no answer at all: the endpoint failed
            raise ExtractionError(f"{task}: {root_cause(exc)}") from exc
        return salvage(_completion_text(exc.last_completion), model, doc, task)


def _replay(backend: Backend, task: str, model: type[BaseModel], messages: list[dict],
            key: RecordKey, doc: Document, max_retries: int) -> tuple[dict, list[Rejection]]:
    """One task from recordings, as instructor ran it: the recorded answers in call order
    (first ask, then re-asks); the first that validates wins, else the last is salvaged."""
    raw = ""
    for body in backend.store.answers(key, messages)[: max_retries + 1]:
        backend.meter.add(key.source, body, 0.0)
        choice = body["choices"][0]
        if choice.get("finish_reason") == "length":
            return {}, [_looped(task)]
        raw = choice["message"]["content"] or ""
        try:
            answer = model.model_validate_json(raw, context={"document": doc})
            return answer.model_dump(by_alias=True), []
        except ValidationError:
            continue
    return salvage(raw, model, doc, task)


def _looped(task: str) -> Rejection:
    return Rejection(kind=task, item=f"answer cut off at {MAX_OUTPUT_TOKENS} tokens",
                     reason="the model did not finish its answer (it looped); task dropped")


def extract_document(
    source: Source, backend: Backend, *, max_retries: int = 1
) -> ArticleExtraction:
    """Extract one ingested article with `backend`: one call per task."""
    doc = segment(source.text)
    ask = _replay if backend.replays else _ask
    answers: dict[str, dict] = {}
    rejected: list[Rejection] = []
    for task in TASKS:
        if not task.needed(doc):
            continue
        task_text, model = task.build(doc)
        key = RecordKey(backend.name, backend.model, PROMPT_VERSION, schema_sha(model),
                        source.sha256, source.id)
        messages = build_messages(doc, source.id, task_text)
        answers[task.name], dropped = ask(backend, task.name, model, messages, key, doc,
                                          max_retries if task.re_ask else 0)
        rejected.extend(dropped)
    if answers and not any(answers.values()):
        reasons = "; ".join(f"{r.kind}: {r.reason}" for r in rejected[:3])
        raise ExtractionError(f"no usable answer from the model ({reasons})"[:300])
    result = build_extraction(
        source, doc, answers, rejected,
        backend=backend.name, model=backend.model, prompt_version=PROMPT_VERSION,
    )
    if usage := backend.meter.by_source.get(source.id):
        result.usage = usage
    return result


def root_cause(exc: BaseException) -> str:
    """The innermost error's message: a replay miss or HTTP error, not its wrappers."""
    seen: list[BaseException] = [exc]
    attempts = getattr(exc, "failed_attempts", None) or []
    if attempts:
        seen.append(attempts[-1].exception)
    while (inner := seen[-1].__cause__ or seen[-1].__context__) and inner not in seen:
        seen.append(inner)
    for error in seen:  # an HTTP error answer: the endpoint's own words say most
        if (status := getattr(error, "status_code", None)) and hasattr(error, "body"):
            body = error.body if isinstance(error.body, dict) else {}
            detail = (body.get("error") or body).get("message") if body else None
            return f"HTTP {status}: {detail or error}"[:300]
    for error in reversed(seen):
        if str(error):
            return str(error).splitlines()[0][:300]
    return type(seen[-1]).__name__


def _completion_text(completion: Any) -> str:
    try:
        return completion.choices[0].message.content or ""
    except (AttributeError, IndexError, TypeError):
        return ""
