"""newstrace: who said what, who did what to whom, when, and according to whom.

The library's surface: `analyse` one document, `ingest` many into a `Store`, and the records
they return (`Document`, `Analysis`, and those it holds, in `newstrace.models`).
"""

from newstrace.models import Analysis, Document
from newstrace.pipeline import analyse, ingest
from newstrace.store import Store

__all__ = ["Analysis", "Document", "Store", "analyse", "ingest"]
