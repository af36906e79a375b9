"""`python -m briefs.cli`: the `briefs` command."""

from . import app

app()
