"""`python -m briefs`: the `briefs` command."""

from .cli import app

app()
