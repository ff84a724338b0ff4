"""Annotation stage: spaCy tokens, sentences, parse and NER, loaded once per process."""

from newstrace.annotate.nlp import get_nlp, annotate

__all__ = ["get_nlp", "annotate"]
