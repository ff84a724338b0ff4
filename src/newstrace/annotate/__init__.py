"""Annotation stage: spaCy tokens, sentences, parse and NER, loaded once per process."""

from newstrace.annotate.nlp import annotate, get_nlp, text_of

__all__ = ["get_nlp", "annotate", "text_of"]
