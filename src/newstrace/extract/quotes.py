"""Attributions: who said what, through which medium, relayed by whom.

Three passes over a parsed document:
1. quoted spans (any typography) become direct quotes, or partial ones when a short fragment
   is what a speech verb governs ("called the decision “catastrophic“"); names in quote
   marks and scare quotes are left alone;
2. speech verbs with what they govern ("announced that …", "…, analysts said", "urged
   allies to act", "accused X of Y"), beliefs and intentions ("is of the opinion that",
   "plans to"), "according to X", closing and medial frames and unsourced passives become
   indirect quotes (mixed when they hold quoted words); a statement nested in another's
   words is part of them;
3. frames whose speaker is an outlet around another attribution ("…, DPA reported") and
   relay phrases ("quoted by DPA and AFP") become the relay chain, nearest the speaker
   first, ending with the publisher.
The attribution model then chooses among the readings and adds what the parse offers; last,
pieces of one statement read apart are joined ("said it was too soon to know, and there was
“no sign” of a crime") and a frame inside a content leaves it as the passages around it.
A quote whose speaker cannot be found is kept with speaker None, never dropped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newstrace.annotate.nlp import TITLE_ABBREVIATIONS
from newstrace.extract.attribution_model import (
    HOLDER_MAX_HOPS,
    AttributionModel,
    RuleReading,
    candidates,
    holder,
    trimmed,
)
from newstrace.extract.lexicon import (
    ATTITUDE_LEMMAS,
    INTENT_LEMMAS,
    NAMING_LEMMAS,
    NP_SPEECH_LEMMAS,
    SPEECH_LEMMAS,
    SPEECH_NOUNS,
    WEAK_LEMMAS,
    speech_lemma_of,
)
from newstrace.extract.mentions import is_word
from newstrace.extract.quotemarks import (
    DOUBLE_MARKS,
    QuotedSpan,
    find_quoted_spans,
    strip_content,
)
from newstrace.models import Entity, Mention, Quote, Span, Timex

# Phrases that introduce reported content without a speech verb.
OPINION_CUES = re.compile(
    r"\b(?:is|are|was|were) of the (?:opinion|view) that\b"
    r"|\b(?:points?|pointed|draws?|drew) (?:attention )?to the fact that\b",
    re.IGNORECASE,
)
# A frame that closes a sentence: ", DPA and AFP reported", ", BTA reports", ", AFP noted".
TRAILING_FRAME = re.compile(
    r",\s+(?P<who>[^,.;:“”\"«»]{2,80}?)\s+(?:reported|reports|said|says|noted|notes|added|adds|"
    r"wrote|writes|explained|explains|specified|specifies|recalled|recalls|informed|informs|"
    r"announced|announces|stated|states|quoted|cited)\b[^,.;]{0,30}?(?=\s*(?:[,.]|$))"
)
# Where the words were said, closing the reported clause: ", in an interview with Le Monde".
MEDIUM_FRAME = re.compile(
    r",?\s+(?:in|during)\s+(?:an?|the|his|her|their)\s+(?:\w+\s+)?(?:interview|statement|post|"
    r"op-ed|article|speech|address|letter|video|broadcast|column|briefing)\b[^.;]*$"
)
# A credit after a quote: "― Jorge Falcon", "— Ms. Tapia, a teacher".
CREDIT_DASH = re.compile(
    r"[ \t]*\n?[ \t]*[―—–-]{1,2}[ \t]*(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,4})"
)
# A transcript's label: "PENCE: …", "Jonas Petraitis: …".
LABEL = r"(?P<label>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):[ \t]+"
# A transcript line, the label opening a paragraph.
SPEAKER_LABEL = re.compile("^" + LABEL + r"(?P<content>\S[^\n]{10,})$", re.MULTILINE)
# Labels of a report's furniture, not of a speaker ("NOTE: figures include …").
FURNITURE_LABELS = {"NOTE", "NOTES", "UPDATE", "UPDATED", "CORRECTION", "CLARIFICATION",
                    "EDITOR'S NOTE", "EDITOR’S NOTE", "EDITORS NOTE", "SOURCE", "SOURCES",
                    "PHOTO", "CAPTION", "RELATED", "READ MORE", "WATCH", "LISTEN", "SEE ALSO",
                    "ADVERTISEMENT", "DISCLAIMER", "DISCLOSURE", "BACKGROUND", "SUMMARY",
                    "FILE", "CONTACT", "TAGS", "TOPICS", "BREAKING", "EXCLUSIVE", "ANALYSIS"}
# The longest line read as a headline, and the unnamed sources a headline's label may be
# ("Poll: Race Tied Before Debate").
MAX_HEADLINE_CHARS = 200
HEADLINE_SOURCES = {"poll", "survey", "study", "report", "officials", "police", "aides",
                    "experts", "analysts", "witnesses"}
# The same label opening a quote ("PENCE: We will …" in quote marks).
TRANSCRIPT_LABEL = re.compile(LABEL)
# Words before a quoted fragment that make it the speaker's own term: "described it as “X”".
FRAGMENT_LEAD = re.compile(
    r"(?<!so-)\b(?:as|called|calling|dubbed|termed|labell?ed|branded)\s+(?:a|an|the)?\s*$",
    re.IGNORECASE,
)
RELAY_CUE = re.compile(
    r"\b(?:quoted|cited|distributed|carried|relayed|reported) (?:by|on|in)\b", re.IGNORECASE
)
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
RELATIVE_PRONOUNS = {"who", "which", "that"}
# A title before a name: "Minerals and Energy Minister", "Bank of England Governor".
TITLE_MAX_WORDS = 8
TITLE_JOINERS = {"and", "of", "&", "for", "the"}
SUBJECT_RELATIONS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "agent"}
OBJECT_RELATIONS = {"pobj", "dobj", "poss"}
# Dependents of a source's head that describe it in passing rather than name it.
ASIDE_RELATIONS = {"acl", "advcl"}
# The longest mention looked for around a position (a treaty's full name is about this long).
MAX_MENTION_CHARS = 120
# The end of a sentence, not the full stop of a title or an initial ("Mr. King said").
SENTENCE_END = re.compile(
    "".join(rf"(?<!\b{title})" for title in TITLE_ABBREVIATIONS) +
    r"(?<!\bNo)(?<!\b[A-Z])[.!?](?=\s|$)"
)
# Passive reports whose source is not named ("it was reported that", "is expected to").
UNSOURCED_LEMMAS = {"report", "say", "expect", "accuse", "believe", "allege", "rumor", "rumour",
                    "think", "know", "consider", "claim", "estimate", "announce", "tell",
                    "criticize", "criticise", "understand", "predict", "suspect", "quote"}
# Dependents of a speech verb that are not part of what was said.
CLAUSE_EDGES = {"nsubj", "nsubjpass", "aux", "auxpass", "neg", "punct", "advmod", "mark", "cc",
                "conj", "npadvmod", "parataxis", "advcl"}
# The longest frame between two passages of one quote ("…,” the minister said on Tuesday, “…").
MAX_FRAME_CHARS = 120
# Words opening a phrase about the occasion of a statement, not its content.
WHEN_OR_WHERE = re.compile(r"(?:during|while|at|amid)\b", re.IGNORECASE)
# Fragments up to this many words in quote marks are partial quotes or scare quotes,
# not direct speech.
FRAGMENT_MAX_WORDS = 7
# How a partial quote may hang below its speech verb: "called it “X”", "described … as “X”".
FRAGMENT_PATH_DEPS = {"ccomp", "xcomp", "oprd", "attr", "acomp", "dobj", "pobj", "prep",
                      "advcl", "conj", "npadvmod", "appos", "amod", "compound"}
# Of prepositions, only "as" makes a fragment the speaker's words ("described … as “X”");
# "proposals for a “nuclear umbrella”" quotes someone else's term.
FRAGMENT_PREPOSITIONS = {"as"}
FRAGMENT_MAX_HOPS = 4
CONFIDENCE = {"named": 0.9, "role": 0.8, "pronoun": 0.75, "unnamed": 0.7, "inherited": 0.6,
              "unknown": 0.3}


@dataclass(eq=False)  # compared by identity: two readings of one frame are two candidates
class Attribution:
    content: Span
    kind: str
    cue: Token | None
    source: Span | None = None
    speaker: str | None = None
    speaker_text: str | None = None
    speaker_how: str = "unknown"
    medium: str | None = None
    relays: list[str] = field(default_factory=list)
    date: str | None = None
    parts: list[Span] = field(default_factory=list)  # passages when a frame interrupts
    probability: float | None = None  # the attribution model's, when one judged it


class QuoteFinder:
    def __init__(self, doc: Doc, entities: list[Entity], timexes: list[Timex],
                 stories: list[Span] | None = None):
        self.doc = doc
        self.stories = stories or []
        self.text = doc.text
        self.entities = {e.id: e for e in entities}
        self.mentions: list[Mention] = sorted(
            (m for e in entities for m in e.mentions), key=lambda m: m.span
        )
        self.timexes = timexes
        self.mention_starts = [m.span.start for m in self.mentions]
        self.line_breaks = [i for i, char in enumerate(self.text) if char == "\n"]
        self.quoted = find_quoted_spans(self.text)

    # -- helpers over mentions and tokens ------------------------------------------------
    def mentions_in(self, span: Span, reach: int = 0) -> list[Mention]:
        """Mentions starting inside the span (or up to `reach` characters before it), found by
        bisection: a long document has thousands, and every frame asks."""
        low = bisect.bisect_left(self.mention_starts, span.start - reach)
        high = bisect.bisect_left(self.mention_starts, span.end)
        return self.mentions[low:high]

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The mention covering the character range, preferring the longest."""
        near = self.mentions_in(Span(start, end), reach=MAX_MENTION_CHARS)
        hits = [m for m in near if m.span.start <= start and end <= m.span.end]
        hits = hits or [m for m in near if start <= m.span.start and m.span.end <= end]
        return max(hits, key=lambda m: m.span.end - m.span.start) if hits else None

    def entity_type(self, entity_id: str | None) -> str | None:
        entity = self.entities.get(entity_id or "")
        return entity.type if entity else None

    def token_span(self, tokens: list[Token]) -> Span:
        return Span(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))

    def paragraph_of(self, position: int) -> Span:
        """The line holding `position`, found by bisection over the line breaks."""
        index = bisect.bisect_right(self.line_breaks, position - 1)
        start = self.line_breaks[index - 1] + 1 if index else 0
        end = self.line_breaks[index] if index < len(self.line_breaks) else len(self.text)
        return Span(start, end)

    # -- speakers --------------------------------------------------------------------------
    def speaker_from_token(self, token: Token, att: Attribution) -> None:
        """Fill the speaker from the subject token of a speech verb."""
        # "Trump, who said …": the source is the relative pronoun, the speaker whoever the
        # noun its clause describes is.
        clause = token.head
        if token.lower_ in RELATIVE_PRONOUNS and clause.dep_ == "relcl" and \
                clause.head.i != clause.i:
            self.speaker_from_token(clause.head, att)
            att.source = Span(token.idx, token.idx + len(token.text))
            if att.speaker_how == "unnamed":  # "the mayor", not "the mayor, who"
                att.speaker_text = self.text[clause.head.left_edge.idx:
                                             clause.left_edge.idx].rstrip(" ,")
            return
        # "<Federal Industries Ltd> said": the parser may make the bracket the subject.
        if not is_word(token):
            token = next((t for t in reversed(list(token.lefts)) if is_word(t)), token)
        subtree = [t for t in token.subtree
                   if not t.is_space and (not t.is_punct or t.text in "-–'’")]
        mention = self.mention_at(token.idx, token.idx + len(token.text))
        if token.lower_ in PRONOUNS:
            att.source = Span(token.idx, token.idx + len(token.text))
            att.speaker_text = token.text
            att.speaker = self.antecedent(token.idx, token.lower_)
            att.speaker_how = "pronoun" if att.speaker else "unknown"
        elif mention and mention.entity_id:
            # The source is the whole subject ("White House spokesman Josh Earnest"); the
            # speaker is the entity its name refers to.
            phrase = self.noun_phrase(token, att.content, att.cue)
            att.source = mention.span if phrase is None or mention.span.contains(phrase) \
                else phrase
            # "Lands and Mineral Resources Minister Tomas Varga" parsed with "Lands" as its
            # head: a person named later in the same phrase (not past a comma: "Apple, whose
            # chief Tim Cook …") is who spoke.
            if self.entity_type(mention.entity_id) != "PERSON":
                head = mention
                mention = next((m for m in reversed(self.mentions_in(att.source))
                                if m.entity_id and m.span.start >= head.span.end and
                                "," not in self.text[head.span.end:m.span.start] and
                                self.entity_type(m.entity_id) == "PERSON"), head)
            att.speaker_text = mention.text
            att.speaker = mention.entity_id
            att.speaker_how = "role" if mention.origin in ("role", "anaphor") else "named"
            # "Lithuania's Deputy Defense Minister Karolis Aleksa": the name is the head.
        elif subtree:
            # Conjoined subjects ("DPA and AFP reported") are handled as relays elsewhere;
            # an unnamed source ("a Japanese security official") keeps its words.
            words = [t for t in subtree if t.dep_ not in ("cc", "conj") or t.i == token.i]
            if token.conjuncts:
                words = [t for t in token.subtree if t.i <= token.i]
            span = self.token_span(sorted(words, key=lambda t: t.i))
            att.source = self.noun_phrase(token, att.content, att.cue) or span
            att.speaker_text = (att.source if span.contains(att.source) else span).text(self.text)
            att.speaker_how = "unnamed"
            # The outlet inside "a Foreign Policy columnist" is where the words appeared.
            inner = [m for m in self.mentions_in(span) if span.contains(m.span) and m.entity_id]
            outlet = next((m for m in inner if self.entity_type(m.entity_id) == "OUTLET"), None)
            if outlet and not att.medium:
                att.medium = outlet.entity_id

    def noun_phrase(self, token: Token, content: Span, cue: Token | None) -> Span | None:
        """The whole subject as the source: titles, appositives and relative clauses
        ("Len Burman, head of the Tax Policy Center"), never running into the content or past
        the cue (a misparse can hang the whole sentence on the subject)."""
        # "Trump, speaking to veterans, said": an aside set off by a comma tells what the
        # source did, and is not part of it. A relative clause ("who heads …") is, unless it
        # reports a thought of its own ("Mr. Kamin, who stressed that …, said").
        aside = {t.i for child in token.children if child.i > token.i and after_comma(child) and (
                     child.dep_ in ASIDE_RELATIONS or child.dep_ == "relcl" and
                     any(c.dep_ == "ccomp" for c in child.children))
                 for t in child.subtree}
        words: list[Token] = []
        for word in sorted(token.subtree, key=lambda t: t.i):
            if (cue is not None and token.i < cue.i <= word.i) or word.i in aside:
                continue
            if content.start <= word.idx < content.end:
                if word.i > token.i:
                    break
                words = []  # content before the head: the source starts after it
                continue
            words.append(word)
        while words and (not is_word(words[0]) or words[0].lower_ in ("and", "but")):
            words.pop(0)
        # A misparse can cut the phrase after a preposition ("Ed Harlan of [Inc. as a mark]").
        while words and (not is_word(words[-1]) or words[-1].pos_ in ("ADP", "CCONJ", "DET")) \
                and not (words[-1].text == ")" and any(w.text == "(" for w in words)):
            words.pop()  # but not the bracket closing a party label: "Rep. Lund (D-Md.)"
        return self.token_span(words) if words else None

    def antecedent(self, position: int, pronoun: str) -> str | None:
        """The person (he/she) or group (they) a pronoun most likely refers to."""
        wanted = {"PERSON"} if pronoun in ("he", "she", "i") else {"ORG", "GPE", "OUTLET", "PERSON"}
        # Not beyond the story: in a compilation "he" never reaches into the excerpt before.
        story_start = max((s.start for s in self.stories if s.start <= position), default=0)
        for mention in reversed(self.mentions_in(Span(story_start, position))):
            # Names inside someone's quoted words are not who "she" is in the frame.
            if mention.span.end <= position and mention.entity_id and \
                    self.entity_type(mention.entity_id) in wanted and \
                    not any(q.inner.contains(mention.span) for q in self.quoted):
                return mention.entity_id
        return None

    def subject_of(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ == "nsubj":
                return child
            if child.dep_ == "agent":  # "was quoted by the agency"
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        # "Trump has pooh-poohed …": the parser sometimes hangs the subject on the auxiliary.
        for child in verb.children:
            if child.dep_ == "aux" and child.i < verb.i:
                subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
                if subject is not None:
                    return subject
        # "the wire quoted Lavrov as saying that …": the one quoted is the speaker.
        if verb.head.lower_ == "as":
            quoted = next((t for t in reversed(self.doc[max(0, verb.i - 8):verb.i])
                           if t.lemma_ == "quote"), None)
            speaker = next((c for c in quoted.children if c.dep_ == "dobj"), None) \
                if quoted is not None else None
            if speaker is not None:
                return speaker
        # "…, saying that …" and "…, adding that …" take the subject of the verb they hang on.
        if verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.i != verb.i:
            head = verb.head
            # "May said that the country would leave and suggested …": a speech verb the
            # parser hung on the clause reported is the reporter's second verb (not so in
            # "X described it, saying …, Reuters reported", where the reporter comes last).
            if verb.lemma_ in SPEECH_LEMMAS and head.dep_ == "ccomp" and \
                    head.head.lemma_ in SPEECH_LEMMAS and head.head.i < head.i:
                head = head.head
            return self.subject_of(head)
        # "… before asking her", "after saying that …": the verb the preposition hangs on.
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.i != verb.head.i:
            return self.subject_of(verb.head.head)
        # "Trump charges that …" read as a noun phrase: the name before a verb form the
        # tagger took for a plural noun, with its "that" after.
        if verb.tag_ == "NNS" and speech_lemma_of(verb.lower_) and verb.i > 0 and \
                verb.i + 1 < len(self.doc) and self.doc[verb.i + 1].lower_ == "that":
            before = self.doc[verb.i - 1]
            if before.text[:1].isupper() and before.pos_ in ("PROPN", "NOUN"):
                return before
        return self.subject_left_over(verb)

    def subject_left_over(self, verb: Token) -> Token | None:
        """"In remarks at the Economic Club, Hallorann, D-Ohio, predicted …": a misparse that
        hangs the subject on the phrase before it leaves a finite verb with none; the name
        (or determined noun) right before the verb, past an appositive, is it."""
        if verb.tag_ not in ("VBD", "VBZ", "VBP") or \
                any(c.dep_ in SUBJECT_RELATIONS for c in verb.children):
            return None
        word = next((t for t in reversed(self.doc[verb.sent.start:verb.i]) if is_word(t)), None)
        # Up from an appositive or a name's part to its head, and from the second of two
        # coordinated names ("Obama and Clinton") to the first; a name joined by a comma
        # alone is a misparse of its own ("the Economic Club, Hallorann, D-Ohio, said").
        while word is not None and word.head.i < verb.i and word.head.i != word.i and (
                word.dep_ in ("appos", "compound") or word.dep_ == "conj" and
                any(c.dep_ == "cc" for c in word.head.children)):
            word = word.head
        # A name inside a phrase ("the ministry in Vilnius said") or an object is not it.
        if word is None or word.dep_ in SUBJECT_RELATIONS or word.dep_ in OBJECT_RELATIONS:
            return None
        if word.pos_ == "PROPN" or (word.pos_ == "NOUN" and any(
                c.dep_ in ("det", "poss") for c in word.children)):
            return word
        return None

    def subject_near(self, cue: Token, frame: Span) -> Token | None:
        """The speaker of a cue in a quote's frame: its parsed subject, or the nearest
        name-like word before it, or right after it ("says Alexa")."""
        if cue.lower_ == "according":
            source = next((c for c in cue.nbor(1).children if c.dep_ == "pobj"), None)
            if source is not None and frame.start <= source.idx < frame.end:
                return source
        subject = self.subject_of(cue)
        if subject is not None and frame.start <= subject.idx < frame.end:
            return subject
        before = [t for t in self.doc[max(cue.i - 6, 0):cue.i]
                  if t.idx >= frame.start and (t.pos_ in ("PROPN", "NOUN", "PRON"))]
        if before:
            return before[-1]
        after = [t for t in self.doc[cue.i + 1:cue.i + 5]
                 if t.idx < frame.end and t.pos_ in ("PROPN", "NOUN", "PRON")]
        return after[-1] if after else None

    # -- medium, date ----------------------------------------------------------------------
    def medium_of(self, cue: Token, att: Attribution) -> None:
        """Where the words were said: "told AFP", "wrote on Facebook", "told the Seimas"."""
        for child in cue.children:
            # "told AFP", "told the Seimas": whom the words were addressed to.
            types: tuple[str, ...]
            if child.dep_ in ("dobj", "dative", "iobj"):
                targets, types = [child], ("OUTLET", "ORG")
            # "wrote on Facebook", "said on LRT radio": where they appeared.
            elif child.dep_ == "prep" and child.lower_ in ("on", "to", "in"):
                targets = [c for c in child.children if c.dep_ == "pobj"]
                types = ("OUTLET",) if child.lower_ != "to" else ("OUTLET", "ORG")
            else:
                continue
            for target in targets:
                near = [target, *(c for c in target.children if c.dep_ in ("compound", "appos",
                                                                            "conj", "amod"))]
                for token in near:
                    mention = self.mention_at(token.idx, token.idx + len(token.text))
                    if mention and mention.entity_id and \
                            self.entity_type(mention.entity_id) in types:
                        att.medium = mention.entity_id
                        return

    def date_near(self, verb: Token, content: Span) -> str | None:
        """When the words were said: a date on the speech verb itself ("announced yesterday",
        "told AFP this week"), not one in the reported content or elsewhere in the sentence."""
        own = [t for child in verb.children if child.dep_ in ("npadvmod", "prep", "advmod")
               for t in child.subtree if not content.start <= t.idx < content.end]
        for token in own:
            for timex in self.timexes:
                if timex.span.start <= token.idx < timex.span.end and timex.value and \
                        not timex.value.startswith("P"):
                    return timex.value
        # "…, saying that …": said when the verb it hangs on was.
        if verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.i != verb.i:
            return self.date_near(verb.head, content)
        return None

    def without_trailing_frames(self, content: Span) -> Span:
        """Cut ", DPA and AFP reported, BTA reports" off content the parser ran into them."""
        for match in TRAILING_FRAME.finditer(content.text(self.text)):
            who = Span(content.start + match.start("who"), content.start + match.end("who"))
            if any(who.contains(m.span) for m in self.mentions_in(who)):
                return strip_content(self.text, Span(content.start, content.start + match.start()))
        return content

    def without_medium_frame(self, content: Span) -> tuple[Span, str | None]:
        """Cut ", in an interview with Le Monde …" off the content; the outlet is the medium."""
        match = MEDIUM_FRAME.search(content.text(self.text))
        if match is None or match.start() < 10:
            return content, None
        frame = Span(content.start + match.start(), content.end)
        medium = next((m.entity_id for m in self.mentions_in(frame) if frame.contains(m.span)
                       and self.entity_type(m.entity_id) == "OUTLET"), None)
        return strip_content(self.text, Span(content.start, frame.start)), medium

    def date_in(self, frame: Span) -> str | None:
        for timex in self.timexes:
            if frame.contains(timex.span) and timex.value and not timex.value.startswith("P"):
                return timex.value
        return None

    # -- pass 1: quoted spans --------------------------------------------------------------
    def is_name_in_marks(self, quoted: QuotedSpan) -> bool:
        inner = quoted.inner.text(self.text).strip(" ,.")
        words = inner.split()
        if not words or len(words) > 5 or re.search(r"[.!?]", inner):
            return False
        # “Jiniu”, “Amnesty International”: a name fills the marks (not “Donald’s here”).
        mention = self.mention_at(quoted.inner.start, quoted.inner.end)
        if mention and mention.span.end - mention.span.start >= 0.8 * len(inner):
            return True
        small = {"of", "the", "and", "for", "de", "la", "&"}
        return all(w[0].isupper() or w in small for w in words)

    def is_fragment(self, content: Span) -> bool:
        """A few words that are not a sentence of their own: “catastrophic”, “a strategic
        message”. “We are ready” is a short sentence, so a direct quote."""
        words = content.text(self.text).rstrip(".,;:!?")
        if not words or len(words.split()) > FRAGMENT_MAX_WORDS or re.search(r"[.!?]", words):
            return False
        span = self.doc.char_span(content.start, content.end, alignment_mode="expand")
        has_verb = any(t.pos_ in ("VERB", "AUX") for t in span or [])
        return not (words[0].isupper() and has_verb)

    def is_own_sentence(self, quoted: QuotedSpan) -> bool:
        """“Maria’s here, dear.” after “…,” she said.: a short quote that is a whole sentence,
        opening with a capital after the previous sentence's end and closing with its own full
        stop, is someone's words, not a scare quote."""
        inner = quoted.inner.text(self.text).strip()
        if not inner or not inner[0].isupper() or inner[-1] not in ".!?\u2026":
            return False
        before = self.text[self.paragraph_of(quoted.outer.start).start:quoted.outer.start]
        tail = before.rstrip()
        return not tail or re.search(r"[!?:\u2026][\"”’']?$|\.[\"”’']$", tail) is not None or (
            tail.endswith(".") and SENTENCE_END.search(tail + " ", len(tail) - 1) is not None)

    def resumes_quote(self, quoted: QuotedSpan) -> bool:
        """“…,” he said, “you help them.”: the passage after a frame that interrupts a quote
        goes on with the quote, in lower case."""
        previous = next((q for q in reversed(self.quoted) if q.outer.end <= quoted.outer.start
                         and q.depth == 0), None)
        if previous is None:
            return False
        between = self.text[previous.outer.end:quoted.outer.start]
        return self.text[previous.inner.start:previous.inner.end].rstrip().endswith(",") and \
            len(between) <= MAX_FRAME_CHARS and "\n" not in between and \
            between.rstrip().endswith(",")

    def fragment_cue(self, quoted: QuotedSpan) -> Token | None:
        """The speech verb a short quoted fragment is the object or complement of."""
        tokens = [t for t in self.doc.char_span(quoted.inner.start, quoted.inner.end,
                                                alignment_mode="expand") or []]
        if not tokens:
            return None
        sentence = tokens[0].sent
        if FRAGMENT_LEAD.search(self.text[sentence.start_char:quoted.outer.start]):
            verbs = [t for t in sentence if t.i < tokens[0].i and t.pos_ == "VERB"
                     and (t.lemma_ in SPEECH_LEMMAS or t.lemma_ in NP_SPEECH_LEMMAS)]
            if verbs:
                return verbs[-1]
        root = next((t for t in tokens if t.head not in tokens or t.head.i == t.i), tokens[0])
        token = root
        for _ in range(FRAGMENT_MAX_HOPS):
            if token.dep_ not in FRAGMENT_PATH_DEPS or token.head.i == token.i:
                return None
            if token.dep_ == "prep" and token.lower_ not in FRAGMENT_PREPOSITIONS:
                return None
            token = token.head
            if token.pos_ in ("VERB", "AUX") and (token.lemma_ in SPEECH_LEMMAS
                                                   or token.lemma_ in NP_SPEECH_LEMMAS):
                return token
        return None

    def direct_quotes(self) -> list[Attribution]:
        found: list[Attribution] = []
        for quoted in self.quoted:
            if quoted.depth > 0 or self.is_name_in_marks(quoted):
                continue
            content = strip_content(self.text, quoted.inner)
            if self.is_fragment(content) and not self.is_own_sentence(quoted) and \
                    not self.resumes_quote(quoted):
                cue = self.fragment_cue(quoted)
                if cue is None:
                    continue  # a scare quote, a title
                # "warned that it was “weakening …”", "criticized the media for being
                # “dishonest”": the clause the fragment stands in is the content.
                clause = self.reported_clause(cue)
                if clause is None:
                    # "blasted her as a “disgrace” [Wednesday during a rally]": when and
                    # where the naming verb's words were said is the reporter's.
                    clause = self.cue_clause(cue)
                    if clause is not None and self.says_when_or_where(
                            Span(quoted.outer.end, clause.end)):
                        clause = Span(clause.start, quoted.outer.end)
                if clause is not None and clause.contains(content):
                    content = clause
                att = Attribution(content, "mixed", cue)
                self.attribute_to_verb(att, cue)
            else:
                att = Attribution(content, "direct", None)
                self.attribute_direct(att, quoted)
            found.append(att)
        return self.share_frames(found)

    def says_when_or_where(self, rest: Span) -> bool:
        """Whether words after a quote open with when or where it was said."""
        words = rest.text(self.text).lstrip(" ,")
        start = rest.end - len(words)
        return bool(words) and (bool(WHEN_OR_WHERE.match(words)) or any(
            t.span.start == start for t in self.timexes))

    def reported_clause(self, cue: Token) -> Span | None:
        complement = next((c for c in cue.children if c.dep_ == "ccomp"), None)
        if complement is None:
            return None
        clause = self.clause_span(complement)
        return self.within_paragraph(clause, cue.idx) if clause else None

    def cue_clause(self, cue: Token) -> Span | None:
        """What a speech verb governs, without its subject and modifiers: "called Trump a
        “liar”", "told the crowd to “go vote”"."""
        kept = [t for child in cue.children if child.i > cue.i and child.dep_ not in CLAUSE_EDGES
                and not self.is_when(child) for t in child.subtree]
        kept = [t for t in kept if t.sent.start == cue.sent.start]
        while kept and kept[-1].is_punct and kept[-1].text not in "”“\"»’'":
            kept.pop()
        if not kept:
            return None
        kept.sort(key=lambda t: t.i)
        return Span(kept[0].idx, kept[-1].idx + len(kept[-1].text))

    def is_when(self, token: Token) -> bool:
        """Whether a dependent only says when ("on Monday", "last week")."""
        words = list(token.subtree)
        span = Span(words[0].idx, words[-1].idx + len(words[-1].text))
        return any(span.overlaps(t.span) for t in self.timexes) and len(words) <= 5

    def attribute_to_verb(self, att: Attribution, cue: Token) -> None:
        """Speaker, medium and date from a cue word: its subject, or whoever holds it
        ("filed papers [opposing] …", "a statement [calling] …")."""
        sentence = cue.sent
        subject = self.subject_of(cue) or holder(cue)
        if subject is not None:
            self.speaker_from_token(subject, att)
        self.medium_of(cue, att)
        att.date = self.date_in(Span(sentence.start_char, att.content.start))

    def holder_as_speaker(self, att: Attribution, cue: Token) -> None:
        """A cue the rules found no subject for may still have a holder: "her filing,
        [alleging] that …", "a passionate [defender] of …"."""
        found = holder(cue)
        if found is not None and not att.content.start <= found.idx < att.content.end:
            self.speaker_from_token(found, att)

    def attribute_direct(self, att: Attribution, quoted: QuotedSpan) -> None:
        # A transcript that opens each paragraph with a quote mark: “PENCE: Well, … (in
        # capitals: “Washington: the capital is calm,” is a dateline).
        label = TRANSCRIPT_LABEL.match(self.text, att.content.start)
        if label and quoted.outer.start == self.paragraph_of(quoted.outer.start).start and \
                label.group("label").isupper() and \
                self.label_speaks(att, Span(label.start("label"), label.end("label"))):
            att.content = Span(label.end(), att.content.end)
            return
        paragraph = self.paragraph_of(quoted.outer.start)
        quotes_here = [q.outer for q in self.quoted if paragraph.contains(q.outer)]
        # The frame after the quote runs to the end of its sentence or the next quote.
        after_end = min([q.start for q in quotes_here if q.start >= quoted.outer.end]
                        + [paragraph.end])
        after = Span(quoted.outer.end, after_end)
        sentence_end = SENTENCE_END.search(after.text(self.text))
        if sentence_end:
            after = Span(after.start, after.start + sentence_end.end())
        before_start = max([q.end for q in quotes_here if q.end <= quoted.outer.start]
                           + [paragraph.start])
        before = Span(before_start, quoted.outer.start)
        prior = SENTENCE_END.split(before.text(self.text))
        before = Span(before.end - len(prior[-1]), before.end)
        # The frame after a quote is usually its own; one introducing it with a colon always
        # is ("Peabody said: “…,” adding that …").
        frames = [before, after] if before.text(self.text).rstrip().endswith(":") \
            else [after, before]
        # "… about it.” He enacted rules …": a quote closed by its own full stop and followed
        # by a new sentence has no frame after it.
        if self.text[quoted.inner.start:quoted.inner.end].rstrip().endswith(".") and \
                re.match(r"\s*[A-Z]", after.text(self.text)):
            frames.remove(after)
        # "He said:" closing the paragraph before a quote that opens its own paragraph.
        if before.start == paragraph.start and paragraph.start > 0:
            previous = self.paragraph_of(paragraph.start - 2)
            if self.text[previous.start:previous.end].rstrip().endswith(":"):
                frames.append(Span(max(previous.start, previous.end - 200), previous.end))
        for frame in frames:
            cue = self.cue_in(frame, nearest_end=frame.end <= quoted.outer.start)
            # "…,” but he said that the footage …": a verb after the quote that reports a
            # clause of its own is not the quote's frame.
            if cue is not None and frame is after and any(
                    c.dep_ == "ccomp" and c.idx > cue.idx for c in cue.children):
                continue
            if cue is not None:
                att.cue = cue
                subject = self.subject_near(cue, frame)
                if subject is not None:
                    self.speaker_from_token(subject, att)
                self.medium_of(cue, att)
                att.date = self.date_in(frame)
                return
        self.credit_line(att, quoted)
        if att.source is None:
            self.governing_verb(att, quoted)

    def governing_verb(self, att: Attribution, quoted: QuotedSpan) -> None:
        """"Obama called the holiday “a celebration …”", "is rolling out a message: “…”": no
        speech verb frames the quote, but it hangs on a verb whose subject gave the words."""
        tokens = list(self.doc.char_span(quoted.inner.start, quoted.inner.end,
                                         alignment_mode="expand") or [])
        inside = {t.i for t in tokens}
        word = next((t for t in tokens if t.head.i not in inside), None)
        for _ in range(HOLDER_MAX_HOPS):
            if word is None or word.head.i == word.i:
                return
            word = word.head
            if word.pos_ in ("VERB", "AUX"):
                subject = self.subject_of(word)
                if subject is not None and subject.i not in inside:
                    att.cue = word
                    self.speaker_from_token(subject, att)
                    return

    def credit_line(self, att: Attribution, quoted: QuotedSpan) -> None:
        """"… ― Jorge Falcon": a dash and a name right after the quote credit it."""
        match = CREDIT_DASH.match(self.text, quoted.outer.end)
        if match is None:
            return
        end = match.end("name")
        if self.text[end - 1] == "." and not re.search(r"\b[A-Z]\.$", match.group("name")):
            end -= 1  # the full stop after "― Ana Rivera.", not an initial's
        name = Span(match.start("name"), end)
        att.source, att.speaker_text = name, name.text(self.text)
        mention = self.mention_at(name.start, name.end)
        att.speaker = mention.entity_id if mention else None
        att.speaker_how = "named" if mention else "unnamed"

    def cue_in(self, frame: Span, nearest_end: bool = False) -> Token | None:
        """The speech verb of a frame, the first one, or with `nearest_end` the last (a frame
        before a quote: "Claiming …, Trump told Fox that “…”" is told)."""
        span = self.doc.char_span(frame.start, frame.end, alignment_mode="contract")
        tokens = list(span or [])
        for token in reversed(tokens) if nearest_end else tokens:
            if token.lower_ == "according" and token.i + 1 < len(self.doc) and \
                    self.doc[token.i + 1].lower_ == "to":
                return token  # "According to Limbaugh, “…”"
            # After a quote the tagger often reads "summarizes" or "notes" as a noun; but not
            # "the states" or "United States".
            lemma: str | None = None
            # "alleged subsidies", "the announced plan": a participle describing a noun.
            if token.dep_ == "amod" and token.head.pos_ in ("NOUN", "PROPN") and \
                    token.i < token.head.i:
                continue
            if token.pos_ in ("VERB", "AUX"):
                lemma = token.lemma_
            elif token.pos_ == "NOUN" and not (token.i and self.doc[token.i - 1].pos_ in (
                    "DET", "NUM", "ADP")):
                lemma = speech_lemma_of(token.lower_)
            else:
                continue
            if lemma in SPEECH_LEMMAS and lemma not in WEAK_LEMMAS:
                return token
        return None

    def share_frames(self, found: list[Attribution]) -> list[Attribution]:
        """A quote with no frame of its own, or one sharing the frame that interrupts it,
        continues the one before it: in the same paragraph it is another passage of the same
        attribution ("…," he said. "…" and "…," he said, "…"), as it is in the next one when
        the quote before ran to its paragraph's end; otherwise the next paragraph's is a new
        attribution by the same speaker."""
        kept: list[Attribution] = []
        for att in found:
            previous = kept[-1] if kept else None
            if previous is None or not (self.interrupts(previous, att) or (
                    att.cue is None and att.source is None and previous.speaker_text is not None
                    and att.content.start - previous.content.end < CONTINUATION_GAP)):
                kept.append(att)
            elif previous.kind == att.kind == "direct" and (
                    self.runs_on(previous, att) or self.paragraph_of(att.content.start) ==
                    self.paragraph_of(previous.content.start)):
                previous.parts = (previous.parts or [previous.content]) + [att.content]
                previous.content = Span(previous.content.start, att.content.end)
            else:
                att.speaker, att.speaker_text = previous.speaker, previous.speaker_text
                att.source, att.medium, att.date = previous.source, previous.medium, previous.date
                att.cue, att.speaker_how = previous.cue, "inherited"
                kept.append(att)
        return kept

    def runs_on(self, previous: Attribution, att: Attribution) -> bool:
        """A quote that ends its paragraph with nothing after it but a mark, taken up by a
        quote opening the next paragraph: one quotation over two paragraphs."""
        between = self.text[previous.content.end:att.content.start]
        return "\n" in between and not re.search(r"\w", between)

    def interrupts(self, previous: Attribution, att: Attribution) -> bool:
        """"“…,” Scott said, “…”": one quote broken by its frame, which both passages read
        as theirs. Not when the first passage ends a sentence, nor when the words between
        say more than the frame ("…,” she sang before asking him, “…”)."""
        if att.cue is None or previous.cue is None or att.cue.i != previous.cue.i or \
                not previous.kind == att.kind == "direct":
            return False
        if not re.match(r"[”“\"’»']?\s*[,—–]", self.text[previous.content.end:]):
            return False
        between = list(self.doc.char_span(previous.content.end, att.content.start,
                                          alignment_mode="contract") or [])
        # A participle hung on the frame's verb says how it was said ("…,” he said, pointing
        # at the map, “…”); one after "before" or "then" starts another act.
        return not any(t.pos_ == "VERB" and t.i != att.cue.i and not (
            t.tag_ == "VBG" and t.dep_ == "advcl" and t.head.i == att.cue.i) for t in between)

    # -- pass 2: indirect speech -------------------------------------------------------------
    def indirect_quotes(self, direct: list[Attribution]) -> list[Attribution]:
        """Reported speech without quote marks. A reported clause that runs into a quote
        introduced by the same verb ("told Nikkei that if …, “it will …”") absorbs it as one
        mixed attribution; `direct` loses the quotes so absorbed."""
        found: list[Attribution] = []
        for token in self.doc:
            att = self.indirect_from_verb(token) or self.according_to(token)
            if att is None:
                continue
            # Also a quote whose only frame is a verb of the clause itself ("found that the
            # money did not come from “crime or fraud.”").
            same_frame = [d for d in direct if d.content.overlaps(att.content) and not d.parts
                          and (d.cue is None or att.cue is not None and d.cue.i == att.cue.i
                               or d.cue.lemma_ not in SPEECH_LEMMAS and
                               att.content.start <= d.cue.idx < att.content.end)]
            # Words of its own before the quote, or going on after a whole quoted sentence
            # (not after a comma: ", adding that …" is another frame), make the clause mixed;
            # without them the parser has only re-read the direct quote as the complement.
            after = self.text[same_frame[-1].content.end:att.content.end] if same_frame else ""
            if same_frame and (
                    re.search(r"\w", self.text[att.content.start:same_frame[0].content.start]) or
                    same_frame[-1].kind == "direct" and re.match(r"[^\w,;:]*\w", after)):
                for quote in same_frame:
                    # The clause takes the quote whole, its closing mark included.
                    end = quote.content.end
                    closing = re.match(r"[,.!?]?[”“\"»’']", self.text[end:end + 2])
                    end += closing.end() if closing else 0
                    att.content = Span(att.content.start, max(att.content.end, end))
                    direct.remove(quote)
                att.kind = "mixed"
            if not any(att.content.overlaps(d.content) for d in direct):
                found.append(att)

        opinions = [self.opinion_frame(match) for match in OPINION_CUES.finditer(self.text)]
        self.add_unless_crossing(found, opinions, direct)
        used_cues = {a.cue.i for a in found + direct if a.cue is not None}
        # Fallbacks for what the parser loses.
        fallbacks = [self.closing_frame(sentence) for sentence in self.doc.sents]
        fallbacks += [self.that_clause_fallback(t) for t in self.doc if t.i not in used_cues]
        fallbacks += [self.medial_frame(t) for t in self.doc if t.i not in used_cues]
        fallbacks += [self.speaker_label(match) for match in SPEAKER_LABEL.finditer(self.text)]
        self.add_unless_crossing(found, fallbacks, direct)
        return found

    def medial_frame(self, cue: Token) -> Attribution | None:
        """"The economy, he said, will recover.": a frame set off by commas inside the
        sentence it attributes; the content is the sentence around it, in two passages."""
        if cue.lemma_ not in SPEECH_LEMMAS or cue.pos_ != "VERB" or cue.dep_ != "parataxis":
            return None
        subject = self.subject_of(cue)
        sentence = cue.sent
        frame = sorted(cue.subtree, key=lambda t: t.i)
        if subject is None or frame[0].i <= sentence.start or frame[-1].i >= sentence.end - 2:
            return None
        before = strip_content(self.text, Span(sentence.start_char, frame[0].idx))
        after = strip_content(self.text, Span(frame[-1].idx + len(frame[-1].text),
                                              sentence.end_char))
        if before.end - before.start < 3 or after.end - after.start < 3:
            return None
        att = Attribution(Span(before.start, after.end), "indirect", cue,
                          parts=[before, after])
        self.speaker_from_token(subject, att)
        return att

    def speaker_label(self, match: re.Match[str]) -> Attribution | None:
        """"PENCE: We will …" in a transcript: the label is the source, the rest the content.
        A headline "Pence: Guest Won't Be at Debate" (the first line of a story) says what the
        one it names said, in the newsroom's words."""
        content = strip_content(self.text, Span(match.start("content"), match.end("content")))
        label = Span(match.start("label"), match.end("label"))
        if self.is_headline(label.start):
            att = Attribution(content, "indirect", None)
            return att if self.label_speaks(att, label, headline=True) else None
        att = Attribution(content, "direct", None)
        return att if self.label_speaks(att, label) else None

    def is_headline(self, position: int) -> bool:
        line_end = self.text.find("\n", position)
        return (position == 0 or any(s.start == position for s in self.stories)) and \
            (line_end == -1 or line_end - position <= MAX_HEADLINE_CHARS)

    def label_speaks(self, att: Attribution, label: Span, headline: bool = False) -> bool:
        """Make a transcript's label ("PENCE", "Tim Kaine") the speaker, if it is one: a word
        in capitals or a name; in a headline also a name the report gives in full elsewhere
        ("Pence") or a poll or study."""
        named = self.mention_at(label.start, label.end)
        words = label.text(self.text)
        if words.upper() in FURNITURE_LABELS or \
                not (words.isupper() or (named and named.span == label) or (headline and (
                    words.lower() in HEADLINE_SOURCES or self.named_as(words) is not None))):
            return False
        colon = self.doc.char_span(label.end, label.end + 1, alignment_mode="expand")
        att.cue = colon[0] if colon else None
        att.source, att.speaker_text = label, words
        if named and named.entity_id:
            att.speaker, att.speaker_how = named.entity_id, "named"
        else:
            # "TRUMP:", "Pence:": a surname; the person named so in the report, if any.
            att.speaker = self.named_as(words)
            att.speaker_how = "named" if att.speaker else "unnamed"
        return True

    def named_as(self, surname: str) -> str | None:
        """The person or organisation the report names with this last word."""
        return next((m.entity_id for m in self.mentions if m.entity_id and
                     self.entity_type(m.entity_id) in ("PERSON", "ORG") and
                     m.text.split()[-1].upper() == surname.upper()), None)

    def by_paragraph(self, atts: list[Attribution]) -> dict[int, list[Attribution]]:
        """Attributions by the paragraph they start in. Contents do not cross paragraphs, so
        comparisons stay within one, however many a long document holds."""
        groups: dict[int, list[Attribution]] = {}
        for att in atts:
            groups.setdefault(self.paragraph_of(att.content.start).start, []).append(att)
        return groups

    def add_unless_crossing(
        self, found: list[Attribution], candidates: list[Attribution | None],
        direct: list[Attribution],
    ) -> None:
        """Add candidates that overlap nothing found, or nest with it: an attribution inside
        another's content is reported speech too ("DPA notes that according to X, …"), and
        fold_outlet_frames turns an outer outlet frame into a relay."""
        groups = self.by_paragraph(direct + found)
        quoted = {id(d) for d in direct}
        for att in candidates:
            if att is None:
                continue
            here = groups.get(self.paragraph_of(att.content.start).start, [])
            spans = [a.content for a in here]
            cues = {a.cue.i for a in here if a.cue is not None}
            if att.cue is not None and att.cue.i in cues:
                continue  # the same frame read twice
            if any(att.content.overlaps(d.content) for d in here if id(d) in quoted):
                continue  # a quote's own frame read again as reported speech
            if not any(att.content.overlaps(span) and not span.contains(att.content)
                       and not att.content.contains(span) for span in spans) and \
                    att.content not in spans:
                found.append(att)
                here.append(att)
                groups[self.paragraph_of(att.content.start).start] = here

    def clause_span(self, head: Token, skip_mark: bool = True, min_tokens: int = 3) -> Span | None:
        tokens = sorted(head.subtree, key=lambda t: t.i)
        if skip_mark:
            tokens = [t for t in tokens if not (t.dep_ == "mark" and t.head.i == head.i
                                                and t.lower_ in ("that", "whether"))]
        # "said he would order a review and warned against hackers": the second speech verb
        # starts an attribution of its own.
        coordinated = next((t for t in tokens if t.dep_ == "conj" and t.pos_ == "VERB" and
                            t.lemma_ in SPEECH_LEMMAS and t.i > head.i), None)
        if coordinated is not None:
            tokens = [t for t in tokens if t.i < coordinated.i]
            while tokens and tokens[-1].dep_ == "cc":
                tokens.pop()
        # ", who has never …", ", focusing on …": a comment on the last noun, not the claim.
        tail = next((t for t in tokens if t.i > head.i + 2 and t.i > tokens[0].i + 2 and
                     after_comma(t) and (t.dep_ in ("relcl", "acl", "advcl") or (
                         t.dep_ == "appos" and t.head.pos_ == "PROPN" and
                         t.right_edge.i >= tokens[-1].i - 1))), None)
        if tail is not None:
            tokens = [t for t in tokens if t.i < tail.left_edge.i]
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
            tokens.pop()
        while tokens and (tokens[0].is_punct or tokens[0].is_space):
            tokens.pop(0)
        if len(tokens) < min_tokens:
            return None
        return self.token_span(tokens)

    def intended(self, verb: Token) -> Span | None:
        """"urged allies to act", "called for talks": the object and what it is urged to do."""
        if verb.lemma_ not in INTENT_LEMMAS:
            return None
        xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        if xcomp is not None:
            objects = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i < xcomp.i]
            start = min(t.idx for t in objects[0].subtree) if objects else None
            clause = self.clause_span(xcomp)
            if clause is None:
                return None
            return Span(start, clause.end) if start is not None else clause
        for prep in verb.children:
            if verb.lemma_ == "call" and prep.dep_ == "prep" and prep.lower_ == "for":
                objects = [c for c in prep.children if c.dep_ == "pobj"]
                return self.clause_span(objects[0], skip_mark=False) if objects else None
        return None

    def said_object(self, verb: Token) -> Span | None:
        """"criticized the decision", "called for talks", "called them “deplorables”": the
        noun phrase that was said, with the description given to it."""
        naming = verb.lemma_ in NAMING_LEMMAS
        prepositions = NP_SPEECH_LEMMAS.get(verb.lemma_, ())
        for child in verb.children:
            # "raised questions about the microphone": the question's object is what was said.
            if child.dep_ == "dobj" and child.lemma_ in SPEECH_NOUNS:
                about = [g for c in child.children if c.dep_ == "prep"
                         and c.lower_ in ("about", "over", "of", "on")
                         for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if about:
                    return self.clause_span(about[0], skip_mark=False, min_tokens=1)
        if verb.lemma_ not in NP_SPEECH_LEMMAS and not naming:
            return None
        for child in verb.children:
            if (not prepositions or naming) and child.dep_ == "dobj":
                said = self.clause_span(child, skip_mark=False, min_tokens=1)
                # "criticized the act as a “crazy system”", "called half of them “deplorables”".
                # "criticized the media for being dishonest": the reason is part of the claim.
                described = [c for c in verb.children if c.i > child.i and (
                    c.dep_ in ("oprd", "xcomp", "acomp") or c.dep_ == "prep" and (
                        c.lower_ == "as" or c.lower_ == "for" and verb.lemma_ in NP_SPEECH_LEMMAS))]
                if said and described:
                    end = self.clause_span(described[0], skip_mark=False, min_tokens=1)
                    said = Span(said.start, end.end) if end else said
                return said if said and (not naming or described) else None
        # The preposition hangs on the verb or, as often, on its object ("accused the
        # government of lying"); the accused belongs to the claim.
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        for preposition in [*verb.children, *(g for o in objects for g in o.children)]:
            if preposition.dep_ != "prep" or preposition.lower_ not in prepositions:
                continue
            topics = [c for c in preposition.children if c.dep_ in ("pobj", "pcomp")]
            if topics:
                accused = [o for o in objects if o.i < preposition.i]
                start = accused[0].left_edge.idx if accused else self.doc[preposition.i + 1].idx
                end = self.clause_span(topics[0], skip_mark=False, min_tokens=1)
                return Span(start, end.end) if end else None
        return None

    def unsourced(self, verb: Token, complement: Token | None) -> Attribution | None:
        """"It was reported that …", "the talks are expected to resume", "he was accused of
        …": a passive report with nobody named as its source. Kept with no speaker."""
        passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if passive is None or any(c.dep_ == "agent" for c in verb.children) or \
                verb.lemma_ not in UNSOURCED_LEMMAS:
            return None
        if passive.lower_ == "it" and complement is not None:
            content = self.clause_span(complement)
        else:
            # The whole clause is the claim: "peacekeepers have been accused of abuses".
            words = [t for t in verb.subtree if t.dep_ not in ("punct", "cc", "conj")
                     or t.head.i != verb.i]
            content = self.token_span(words) if len(words) >= 3 else None
        if content is None:
            return None
        return Attribution(self.within_paragraph(content, verb.idx), "indirect", verb)

    def indirect_from_verb(self, verb: Token) -> Attribution | None:
        lemma = verb.lemma_
        voices = SPEECH_LEMMAS | ATTITUDE_LEMMAS | INTENT_LEMMAS | set(NP_SPEECH_LEMMAS) \
            | NAMING_LEMMAS
        says_something = any(c.dep_ == "dobj" and c.lemma_ in SPEECH_NOUNS for c in verb.children)
        if verb.pos_ not in ("VERB", "AUX") or (lemma not in voices and not says_something):
            return None
        # The parser sometimes hangs a name ("told … LSM") or a frame as a second ccomp: the
        # reported clause is the one headed by a verb.
        # One after the verb is the usual order ("said it was alarming"); one before it is a
        # closing frame ("…, AFP specified") unless the parser only joined two clauses.
        complements = sorted((c for c in verb.children if c.dep_ == "ccomp"),
                             key=lambda c: (c.pos_ not in ("VERB", "AUX"), c.i < verb.i))
        complement = complements[0] if complements else None
        unsourced = self.unsourced(verb, complement)
        if unsourced is not None:
            return unsourced
        if complement is None:
            said = self.intended(verb) or self.said_object(verb)
            subject = self.subject_of(verb)
            if said is None or subject is None:
                return None
            att = Attribution(said, "indirect", verb)
            self.speaker_from_token(subject, att)
            return att
        content = self.clause_span(complement)
        if content is None:
            return None
        sentence = verb.sent
        subject = self.subject_of(verb)
        if complement.i < verb.i and subject is None:
            return None  # the parser put the closing frame's subject inside: closing_frame reads it
        title = None  # of a closing frame's subject, when the parser left it in the clause
        if complement.i < verb.i:
            # "…, AFP specified.": the frame closes the sentence and all before it is reported.
            complement_end = max(t.i for t in complement.subtree)
            frame_start = min((t.idx for t in verb.subtree
                               if t.i > complement_end and not t.is_punct), default=verb.idx)
            title = self.title_before(frame_start, sentence)
            frame_start = title.start if title else frame_start
            content = strip_content(self.text, Span(sentence.start_char, frame_start))
        content = self.without_trailing_frames(self.within_paragraph(content, verb.idx))
        content, medium = self.without_medium_frame(content)
        att = Attribution(content, "indirect", verb, medium=medium)
        if subject is not None:
            self.speaker_from_token(subject, att)
            if title is not None and att.source is not None and title.end <= att.source.start:
                att.source = Span(title.start, att.source.end)
        self.medium_of(verb, att)
        att.date = self.date_near(verb, content)
        att.relays = self.subject_outlets(subject) if subject is not None else []
        return att

    def title_before(self, position: int, sentence: SpacySpan) -> Span | None:
        """"…, Lands and Mineral Resources Minister Tomas Varga said.": capitalised words
        between the last comma and a closing frame's subject, which the parser hung on the
        clause before ("permits, Lands [appos] and Mineral Resources Minister"), are the
        subject's title."""
        words = [t for t in sentence if t.idx < position]
        comma = max((i for i, t in enumerate(words) if t.text == ","), default=None)
        title = words[comma + 1:] if comma is not None else []
        if not 0 < len(title) <= TITLE_MAX_WORDS or not title[-1].text[:1].isupper() or \
                not all(t.text[:1].isupper() or t.lower_ in TITLE_JOINERS for t in title):
            return None
        return Span(title[0].idx, title[-1].idx + len(title[-1].text))

    def within_paragraph(self, span: Span, anchor: int) -> Span:
        """Clip a span to the paragraph of `anchor`: a heading the parser glued on is not speech."""
        paragraph = self.paragraph_of(anchor)
        return Span(max(span.start, paragraph.start), min(span.end, paragraph.end))

    def subject_outlets(self, subject: Token) -> list[str]:
        """Outlets named by a subject and its conjuncts ("DPA and Agence France-Presse")."""
        ids = []
        for token in [subject, *subject.conjuncts]:
            mention = self.mention_at(token.idx, token.idx + len(token.text))
            if mention and self.entity_type(mention.entity_id) == "OUTLET" and mention.entity_id:
                ids.append(mention.entity_id)
        return ids

    def according_to(self, token: Token) -> Attribution | None:
        if token.lower_ != "according" or token.i + 1 >= len(self.doc) or \
                self.doc[token.i + 1].lower_ != "to":
            return None
        sentence = token.sent
        to = self.doc[token.i + 1]
        # "according to the NYPD": the source is the object of "to", with its modifiers.
        head = next((c for c in to.children if c.dep_ == "pobj"),
                    self.doc[min(token.i + 2, len(self.doc) - 1)])
        source_tokens = sorted(head.subtree, key=lambda t: t.i)
        source_end = source_tokens[-1].idx + len(source_tokens[-1].text)
        comma = next((t for t in reversed(source_tokens) if t.text == ","), None)
        if comma is not None and source_end >= sentence.end_char - 1:
            # "According to Tom Baker(, a host), the move reeks of …" parsed as one noun phrase
            # ("reeks" an appositive noun): the source ends at its last comma.
            source_end = comma.idx
        rest = self.text[source_end:sentence.end_char]
        lead = len(rest) - len(rest.lstrip(" ,"))
        content_span = strip_content(self.text, Span(source_end + lead, sentence.end_char))
        # "X did Y, according to Z, and said …": the clause before is what Z reports.
        continues = re.match(r"(?:and|but|who|which)\b", content_span.text(self.text))
        if content_span.end - content_span.start < 10 or (continues and token.idx -
                                                            sentence.start_char > 20):
            # "…, according to X." at the end: the content is what comes before.
            content_span = strip_content(self.text, Span(sentence.start_char, token.idx))
        end = content_span.end
        while end > content_span.start and self.text[end - 1] in ".":
            end -= 1
        att = Attribution(Span(content_span.start, end), "indirect", token)
        self.speaker_from_token(head, att)
        return att

    def opinion_frame(self, match: re.Match[str]) -> Attribution | None:
        cue_tokens = self.doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if cue_tokens is None:
            return None
        verb = cue_tokens[0]
        sentence = verb.sent
        rest = Span(match.end(), sentence.end_char)
        # "… is of the opinion that A, and points to the fact that B": A ends where B's cue starts.
        following = [m for m in OPINION_CUES.finditer(self.text, match.end(), sentence.end_char)]
        if following:
            cut = re.search(r"[\s,]*(?:and|but)?\s*$",
                            self.text[match.end():following[0].start()])
            rest = Span(match.end(), match.end() + (cut.start() if cut else 0))
        # The content runs to the end of the sentence or to a trailing frame (", the agency adds").
        tail = re.search(r",\s+(?:the|The)?\s*[\w .-]{1,40}\s+(?:adds|added|notes|noted|said|says)"
                         r"\.?\s*$", rest.text(self.text))
        end = rest.start + tail.start() if tail else rest.end
        content = strip_content(self.text, Span(rest.start, end))
        while content.end > content.start and self.text[content.end - 1] == ".":
            content = Span(content.start, content.end - 1)
        att = Attribution(content, "indirect", verb)
        # The parse around "is of the opinion" is unreliable; the speaker is the nearest noun
        # phrase before the cue in its sentence.
        subject = self.subject_near(verb, Span(sentence.start_char, match.start()))
        if subject is not None:
            self.speaker_from_token(subject, att)
        return att

    def closing_frame(self, sentence: SpacySpan) -> Attribution | None:
        """"…, DPA notes." with no other attribution: the outlet or source closing the
        sentence is its speaker and everything before the frame its content."""
        text = sentence.text.rstrip()
        matches = list(TRAILING_FRAME.finditer(text))
        match = matches[-1] if matches else None
        if match is None or not re.fullmatch(r"[\s.]*", text[match.end():]):
            return None
        who = Span(sentence.start_char + match.start("who"), sentence.start_char + match.end("who"))
        content = strip_content(self.text, Span(sentence.start_char,
                                                sentence.start_char + match.start()))
        tokens = self.doc.char_span(who.start, who.end, alignment_mode="expand")
        # The closing words must name someone ("DPA", "the agency"), not be a verb ("was").
        if tokens is None or tokens.root.pos_ not in ("PROPN", "NOUN", "PRON") or \
                content.end - content.start < 15:
            return None
        cue_tokens = self.doc.char_span(who.end, sentence.start_char + match.end(),
                                        alignment_mode="expand")
        att = Attribution(content, "indirect", cue_tokens[0] if cue_tokens else None)
        self.speaker_from_token(tokens.root, att)
        return att if att.speaker or att.speaker_text else None

    def that_clause_fallback(self, cue: Token) -> Attribution | None:
        """"X told the newspaper … that …" where the parser lost the clause (a stray full stop
        or quote mark in between): the content runs from "that" to the end of its sentence."""
        if cue.pos_ != "VERB" or cue.lemma_ not in SPEECH_LEMMAS or cue.lemma_ in WEAK_LEMMAS:
            return None
        paragraph = self.paragraph_of(cue.idx)
        window = self.doc[cue.i + 1:cue.i + 25]
        that = next((t for t in window if t.lower_ == "that" and t.idx < paragraph.end), None)
        # Another verb in between ("announced yesterday, has drawn …, AFP reported. The agency
        # notes that") means the "that" belongs to another clause.
        if that is None or any(t.pos_ in ("VERB", "AUX") for t in self.doc[cue.i + 1:that.i]):
            return None
        start = that.idx + len(that.text)
        end_match = re.search(r"[.!?](?=\s+[A-Z“\"„«]|\s*$)", self.text[start:paragraph.end])
        end = start + end_match.start() if end_match else paragraph.end
        content = strip_content(self.text, Span(start, end))
        if content.end - content.start < 15:
            return None
        att = Attribution(content, "indirect", cue)
        subject = self.subject_near(cue, Span(max(paragraph.start, cue.sent.start_char), cue.idx))
        if subject is not None:
            self.speaker_from_token(subject, att)
        between = Span(cue.idx, that.idx)
        for mention in self.mentions_in(between):
            if between.contains(mention.span) and self.entity_type(mention.entity_id) == "OUTLET":
                att.medium = att.medium or mention.entity_id
        att.date = self.date_in(between)
        return att

    def nested(self, att: Attribution, found: list[Attribution]) -> bool:
        """A statement, wish or belief inside someone's reported words ("he said they plan to
        …", "“I can assure you that …”") is part of what was said, not an attribution of its
        own. (An outlet's frame around a statement was already folded into its relays.)"""
        if att.cue is None:
            return False
        cue = self.token_span([att.cue])
        return any(other is not att and other.content.contains(cue) for other in found)

    # -- pass 3: relays ---------------------------------------------------------------------
    def fold_outlet_frames(self, found: list[Attribution]) -> list[Attribution]:
        """An outlet's "reported" around another attribution is a relay of it, not a quote."""
        kept = []
        groups = self.by_paragraph(found)
        for att in found:
            here = groups[self.paragraph_of(att.content.start).start]
            inner = [o for o in here if o is not att and o.content.overlaps(att.content)
                     and o.cue is not None and att.content.contains(self.token_span([o.cue]))]
            if inner and self.entity_type(att.speaker) == "OUTLET":
                for other in inner:
                    for relay in [att.speaker, *att.relays]:
                        if relay and relay not in other.relays and relay != other.speaker:
                            other.relays.append(relay)
                continue
            kept.append(att)
        return kept

    def paragraph_relays(self, att: Attribution) -> list[str]:
        """Outlets after "quoted by", "distributed by", "as quoted on" in the quote's paragraph,
        and outlet frames that close the paragraph (", AFP noted.")."""
        paragraph = self.paragraph_of(att.content.start)
        relays: list[str] = []
        for match in RELAY_CUE.finditer(paragraph.text(self.text)):
            start = paragraph.start + match.end()
            window = Span(start, min(start + 80, paragraph.end))
            stop = re.search(r"[.;]\s|\.$", window.text(self.text))
            window = Span(start, start + stop.start()) if stop else window
            for mention in self.mentions_in(window):
                if window.contains(mention.span) and mention.entity_id and \
                        self.entity_type(mention.entity_id) in ("OUTLET", "ORG"):
                    relays.append(mention.entity_id)
        sentence_end = self.text.find(". ", att.content.end)
        sentence_end = paragraph.end if sentence_end < 0 else min(sentence_end + 1, paragraph.end)
        last_sentence_start = max(paragraph.start, self.text.rfind(". ", paragraph.start,
                                                                   paragraph.end - 2) + 1)
        for region in (Span(att.content.end, sentence_end),
                       Span(max(last_sentence_start, att.content.end), paragraph.end)):
            relays += self.trailing_outlets(region)
        return relays

    def trailing_outlets(self, region: Span) -> list[str]:
        """Outlets of the frames that close a sentence, nearest the content first."""
        found = []
        for match in TRAILING_FRAME.finditer(region.text(self.text)):
            who = Span(region.start + match.start("who"), region.start + match.end("who"))
            for mention in self.mentions_in(who):
                if who.contains(mention.span) and mention.entity_id and \
                        self.entity_type(mention.entity_id) == "OUTLET":
                    found.append(mention.entity_id)
        return found

    def judged(self, found: list[Attribution], model: AttributionModel,
               boilerplate: list[Span]) -> list[Attribution]:
        """The model's choice among the rules' readings and the parse's candidates. Words in
        quote marks with a frame are kept as the rules read them (their precision is high, and
        a corpus that annotates only the outermost attribution would teach the model to drop
        the relayed and nested ones newstrace exists to keep). A chosen candidate that is (or
        matches) a rule reading keeps that reading's speaker, medium and relays, with the
        chosen boundary; any other becomes an attribution to its word's holder."""
        readings = [RuleReading(trimmed(self.text, a.content.start, a.content.end), a.kind, a.cue,
                                tuple(f for f in (a.source, self.token_span([a.cue])
                                                  if a.cue is not None else None)
                                      if f is not None),
                                firm=bool(a.relays or self.paragraph_relays(a)))
                    for a in found]
        kept = [a for a in found if a.kind == "direct"]
        used = {i for i, a in enumerate(found) if a.kind == "direct"}
        taken = [readings[i].span for i in used] + boilerplate
        # A relay's verb ("as quoted on …", "the wire quoted Lavrov as saying …") offers no
        # words of its own: the rules read the words with their speaker and relays.
        offered = [c for c in candidates(self.doc, readings) if c.rule is not None or (
            c.cue is not None and c.cue.lemma_ != "quote" and
            not RELAY_CUE.match(self.text, c.cue.idx))]
        for candidate, probability in model.choose(offered, taken):
            if candidate.rule is not None and candidate.rule not in used:
                used.add(candidate.rule)
                att = found[candidate.rule]
                if not att.parts:  # the model preferred this boundary to the rules' one
                    att.content = self.as_content(candidate.span)
            elif candidate.rule is None and candidate.cue is not None:
                att = Attribution(self.as_content(candidate.span), "indirect", candidate.cue)
                self.attribute_to_verb(att, candidate.cue)
                if att.source is not None and att.source.overlaps(att.content):
                    continue  # the subject read as its own content ("The trains passed")
            else:
                continue
            att.probability = probability
            kept.append(att)
        return kept

    def join_pieces(self, found: list[Attribution]) -> list[Attribution]:
        """Readings of one cue that follow each other in one sentence, the cue outside them
        ("she wanted to speak “to all voters” and let them know that “we are one”", "called the
        plan “rushed” and “unfair”"): one statement read in pieces, given whole."""
        kept: list[Attribution] = []
        last_of_cue: dict[int, Attribution] = {}
        for att in sorted(found, key=lambda a: a.content):
            previous = last_of_cue.get(att.cue.i) if att.cue is not None else None
            if previous is not None and att.cue is not None and kept[-1] is previous and \
                    self.one_statement(previous, att, att.cue.idx):
                gap = self.text[previous.content.end:att.content.start]
                previous.kind = "indirect" if previous.kind == att.kind == "indirect" else \
                    "direct" if previous.kind == att.kind == "direct" and \
                    not re.search(r"\w", gap) else "mixed"
                previous.content = self.with_paired_marks(
                    Span(previous.content.start, att.content.end))
                if att.probability is not None:
                    previous.probability = max(previous.probability or 0.0, att.probability)
                previous.relays += [r for r in att.relays if r not in previous.relays]
                continue
            if att.cue is not None:
                last_of_cue[att.cue.i] = att
            kept.append(att)
        return kept

    def with_paired_marks(self, span: Span) -> Span:
        """A span whose quote marks pair up: an odd number inside (single ones are too often
        apostrophes to count) means one of the pair was trimmed off an edge; a span that starts
        and ends inside marks (“rushed” and “unfair”) keeps the outer two."""
        text, start, end = self.text, span.start, span.end
        inside = sum(text[start:end].count(m) for m in DOUBLE_MARKS)
        before = start > 0 and text[start - 1] in DOUBLE_MARKS
        after = end < len(text) and text[end] in DOUBLE_MARKS
        if inside % 2:
            return Span(start, end + 1) if after else Span(start - 1, end) if before else span
        return Span(start - 1, end + 1) if inside and before and after else span

    def one_statement(self, previous: Attribution, att: Attribution, cue: int) -> bool:
        """Whether two readings of the cue at `cue` are pieces of one statement: in one
        sentence and paragraph, neither broken by its frame, the cue before or after both."""
        gap = Span(previous.content.end, att.content.start)
        return not previous.parts and not att.parts and \
            not previous.content.start <= cue < att.content.end and \
            "\n" not in gap.text(self.text) and \
            SENTENCE_END.search(self.text, gap.start, gap.end) is None and \
            not re.search(r"[.!?][\"”’']\s", gap.text(self.text))

    def as_content(self, span: Span) -> Span:
        """A candidate's span (edges trimmed as the scorer trims them) as content: without a
        closing outlet frame (", DPA reported") or a leading "that", its quote marks paired."""
        text = self.text
        span = self.without_trailing_frames(span)
        start, end = span.start, span.end
        lead = re.match(r"that\s+", text[start:end], re.IGNORECASE)
        if lead and lead.end() < end - start:
            start += lead.end()
        return self.with_paired_marks(Span(start, end))

    def finish(self, found: list[Attribution], publisher_of: Callable[[int], str | None]
               ) -> list[Quote]:
        """Quotes with their relay chains, nearest the speaker first and ending with the
        outlet that published the story (unless the publisher is the speaker)."""
        quotes = []
        for att in sorted(found, key=lambda a: a.content):
            if not re.search(r"\w", att.content.text(self.text)):
                continue  # a stray mark paired with another: no words, no quote
            publisher = publisher_of(att.content.start)
            chain: list[str] = []
            for relay in [*att.relays, *self.paragraph_relays(att)]:
                if relay and relay not in chain and relay not in (att.speaker, att.medium,
                                                                   publisher):
                    chain.append(relay)
            if publisher and publisher != att.speaker:
                chain.append(publisher)
            cue = self.token_span([att.cue]) if att.cue is not None else None
            confidence = CONFIDENCE[att.speaker_how] * (att.probability or 1.0)
            # Reported words with someone's own words in quote marks inside are mixed.
            if att.kind == "indirect" and any(att.content.contains(q.outer) and q.depth == 0
                                              for q in self.quoted):
                att.kind = "mixed"
            quotes.append(Quote(
                content=att.content, kind=att.kind, speaker=att.speaker,
                speaker_text=att.speaker_text, source=att.source, cue=cue, medium=att.medium,
                relays=chain, date=att.date, confidence=round(confidence, 3),
                parts=att.parts or self.around_frame(att, cue),
            ))
        return quotes

    def around_frame(self, att: Attribution, cue: Span | None) -> list[Span]:
        """The passages before and after a frame inside the content ("the museum, [Obama
        said,] would …", "what [she called] a “rant”"): the words are the speaker's, the frame
        the reporter's."""
        if cue is None or att.source is None or not (
                att.content.contains(cue) and att.content.contains(att.source)):
            return []
        frame = Span(min(cue.start, att.source.start), max(cue.end, att.source.end))
        before = self.text[att.content.start:frame.start]
        if not re.search(r"(?:[,\u2014\u2013]|\b(?:what|which|who|whom|that))\s*$", before,
                         re.IGNORECASE):
            return []  # "Mayor [Bill de Blasio described] …": a title, not a passage
        passages = [trimmed(self.text, att.content.start, frame.start),
                    trimmed(self.text, frame.end, att.content.end)]
        return passages if all(p.end > p.start for p in passages) else []


def after_comma(token: Token) -> bool:
    """Whether the phrase a token heads is set off by a comma before it (an aside)."""
    start = token.left_edge.i
    return start > 0 and token.doc[start - 1].text == ","


# Farthest a continuation ("…," he added) may stand from the quote it continues.
CONTINUATION_GAP = 400


def continue_frames(found: list[Attribution]) -> None:
    """"he said", "she added" right after a quote by the same speaker: said through the same
    medium, on the same day, unless the frame says otherwise."""
    for previous, att in zip(found, found[1:], strict=False):
        if att.speaker_how in ("pronoun", "inherited") and att.speaker == previous.speaker and \
                att.content.start - previous.content.end < CONTINUATION_GAP:
            att.medium = att.medium or previous.medium
            att.date = att.date or previous.date


def find_quotes(
    doc: Doc, entities: list[Entity], timexes: list[Timex],
    publisher_of: Callable[[int], str | None] = lambda _: None,
    stories: list[Span] | None = None, model: AttributionModel | None = None,
    boilerplate: list[Span] | None = None,
) -> list[Quote]:
    """Every attribution in the document. `publisher_of(position)` gives the entity id of the
    outlet that published the text at that position (the story's outlet), if known; `model`
    chooses among the rules' readings and adds what the parse offers beyond them, outside
    `boilerplate` (a site's "you agree to our terms" attributes nothing)."""
    finder = QuoteFinder(doc, entities, timexes, stories)
    direct = finder.direct_quotes()
    indirect = finder.indirect_quotes(direct)
    found = finder.fold_outlet_frames(direct + indirect)
    groups = finder.by_paragraph(found)
    found = [a for a in found
             if not finder.nested(a, groups[finder.paragraph_of(a.content.start).start])]
    for att in found:
        if att.source is None and att.speaker_text is None and att.cue is not None:
            finder.holder_as_speaker(att, att.cue)
    if model is not None:
        found = finder.judged(found, model, boilerplate or [])
    found = finder.join_pieces(found)
    continue_frames(sorted(found, key=lambda a: a.content))
    return finder.finish(found, publisher_of)
