"""The brief as a self-contained review page (templates/brief.html.j2): the brief on the
left; every citation marker opens its source on the right, scrolled to the evidence and
highlighted; a conflict opens its versions' sources side by side.

One file, no network: CSS and the script are inlined, and a Content-Security-Policy lets
only that script run. Article text is escaped by Jinja's autoescape where it is markup
and embedded as JSON (with `<`, `>` and `&` escaped) that the script only ever sets as
text, so a hostile article stays inert.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable
from functools import cache

from jinja2 import Environment, FunctionLoader, StrictUndefined
from markupsafe import Markup

from ..model import Brief, Conflict, Span
from ..text.tokens import printable
from .markdown import HEAVY_REMOVAL, reliability, template_text


@cache
def environment() -> Environment:
    return Environment(loader=FunctionLoader(template_text), autoescape=True,
                       finalize=_finalize, undefined=StrictUndefined, trim_blocks=True,
                       lstrip_blocks=True)


def _finalize(value: object) -> object:
    """Every value shown: None as nothing, control characters as U+FFFD (then escaped)."""
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        return printable(value)
    return value


def _utf16_positions(text: str) -> list[int] | None:
    """Offsets in UTF-16 code units (what the browser's strings count) per code point
    offset; None where they are the same (no character beyond U+FFFF)."""
    if all(ord(c) < 0x10000 for c in text):
        return None
    table = [0]
    for char in text:
        table.append(table[-1] + (2 if ord(char) > 0xFFFF else 1))
    return table


class _Citations:
    """Citation markers that carry their evidence: `[n]` links whose spans the page's
    script highlights in source n."""

    def __init__(self, brief: Brief) -> None:
        self.numbers = {s.id: s.number for s in brief.sources}
        self.tables = {s.id: _utf16_positions(s.text) for s in brief.sources}

    def spans(self, source: str, evidence: Iterable[Span]) -> list[list[int]]:
        table = self.tables[source]
        return [[table[s.start], table[s.end]] if table else [s.start, s.end]
                for s in evidence if s.source == source]

    def __call__(self, source_ids: Iterable[str], evidence: Iterable[Span] = ()) -> Markup:
        evidence = list(evidence)
        marks = []
        for source in sorted(set(source_ids), key=self.numbers.__getitem__):
            number = self.numbers[source]  # KeyError = a bug, never hidden
            spans = json.dumps(self.spans(source, evidence))
            marks.append(Markup('<a class="cite" href="#s{0}" data-cite="{0}" data-spans="{1}" '
                                'title="Show source {0}">[{0}]</a>').format(number, spans))
        return Markup("").join(marks)

    def compare(self, conflict: Conflict) -> str:
        """The conflict's versions side by side: each version's first source, its
        evidence marked (JSON for the page's script)."""
        entries = []
        for version in conflict.versions:
            if not version.sources:  # a reference briefs adds (the calendar): no source
                continue
            first = min(version.sources, key=self.numbers.__getitem__)
            entries.append({"number": self.numbers[first], "label": version.value[:60],
                            "spans": self.spans(first, version.evidence)})
        return json.dumps(entries)


def _sources_json(brief: Brief) -> Markup:
    """Every source's cleaned text and removed lines, as JSON safe inside <script>."""
    data = {s.number: {"id": s.id, "title": s.title, "outlet": s.outlet, "date": s.date,
                       "path": s.path, "text": printable(s.text),  # same length: offsets hold
                       "removed": [{"text": printable(r.text), "reason": r.reason}
                                   for r in s.removed]}
            for s in brief.sources}
    text = json.dumps(data, ensure_ascii=False)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    return Markup(text)


def _script_hash(script: str) -> str:
    return base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()


def render_html(brief: Brief) -> str:
    """The review page for `brief`: one HTML file that works opened from disk."""
    script = template_text("review.js")
    return environment().get_template("brief.html.j2").render(
        brief=brief,
        cite=_Citations(brief),
        sources_json=_sources_json(brief),
        script=Markup(script),
        script_hash=_script_hash(script),
        style=Markup(template_text("review.css")),
        heavy_removal=HEAVY_REMOVAL,
        reliability=reliability,
    )
