"""Jinja templates for the brief (shipped in the wheel as briefs.templates)."""
