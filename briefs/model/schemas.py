"""Export JSON Schemas of the public models (`briefs schema`)."""

from __future__ import annotations

import json
from pathlib import Path

from . import ArticleExtraction, Brief, Claim, Delegation, PolicyMeasure, Quote

EXPORTED = {
    "delegation": Delegation,
    "quote": Quote,
    "claim": Claim,
    "policy_measure": PolicyMeasure,
    "article_extraction": ArticleExtraction,
    "brief": Brief,
}


def write_schemas(out_dir: Path) -> list[Path]:
    """Write one `<name>.schema.json` per exported model; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in EXPORTED.items():
        path = out_dir / f"{name}.schema.json"
        schema = model.model_json_schema(mode="serialization")
        path.write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        written.append(path)
    return written
