"""Rendering: stage results -> terminal text, Markdown, HTML, JSON."""
