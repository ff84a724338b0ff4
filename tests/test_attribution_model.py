"""The learned attribution judge: candidates, scoring, choosing, fitting, loading."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import name_of, run
from newstrace.annotate import annotate
from newstrace.config import Options
from newstrace.errors import ModelMissing
from newstrace.extract.attribution.index import DocumentIndex
from newstrace.extract.attribution.model.candidates import (
    Candidate,
    RuleReading,
    candidates,
    jaccard,
    trimmed,
)
from newstrace.extract.attribution.model.scorer import (
    AttributionModel,
    attribution_model,
    fit,
    hashed,
)
from newstrace.extract.lexicon import word_classes
from newstrace.models import Span

TEXT = ("The mayor said that the bridge would reopen in May. "
        "Residents have long complained about the noise from the works.")


def test_trimmed_drops_edge_punctuation_and_quote_marks() -> None:
    text = "“The plan works,” she said."
    span = trimmed(text, 0, 18)
    assert span.text(text) == "The plan works"


def test_jaccard_of_spans() -> None:
    assert jaccard(Span(0, 10), Span(0, 10)) == 1.0
    assert jaccard(Span(0, 10), Span(5, 15)) == pytest.approx(5 / 15)
    assert jaccard(Span(0, 5), Span(5, 10)) == 0.0


def test_candidates_lie_inside_the_text_and_carry_features() -> None:
    doc = annotate(TEXT)
    said = next(t for t in doc if t.lower_ == "said")
    rule = RuleReading(Span(TEXT.index("that"), TEXT.index(".")), "indirect", said)
    found = candidates(DocumentIndex.build(doc, [], []), [rule])
    assert found[0].relation == "rule-indirect" and found[0].rule == 0
    for candidate in found:
        assert 0 <= candidate.span.start < candidate.span.end <= len(TEXT)
        assert "bias" in candidate.features
    # The clause under "said" is offered by the parse and recognised as the rule's reading.
    clause = [c for c in found if c.cue is not None and c.cue.i == said.i and c.relation == "ccomp"]
    assert clause and clause[0].rule == 0
    # So is what the residents complained about.
    assert any(c.cue is not None and c.cue.lemma_ == "complain" and
               "noise" in c.span.text(TEXT) for c in found)


def test_candidates_know_word_classes_and_their_place_in_the_sentence() -> None:
    assert word_classes("admire", "v")[0] == "emotion"
    assert word_classes("say", "v") == ("communication",)
    assert word_classes("qwxzv", "v") == ()
    doc = annotate(TEXT)
    found = candidates(DocumentIndex.build(doc, [], []), [])
    clause = next(c for c in found if c.cue is not None and c.cue.lower_ == "said" and
                  c.relation == "ccomp")
    # "said" is a verb of communication, "mayor" (its holder) a person, "reopen" one of
    # contact (WordNet's first sense: to open again).
    assert {"wn|rel=communication|ccomp", "wnholder=person|communication",
            "wnroot|rel=contact|ccomp"} <= set(clause.features)
    # It covers 7 of its sentence's 11 tokens, in the lede, with no quote marks about.
    assert {"covers|rel=2|ccomp", "sentquoted|rel=False|ccomp",
            "lede|rel=True|ccomp"} <= set(clause.features)


def test_choose_keeps_the_most_probable_of_overlapping_candidates() -> None:
    weights = np.zeros(1 << 20)
    weights[hashed(["good"])] = 3.0
    weights[hashed(["better"])] = 5.0
    model = AttributionModel(weights, threshold=0.5)
    found = [Candidate(None, "x", Span(0, 10), features=["good"]),
             Candidate(None, "x", Span(5, 15), features=["better"]),
             Candidate(None, "x", Span(20, 30), features=["good"]),
             Candidate(None, "x", Span(40, 50), features=["bias"])]  # probability 0.5 at zero
    chosen = [c.span for c, _ in model.choose(found)]
    assert chosen == [Span(5, 15), Span(20, 30), Span(40, 50)]
    model.threshold = 0.6
    assert [c.span for c, _ in model.choose(found)] == [Span(5, 15), Span(20, 30)]


def test_choose_puts_firm_readings_first_and_lets_others_compete() -> None:
    weights = np.zeros(1 << 20)
    weights[hashed(["outer"])] = 3.0
    weights[hashed(["weak"])] = -3.0
    model = AttributionModel(weights, threshold=0.5)
    inner = Candidate(None, "rule-indirect", Span(10, 20), rule=0, features=["bias"])
    outer = Candidate(None, "ccomp", Span(0, 30), features=["outer"])
    unlikely_rule = Candidate(None, "rule-indirect", Span(40, 50), rule=1, features=["weak"])
    # A more probable outer reading wins over the rules' inner one; a rule reading needs no
    # threshold where nothing overlaps it.
    assert [c.span for c, _ in model.choose([inner, outer, unlikely_rule])] == \
        [Span(0, 30), Span(40, 50)]
    # A firm reading (words an outlet relayed) stays whatever overlaps it.
    inner.firm = True
    assert [c.span for c, _ in model.choose([inner, outer, unlikely_rule])] == \
        [Span(10, 20), Span(40, 50)]


def test_fit_learns_which_feature_marks_an_attribution() -> None:
    rows = [hashed(["bias", "lemma=say"]), hashed(["bias", "lemma=eat"])] * 50
    labels = np.array([1.0, 0.0] * 50)
    weights = fit(rows, labels, epochs=5, rate=0.1)
    model = AttributionModel(weights)
    said, ate = model.probabilities([
        Candidate(None, "x", Span(0, 1), features=["bias", "lemma=say"]),
        Candidate(None, "x", Span(0, 1), features=["bias", "lemma=eat"])])
    assert said > 0.8 and ate < 0.2


def test_saved_model_loads_back(tmp_path) -> None:
    weights = np.zeros(1 << 20)
    weights[7] = 1.5
    AttributionModel(weights, 0.4).save(tmp_path / "m.npz")
    loaded = attribution_model(str(tmp_path / "m.npz"))
    assert loaded is not None and loaded.threshold == pytest.approx(0.4)
    assert attribution_model(tmp_path / "m.npz") is loaded  # a Path names the same file
    assert loaded.weights[7] == pytest.approx(1.5)


def test_a_missing_model_is_a_clear_error(tmp_path) -> None:
    assert attribution_model(None) is None
    with pytest.raises(ModelMissing, match="nowhere.npz"):
        attribution_model(str(tmp_path / "nowhere.npz"))
    # Options holds the setting loosely typed; anything but a path or a model is refused.
    with pytest.raises(ModelMissing, match="neither a path nor a model"):
        attribution_model(0.5)


def test_the_shipped_model_loads_and_judges() -> None:
    model = attribution_model(Options().attribution_model)
    assert model is not None and np.count_nonzero(model.weights) > 10_000
    # Stances with no speech verb, which the rules alone do not read as attributions.
    for text, content, speaker in [
        ("Mayor Lena Price took heat for her handling of the flood response.",
         "her handling of the flood response", "Lena Price"),
        ("The union backed Clinton in the race for the White House.", "Clinton", "The union"),
    ]:
        assert not run(text, options=Options(attribution_model=None)).quotes
        judged = run(text).quotes
        assert [(q.content.text(text), q.speaker_text) for q in judged] == [(content, speaker)]
        assert 0 < judged[0].confidence < 0.9  # the model's doubt scales the confidence


def test_the_model_keeps_frames_and_relays_out_of_what_was_said() -> None:
    text = ("Defence Minister Jonas Petraitis announced yesterday that the country had left the "
            "treaty because of the war, DPA and AFP reported, BNS reports.")
    analysis = run(text)
    (quote,) = [q for q in analysis.quotes if "treaty" in q.content.text(text)]
    assert "DPA" not in quote.content.text(text)
    assert {name_of(analysis, r) for r in quote.relays} >= {"Deutsche Presse-Agentur",
                                                             "Agence France-Presse"}
    text = ("“We can help only if we are strong,” the minister said, as quoted on her "
            "ministry's website.")
    assert [q.content.text(text) for q in run(text).quotes] == [
        "We can help only if we are strong"]
