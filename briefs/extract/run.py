"""Run the tasks on one article through instructor, whatever the backend.

Each task (speakers, people, measures, claims) is one call. Validation failures are fed
back to the model by instructor (`max_retries`). If an answer still fails, it is
salvaged item by item: what passes is kept, what fails is dropped and reported.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..backends import Backend, BackendCallError, Call, RecordKey
from ..backends.usage import token_count
from ..ground import build_extraction
from ..model import ArticleExtraction, Rejection, Source
from ..read.segment import Document, segment
from .tasks import PROMPT_VERSION, TASKS, Task, build_messages

log = logging.getLogger(__name__)

MAX_OUTPUT_TOKENS = 700


class ExtractionError(BackendCallError):
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


def response_format(model: type[BaseModel]) -> dict[str, Any]:
    """The answer schema as instructor's JSON_SCHEMA mode sends it."""
    return {"type": "json_schema",
            "json_schema": {"name": model.__name__, "schema": model.model_json_schema()}}


def _instructor(backend: Backend, key: RecordKey, deadline: float | None,
                first: dict[str, Any]) -> Any:
    """An instructor client for one task whose first call is answered by `first` (the
    answer already in hand) and every later call (a re-ask) by `backend`."""
    import instructor
    from openai.types.chat import ChatCompletion

    answered = [first]

    def create(*, messages: list[dict], response_format: dict, model: str = "",
               **options: Any) -> ChatCompletion:
        if answered:
            return ChatCompletion.model_validate(answered.pop())
        call = Call(messages=list(messages), response_format=response_format, key=key,
                    deadline=deadline, options=options)
        return ChatCompletion.model_validate(_normalised(backend.complete(call)))

    mode = instructor.Mode.JSON_SCHEMA
    return instructor.Instructor(client=None, create=instructor.patch(create=create, mode=mode),
                                 mode=mode)


def _normalised(body: dict[str, Any]) -> dict[str, Any]:
    """The parts of an answer body that extraction reads, in the shape the openai types
    require: an endpoint's extra or missing fields (no `total_tokens`, no `id`) do not
    throw a valid answer away. An answer with no text is a failed call."""
    try:
        choice = body["choices"][0]
        content = choice["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise BackendCallError("the answer has no message") from None
    if not isinstance(content, str):
        raise BackendCallError("the answer's message is not text")
    usage = body.get("usage") if isinstance(body.get("usage"), dict) else {}
    prompt = token_count(usage.get("prompt_tokens"))
    completion = token_count(usage.get("completion_tokens"))
    return {
        "id": str(body.get("id") or "answer"), "object": "chat.completion", "created": 0,
        "model": str(body.get("model") or ""),
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                     "finish_reason": "length" if choice.get("finish_reason") == "length"
                     else "stop"}],
        "usage": {"prompt_tokens": prompt, "completion_tokens": completion,
                  "total_tokens": prompt + completion},
    }


def _ask(backend: Backend, task: Task, doc: Document, messages: list[dict], key: RecordKey,
         model: type[BaseModel], deadline: float | None, max_retries: int
         ) -> tuple[dict, list[Rejection]]:
    """One task. The first answer is validated as instructor would validate it; when it
    fails, instructor takes over from it: validation errors are fed back to the model
    (re-asks), and what still fails is salvaged. A valid first answer, the common case,
    costs no instructor machinery."""
    options = {"temperature": 0, "max_tokens": MAX_OUTPUT_TOKENS}
    try:
        first = _normalised(backend.complete(Call(
            messages=list(messages), response_format=response_format(model), key=key,
            deadline=deadline, options=options)))
    except BackendCallError as exc:  # the article fails; the message names the task
        raise type(exc)(f"{task.name}: {exc}") from exc
    choice = first["choices"][0]
    if choice["finish_reason"] == "length":  # a looping model hit max_tokens: asking
        return {}, [_looped(task.name)]  # again at temperature 0 would loop again
    try:
        answer = model.model_validate_json(choice["message"]["content"],
                                           context={"document": doc})
        return answer.model_dump(by_alias=True), []
    except ValidationError as exc:
        if not (task.re_ask and max_retries):  # no re-ask: keep what validates at once
            log.info("%s: %s answer invalid (%d error(s)); keeping what validates",
                     key.source, task.name, exc.error_count())
            return salvage(choice["message"]["content"], model, doc, task.name)
        log.info("%s: %s answer invalid (%d error(s)); re-asking the model", key.source,
                 task.name, exc.error_count())
    from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException

    try:
        answer = _instructor(backend, key, deadline, first).chat.completions.create(
            model=backend.model, messages=list(messages), response_model=model,
            max_retries=max_retries, context={"document": doc},
            **options,
        )
        return answer.model_dump(by_alias=True), []
    except IncompleteOutputException:
        return {}, [_looped(task.name)]
    except InstructorRetryException as exc:
        if exc.last_completion is None:  # no answer at all: the call failed
            failed = _call_error(exc)
            raise BackendCallError(f"{task.name}: {failed}") from exc
        return salvage(_completion_text(exc.last_completion), model, doc, task.name)


def _call_error(exc: BaseException) -> str:
    """The backend's own message, from under instructor's wrappers."""
    seen: list[BaseException] = [exc]
    while (inner := seen[-1].__cause__ or seen[-1].__context__) and inner not in seen:
        seen.append(inner)
    failed = next((e for e in seen if isinstance(e, BackendCallError)), seen[-1])
    return (str(failed).splitlines() or [type(failed).__name__])[0][:300]


def _looped(task: str) -> Rejection:
    return Rejection(kind=task, item=f"answer cut off at {MAX_OUTPUT_TOKENS} tokens",
                     reason="the model did not finish its answer (it looped); task dropped")


def extract_document(
    source: Source, backend: Backend, *, max_retries: int = 1, deadline: float | None = None
) -> ArticleExtraction:
    """Extract one ingested article with `backend`: one call per task, all of them before
    `deadline` (a `time.monotonic()` instant; by default the backend policy's deadline from
    now). Raises BackendCallError when a call fails for good, ExtractionError when the
    model gave nothing usable."""
    if deadline is None:
        deadline = time.monotonic() + backend.policy.deadline
    doc = segment(source)
    answers: dict[str, dict] = {}
    rejected: list[Rejection] = []
    for task in TASKS:
        if not task.needed(doc):
            continue
        started = time.perf_counter()
        task_text, model = task.build(doc)
        key = RecordKey(backend.name, backend.model, PROMPT_VERSION, schema_sha(model),
                        source.sha256, source.id)
        messages = build_messages(doc, source.id, task_text)
        answers[task.name], dropped = _ask(backend, task, doc, messages, key, model,
                                           deadline, max_retries)
        rejected.extend(dropped)
        log.info("%s: %s done in %.1fs (%d item(s) dropped)", source.id, task.name,
                 time.perf_counter() - started, len(dropped))
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


def _completion_text(completion: Any) -> str:
    try:
        return completion.choices[0].message.content or ""
    except (AttributeError, IndexError, TypeError):
        return ""
