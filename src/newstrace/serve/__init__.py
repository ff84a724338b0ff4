"""Serve stage: the read-only HTTP API (`newstrace serve`), a thin layer over views and store."""

from newstrace.serve.app import create_app, settled

__all__ = ["create_app", "settled"]
