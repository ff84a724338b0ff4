"""Export stage: analyses as JSON-ready records."""

from newstrace.export.records import analysis_record

__all__ = ["analysis_record"]
