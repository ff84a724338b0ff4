"""The web UI served beside the API: server-rendered pages (Jinja2 templates, one style
sheet, no script), each with a `.json` twin, built on the library's views."""

from newstrace.serve.web.pages import mount

__all__ = ["mount"]
