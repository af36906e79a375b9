"""Eval: score a brief against a gold annotation (score.py), and build extractions from
the annotation itself (gold.py) so a miss can be put on extraction or reconciliation."""

from .score import evaluate, format_table

__all__ = ["evaluate", "format_table"]
