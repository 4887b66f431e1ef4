"""Renderers take a finished Report and compute nothing: text for people, JSON for CI, Markdown for issues."""

from __future__ import annotations

FORMATS = ("text", "json", "markdown")
