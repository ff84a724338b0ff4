"""Annotation stage: spaCy tokens, sentences, parse and NER, loaded once per process."""

from newstrace.annotate.nlp import annotate, annotate_many, get_nlp, text_of

__all__ = ["get_nlp", "annotate", "annotate_many", "text_of"]
