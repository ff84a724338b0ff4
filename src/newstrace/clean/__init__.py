"""Clean stage: decoding, boilerplate, and splitting a document into stories."""

from newstrace.clean.boilerplate import find_boilerplate
from newstrace.clean.decode import analysis_view, decode_bytes
from newstrace.clean.stories import find_datelines, split_stories

__all__ = ["analysis_view", "decode_bytes", "find_boilerplate", "find_datelines", "split_stories"]
