"""Pass 2: reported speech without quote marks: speech verbs with what they govern ("announced
that …", "urged allies to act", "accused X of Y"), beliefs and intentions ("plans to", "is of
the opinion that"), "according to X" and unsourced passives; then the frames the parser misses
(frames.py) and transcript and headline labels (labels.py)."""

from __future__ import annotations

import re

from spacy.tokens import Token

from newstrace.extract.attribution.clauses import clause_span, intended, said_object
from newstrace.extract.attribution.frames import (
    closing_frame,
    medial_frame,
    that_clause_fallback,
)
from newstrace.extract.attribution.index import DocumentIndex
from newstrace.extract.attribution.labels import SPEAKER_LABEL, speaker_label
from newstrace.extract.attribution.quotemarks import strip_content
from newstrace.extract.attribution.reading import Attribution
from newstrace.extract.attribution.relays import without_trailing_frames
from newstrace.extract.attribution.speakers import (
    date_near,
    medium_of,
    speaker_from_token,
    subject_of,
    subject_outlets,
    title_before,
)
from newstrace.extract.lexicon import (
    ATTITUDE_LEMMAS,
    BELIEF_NOUNS,
    FACT_NOUNS,
    FINDING_NOUNS,
    INTENT_LEMMAS,
    NAMING_LEMMAS,
    NP_SPEECH_LEMMAS,
    SOURCE_NOUNS,
    SPEECH_LEMMAS,
    SPEECH_NOUNS,
    UNSOURCED_LEMMAS,
    speech_lemma_of,
)
from newstrace.models import Span

# Where the words were said, closing the reported clause: ", in an interview with Le Monde".
MEDIUM_FRAME = re.compile(
    r",?\s+(?:in|during)\s+(?:an?|the|his|her|their)\s+(?:\w+\s+)?(?:interview|statement|post|"
    r"op-ed|article|speech|address|letter|video|broadcast|column|briefing)\b[^.;]*$"
)
# A colon or semicolon that ends a phrase (not the colon of "10:30" or of a web address).
LEAD_IN = re.compile(r"[:;]\s")
# A clause's dependents that are clauses of their own ("…, although …", "… and …").
OTHER_CLAUSES = {"advcl", "conj", "cc", "parataxis", "punct", "mark", "relcl"}
# Verbs whose complement or object is what someone said, holds or intends.
VOICE_LEMMAS = frozenset(SPEECH_LEMMAS | ATTITUDE_LEMMAS | INTENT_LEMMAS | set(NP_SPEECH_LEMMAS)
                         | NAMING_LEMMAS)


def indirect_quotes(index: DocumentIndex, direct: list[Attribution]) -> list[Attribution]:
    """Reported speech without quote marks. A reported clause that runs into a quote
    introduced by the same verb ("told Nikkei that if …, “it will …”") absorbs it as one
    mixed attribution; `direct` loses the quotes so absorbed."""
    found: list[Attribution] = []
    doc, words = index.doc, index.tokens
    pos, lower = words.pos, words.lower
    for i in range(len(doc)):
        # What none of the three frames can start at: not a verb, "according" or "in".
        if pos[i] not in ("VERB", "AUX") and lower[i] not in ("according", "in"):
            continue
        att = indirect_from_verb(index, i) or according_to(index, i) or finding_cited(index, i)
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
        after = index.text[same_frame[-1].content.end:att.content.end] if same_frame else ""
        if same_frame and (
                re.search(r"\w", index.text[att.content.start:same_frame[0].content.start]) or
                same_frame[-1].kind == "direct" and re.match(r"[^\w,;:]*\w", after)):
            for quote in same_frame:
                # The clause takes the quote whole, its closing mark included.
                end = quote.content.end
                closing = re.match(r"[,.!?]?[”“\"»’']", index.text[end:end + 2])
                end += closing.end() if closing else 0
                att.content = Span(att.content.start, max(att.content.end, end))
                direct.remove(quote)
            att.kind = "mixed"
        if not any(crosses_quote(att, d) for d in direct):
            found.append(att)

    # Only a verb with a noun of belief (or "the fact") below it, as its object or its
    # preposition's, can frame one: those verbs are found from the nouns, not by reading
    # every word's children.
    head = words.head
    governors = {governor for noun, lemma in enumerate(words.lemma)
                 if lemma in BELIEF_NOUNS or lemma in FACT_NOUNS
                 for governor in (head[noun], head[head[noun]])}
    beliefs = [noun_clause_frame(index, doc[i]) for i in sorted(governors)]
    add_unless_crossing(index, found, beliefs, direct)
    used_cues = {a.cue.i for a in found + direct if a.cue is not None}
    # Fallbacks for what the parser loses, each read only from a speech verb.
    starts, ends = words.starts, words.ends
    fallbacks = [closing_frame(index, Span(starts[start], ends[end - 1]))
                 for start, end in words.sentences]
    cues = [doc[i] for i, lemma in enumerate(words.lemma)
            if lemma in SPEECH_LEMMAS and words.pos[i] == "VERB" and i not in used_cues]
    fallbacks += [that_clause_fallback(index, t) for t in cues]
    fallbacks += [medial_frame(index, t) for t in cues]
    fallbacks += [speaker_label(index, match) for match in SPEAKER_LABEL.finditer(index.text)]
    add_unless_crossing(index, found, fallbacks, direct)
    return found


def indirect_from_verb(index: DocumentIndex, word: int) -> Attribution | None:
    words = index.tokens
    if words.pos[word] not in ("VERB", "AUX") or words.lemma[word] not in VOICE_LEMMAS and \
            not any(words.dep[c] == "dobj" and words.lemma[c] in SPEECH_NOUNS
                    for c in words.spacy_children(word)):
        return None
    verb = index.doc[word]
    # The parser sometimes hangs a name ("told … LSM") or a frame as a second ccomp: the
    # reported clause is the one headed by a verb.
    # One after the verb is the usual order ("said it was alarming"); one before it is a
    # closing frame ("…, AFP specified") unless the parser only joined two clauses.
    complements = sorted((c for c in verb.children if c.dep_ == "ccomp"),
                         key=lambda c: (c.pos_ not in ("VERB", "AUX"), c.i < verb.i))
    complement = complements[0] if complements else None
    passive_report = unsourced(index, verb, complement)
    if passive_report is not None:
        return passive_report
    if complement is None:
        if sets_topic(index, word):
            return None
        said = intended(index, verb) or said_object(index, verb)
        subject = subject_of(index, verb)
        if said is None or subject is None or cites_a_source(index, verb):
            return None
        att = Attribution(said, "indirect", verb)
        speaker_from_token(index, subject, att)
        return att
    content = clause_span(index, complement)
    if content is None:
        return None
    sentence = verb.sent
    subject = subject_of(index, verb)
    if complement.i < verb.i and subject is None:
        return None  # the parser put the closing frame's subject inside: closing_frame reads it
    title = None  # of a closing frame's subject, when the parser left it in the clause
    if complement.i < verb.i:
        # "…, AFP specified.": the frame closes the sentence and all before it is reported.
        complement_end = max(t.i for t in complement.subtree)
        frame_start = min((t.idx for t in verb.subtree
                           if t.i > complement_end and not t.is_punct), default=verb.idx)
        title = title_before(frame_start, sentence)
        frame_start = title.start if title else frame_start
        content = strip_content(index.text, Span(sentence.start_char, frame_start))
    content = without_trailing_frames(index, index.within_paragraph(content, verb.idx))
    content, medium = without_medium_frame(index, content)
    att = Attribution(content, "indirect", verb, medium=medium)
    if subject is not None:
        speaker_from_token(index, subject, att)
        if title is not None and att.source is not None and title.end <= att.source.start:
            att.source = Span(title.start, att.source.end)
    medium_of(index, verb, att)
    att.date = date_near(index, verb, content)
    att.relays = subject_outlets(index, subject) if subject is not None else []
    return att


def sets_topic(index: DocumentIndex, word: int) -> bool:
    """"Commenting on the ruling, the minister said …": a participle before the speech verb
    it hangs on (or a preposition on it: "Speaking about the crash") sets the topic of that
    statement and says nothing of its own."""
    table = index.tokens
    if table.dep[word] == "prep":
        word = table.head[word]
    head = table.head[word]
    # (not "since he was talking about …", a clause with a subject of its own)
    return table.tag[word] == "VBG" and table.dep[word] == "advcl" and word < head and \
        table.lemma[head] in SPEECH_LEMMAS and \
        not any(table.dep[c] in ("nsubj", "aux") for c in table.children[word])


def unsourced(index: DocumentIndex, verb: Token, complement: Token | None) -> Attribution | None:
    """"It was reported that …", "the talks are expected to resume", "he was accused of
    …": a passive report with nobody named as its source. Kept with no speaker."""
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    # "…, according to analysts" names the source (`according_to` reads it).
    if passive is None or any(c.dep_ == "agent" or c.lower_ == "according"
                              for c in verb.children) or verb.lemma_ not in UNSOURCED_LEMMAS:
        return None
    if passive.lower_ == "it" and complement is not None:
        content = clause_span(index, complement)
    else:
        # The whole clause is the claim: "peacekeepers have been accused of abuses".
        words = [t for t in verb.subtree if t.dep_ not in ("punct", "cc", "conj")
                 or t.head.i != verb.i]
        content = index.token_span(words) if len(words) >= 3 else None
    if content is None:
        return None
    att = Attribution(index.within_paragraph(content, verb.idx), "indirect", verb)
    # "…, Prince Saud has been reported as saying": the one reported is the speaker.
    if any(c.dep_ == "prep" and c.lower_ == "as" and
           any(g.lemma_ in SPEECH_LEMMAS for g in c.children) for c in verb.children):
        speaker_from_token(index, passive, att)
    return att


def cites_a_source(index: DocumentIndex, verb: Token) -> bool:
    """"…, TASS reports, citing Polish Radio", "citing Lithuanian media": an outlet cited is
    where the words came from (a relay, read in relays.py), not what was said ("cited
    Alphabet as the likely buyer" is)."""
    if verb.lemma_ != "cite":
        return False
    cited = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if cited is None:
        return False
    mention = index.mention_of(cited)
    return cited.lemma_.lower() in SOURCE_NOUNS or (
        mention is not None and index.entity_type(mention.entity_id) == "OUTLET")


def according_to(index: DocumentIndex, word: int) -> Attribution | None:
    lower = index.tokens.lower
    if lower[word] != "according" or word + 1 >= len(lower) or lower[word + 1] != "to":
        return None
    token = index.doc[word]
    sentence = token.sent
    to = index.doc[token.i + 1]
    # "according to the NYPD": the source is the object of "to", with its modifiers.
    head = next((c for c in to.children if c.dep_ == "pobj"),
                index.doc[min(token.i + 2, len(index.doc) - 1)])
    source_tokens = sorted(head.subtree, key=lambda t: t.i)
    source_end = source_tokens[-1].idx + len(source_tokens[-1].text)
    comma = next((t for t in reversed(source_tokens) if t.text == ","), None)
    if comma is not None and source_end >= sentence.end_char - 1:
        # "According to Tom Baker(, a host), the move reeks of …" parsed as one noun phrase
        # ("reeks" an appositive noun): the source ends at its last comma.
        source_end = comma.idx
    rest = index.text[source_end:sentence.end_char]
    lead = len(rest) - len(rest.lstrip(" ,"))
    content_span = strip_content(index.text, Span(source_end + lead, sentence.end_char))
    # "X did Y, according to Z, and said …", "…, according to Z, despite …": the clause
    # before is what Z reports; what follows goes on with it or qualifies it.
    continues = re.match(r"(?:and|but|who|which|where|when|whose|despite|although|though|"
                         r"while|whereas|with|after|before|because|since|amid)\b",
                         content_span.text(index.text))
    if content_span.end - content_span.start < 10 or (continues and token.idx -
                                                        sentence.start_char > 20):
        # "…, according to X." at the end: the content is what comes before.
        # After a colon or semicolon that ends a phrase only: "…: London was the capital,
        # according to X" (not the colon of "10:30" or a web address).
        lead_ins = [m.end() for m in LEAD_IN.finditer(index.text, sentence.start_char,
                                                      token.idx)]
        content_span = strip_content(index.text, Span(
            lead_ins[-1] if lead_ins else sentence.start_char, token.idx))
    end = content_span.end
    while end > content_span.start and index.text[end - 1] in ".":
        end -= 1
    att = Attribution(Span(content_span.start, end), "indirect", token)
    speaker_from_token(index, head, att)
    return att


def finding_cited(index: DocumentIndex, word: int) -> Attribution | None:
    """"In a new poll, Clinton leads by five points", "…, Trump fell to third in the latest
    survey": the poll, study or report a clause is set in is the source of what it says
    (unless its verb reports it: "in a report, the agency said …" is the verb's)."""
    table = index.tokens
    head = table.head[word]
    if table.lower[word] != "in" or table.dep[word] != "prep" or \
            table.pos[head] not in ("VERB", "AUX") or table.lemma[head] in VOICE_LEMMAS:
        return None
    token = index.doc[word]
    noun = next((c for c in token.children if c.dep_ == "pobj"), None)
    verb = token.head
    # A clause of its own: not one describing a noun or another clause ("…, where X leads in
    # polls", "voters given the choice in a poll"), nor a verb with a reported clause of its
    # own ("in the poll, most accepted that …" is the verb's).
    if noun is None or noun.lemma_.lower() not in FINDING_NOUNS or \
            verb.dep_ in ("relcl", "acl") or \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) or \
            any(c.dep_ in ("ccomp", "mark") or c.lower_ in ("where", "when", "how", "why")
                for c in verb.children) or verb.tag_ in ("VBG", "VBN") and \
            not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return None
    # The clause without the phrase or another clause joined to it ("…, although …"), and
    # without what its commas set off before the subject ("By Jan. 18, …") or after the verb.
    subject = next(c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))
    commas = [c.i for c in verb.children if c.text == ","]
    first = max((i for i in commas if i < subject.left_edge.i), default=-1)
    last = min((i for i in commas if i > verb.i), default=len(index.doc))
    phrase = {t.i for c in verb.children if c.i == token.i or c.dep_ in OTHER_CLAUSES
              for t in c.subtree}
    words = [t for t in verb.subtree if first < t.i < last and t.i not in phrase
             and not t.is_space]
    parts = [strip_content(index.text, index.token_span(side)) for side in (
        [t for t in words if t.i < token.i], [t for t in words if t.i > token.i]) if side]
    parts = [p for p in parts if p.end - p.start >= 3]
    if not parts or sum(len(p.text(index.text).split()) for p in parts) < 3:
        return None
    att = Attribution(Span(parts[0].start, parts[-1].end), "indirect", token,
                      parts=parts if len(parts) > 1 else [])
    speaker_from_token(index, noun, att)
    # "the latest poll released Wednesday, a collapse driven by …": the source ends at a comma.
    comma = next((t for t in noun.subtree if t.i > noun.i and t.text == ","), None)
    if att.source is not None and comma is not None and att.source.end > comma.idx:
        att.source = Span(att.source.start, comma.idx)
        att.speaker_text = att.source.text(index.text)
    return att


def without_medium_frame(index: DocumentIndex, content: Span) -> tuple[Span, str | None]:
    """Cut ", in an interview with Le Monde …" off the content; the outlet is the medium."""
    match = MEDIUM_FRAME.search(content.text(index.text))
    if match is None or match.start() < 10:
        return content, None
    frame = Span(content.start + match.start(), content.end)
    medium = next((m.entity_id for m in index.mentions_in(frame) if frame.contains(m.span)
                   and index.entity_type(m.entity_id) == "OUTLET"), None)
    return strip_content(index.text, Span(content.start, frame.start)), medium


def add_unless_crossing(
    index: DocumentIndex, found: list[Attribution], candidates: list[Attribution | None],
    direct: list[Attribution],
) -> None:
    """Add candidates that overlap nothing found, or nest with it: an attribution inside
    another's content is reported speech too ("DPA notes that according to X, …"), and
    fold_outlet_frames turns an outer outlet frame into a relay."""
    groups = index.by_paragraph(direct + found)
    quoted = {id(d) for d in direct}
    for att in candidates:
        if att is None:
            continue
        here = groups.get(index.paragraph_of(att.content.start).start, [])
        spans = [a.content for a in here]
        cues = {a.cue.i for a in here if a.cue is not None}
        if att.cue is not None and att.cue.i in cues:
            continue  # the same frame read twice
        if any(crosses_quote(att, d) for d in here if id(d) in quoted):
            continue  # a quote's own frame read again as reported speech
        if not any(att.content.overlaps(span) and not span.contains(att.content)
                   and not att.content.contains(span) for span in spans) and \
                att.content not in spans:
            found.append(att)
            here.append(att)
            groups[index.paragraph_of(att.content.start).start] = here


def crosses_quote(att: Attribution, quote: Attribution) -> bool:
    """Whether a reading takes a quote's words or its frame's verb: a clause between two
    passages of one quote is the frame's own ("…,” she said, noting that …, “…”), but not
    one running on into "said"."""
    return quote.in_words(att.content) or quote.cue is not None and \
        att.content.start <= quote.cue.idx < att.content.end


def noun_clause_frame(index: DocumentIndex, verb: Token) -> Attribution | None:
    """"is of the opinion that …", "takes the view that …", "draws attention to the fact
    that …": the "that" clause of a noun of belief (or, after a speech verb, of "the fact")
    that is the verb's object or its preposition's is what the verb's subject holds."""
    # "…, and points to the fact that …": the tagger often reads a verb after "and" as a
    # plural noun; one that is a speech verb's form and governs a phrase acts as the verb.
    if verb.pos_ not in ("VERB", "AUX") and not (
            verb.tag_ == "NNS" and verb.dep_ == "conj" and speech_lemma_of(verb.lower_)):
        return None
    nouns = [c for c in verb.children if c.dep_ == "dobj"]
    nouns += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    for noun in nouns:
        if noun.lemma_ not in BELIEF_NOUNS and not (
                noun.lemma_ in FACT_NOUNS and verb.lemma_ in SPEECH_LEMMAS):
            continue
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        subject = subject_of(index, verb)
        content = clause_span(index, clause) if clause is not None else None
        if content is None or subject is None:
            continue
        att = Attribution(index.within_paragraph(content, verb.idx), "indirect", verb)
        speaker_from_token(index, subject, att)
        return att
    return None
