"""Annotation stage: spaCy tokens, sentences, parse and NER, loaded once per process."""

from newstrace.annotate.nlp import Words, annotate, annotate_many, get_nlp, text_of, words_of

__all__ = ["get_nlp", "annotate", "annotate_many", "text_of", "words_of", "Words"]
