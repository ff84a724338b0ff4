"""Pieces of one statement read apart, joined: quotes sharing a frame, readings of one cue in
one sentence, continuations ("…," he added) and statements nested in another's words."""

from __future__ import annotations

import re

from spacy.tokens import Token

from newstrace.annotate.sentences import SENTENCE_END
from newstrace.extract.attribution.clauses import with_continuing_clause
from newstrace.extract.attribution.index import DocumentIndex
from newstrace.extract.attribution.quotemarks import DOUBLE_MARKS
from newstrace.extract.attribution.reading import Attribution
from newstrace.extract.attribution.relays import without_trailing_frames
from newstrace.extract.attribution.speakers import speaker_from_token
from newstrace.extract.lexicon import DOCUMENT_NOUNS, word_classes
from newstrace.models import Span
from newstrace.resolve.roles import NOUN_SEXES, SPOKESPERSONS


def share_frames(index: DocumentIndex, found: list[Attribution]) -> list[Attribution]:
    """A quote with no frame of its own, or one sharing the frame that interrupts it,
    continues the one before it: in the same paragraph it is another passage of the same
    attribution ("…," he said. "…" and "…," he said, "…"), as it is in the next one when
    the quote before ran to its paragraph's end; otherwise the next paragraph's is a new
    attribution by the same speaker."""
    kept: list[Attribution] = []
    for att in found:
        previous = kept[-1] if kept else None
        if previous is None or not (interrupts(index, previous, att) or
                                    goes_on_unframed(index, previous, att)):
            kept.append(att)
        elif previous.kind == att.kind == "direct" and (
                runs_on(index, previous, att) or index.paragraph_of(att.content.start) ==
                index.paragraph_of(previous.content.start)):
            previous.parts = (previous.parts or [previous.content]) + [att.content]
            previous.content = Span(previous.content.start, att.content.end)
        else:
            inherit(att, previous)
            kept.append(att)
    return kept


def goes_on_unframed(index: DocumentIndex, previous: Attribution, att: Attribution) -> bool:
    """Whether a quote with no frame of its own is near enough after a speaker's
    attribution, no other quotation between, to go on with it."""
    return att.cue is None and att.source is None and previous.speaker_text is not None \
        and 0 <= att.content.start - previous.content.end < CONTINUATION_GAP \
        and no_quote_between(index, previous, att)


def inherit(att: Attribution, previous: Attribution) -> None:
    """Give an attribution the speaker, frame, medium and date of the one it goes on with."""
    att.speaker, att.speaker_text = previous.speaker, previous.speaker_text
    att.source, att.medium, att.date = previous.source, previous.medium, previous.date
    att.cue, att.speaker_how = previous.cue, "inherited"


def unframed_going_on(index: DocumentIndex, found: list[Attribution]) -> None:
    """A quotation with no frame that no earlier quote took up (its opening passage read as
    another kind of statement, a picture's caption pasted between: "…: "It's unbelievable.
    … Fans celebrate (Getty) "Every guy on this team …"") goes on with the attribution before
    it (`found` in the text's order), as `share_frames` has direct quotes do: only a
    quotation that is its own sentences (a label before it, "Coach X: "…"", or a frame after
    it, ""…," said X", is a frame the passes did not read), after a quotation or a speaker
    found (not a stance no one is named for: "Many might think …")."""
    for previous, att in zip(found, found[1:], strict=False):
        if att.kind == "direct" and att.speaker_text is None and \
                goes_on_unframed(index, previous, att) and \
                (previous.kind != "indirect" or previous.speaker is not None) and \
                own_sentences(index, att.content):
            inherit(att, previous)


# Words of a quotation that speak for the one quoted ("we put in", "our schools").
FIRST_PERSON = re.compile(r"\b(?:I|me|my|we|us|our)\b", re.IGNORECASE)
# Fewer words than this without a first person may be a title or a phrase in marks.
UNFRAMED_WORDS = 8


def after_its_subject(index: DocumentIndex, found: list[Attribution]) -> None:
    """A quotation with no frame and no speaker found, right after a sentence whose subject
    is a person ("Mr Ferro has taken the idea to two schools in Peru. "We gave 40 laptops
    …""), is that person's: a report frames each new voice, and only the one it was just
    about speaks unannounced. Not a short phrase in marks that speaks for no one."""
    for att in found:
        if att.kind != "direct" or att.speaker_text is not None or att.cue is not None:
            continue
        words = att.content.text(index.text)
        if len(words.split()) < UNFRAMED_WORDS and not FIRST_PERSON.search(words):
            continue
        opening = index.first_word(att.content.start, att.content.end)
        last = opening.i - 1 if opening is not None else -1
        while last >= 0 and (index.doc[last].is_space or index.doc[last].is_quote):
            last -= 1
        if last < 0:
            continue
        # The sentence right before it (nothing between but the opening mark), with no one
        # else's statement in it ("He plans to ship them by May. "…"" is his).
        before = index.doc[last].sent
        if index.text[before.end_char:att.content.start].strip(DOUBLE_MARKS + "'‘ \n"):
            continue
        subject = next((c for c in before.root.children if c.dep_ == "nsubj"), None)
        if subject is None:
            continue
        trial = Attribution(att.content, att.kind, None)
        speaker_from_token(index, subject, trial)
        if trial.speaker is not None and index.entity_type(trial.speaker) == "PERSON" and \
                all(a.speaker in (None, trial.speaker) for a in found
                    if a.content.overlaps(Span(before.start_char, before.end_char))):
            att.speaker, att.speaker_text, att.source = \
                trial.speaker, trial.speaker_text, trial.source
            att.speaker_how = "inherited"


def own_sentences(index: DocumentIndex, content: Span) -> bool:
    """Whether quoted words end their sentence and follow no label's colon."""
    before = index.text[max(0, content.start - LABEL_CHARS):content.start]
    return bool(re.search(r"[.!?]\W*$", content.text(index.text))) and \
        not before.rstrip(DOUBLE_MARKS + " ").endswith(":")


def no_quote_between(index: DocumentIndex, previous: Attribution, att: Attribution) -> bool:
    """Whether no other quotation stands between a quote and the one before it in a page run
    together on one line ("…," he said. "…": no quote mark but the passages' own). Such a
    page is one paragraph of the whole story, where another's quotation may come between; in
    a story with its paragraphs, the words between are the speaker's frame and phrases."""
    paragraph = index.paragraph_of(att.content.start)
    if paragraph.end - paragraph.start < RUN_TOGETHER_CHARS:
        return True
    gap = index.text[previous.content.end:att.content.start]
    inside = gap.strip(DOUBLE_MARKS + ",.;:!? \n")
    return not any(mark in inside for mark in DOUBLE_MARKS)


def runs_on(index: DocumentIndex, previous: Attribution, att: Attribution) -> bool:
    """A quote that ends its paragraph with nothing after it but a mark, taken up by a
    quote opening the next paragraph: one quotation over two paragraphs."""
    between = index.text[previous.content.end:att.content.start]
    return "\n" in between and not re.search(r"\w", between)


def interrupts(index: DocumentIndex, previous: Attribution, att: Attribution) -> bool:
    """"“…,” Scott said, “…”": one quote broken by its frame, which both passages read
    as theirs. Not when the first passage ends a sentence, nor when the words between
    say more than the frame ("…,” she sang before asking him, “…”)."""
    if att.cue is None or previous.cue is None or att.cue.i != previous.cue.i or \
            not previous.kind == att.kind == "direct":
        return False
    if not re.match(r"[”“\"’»']?\s*[,—–]", index.text[previous.content.end:]):
        return False
    between = list(index.doc.char_span(previous.content.end, att.content.start,
                                      alignment_mode="contract") or [])
    # A participle hung on the frame's verb says how it was said ("…,” he said, pointing
    # at the map, “…”); one after "before" or "then" starts another act.
    return not any(t.pos_ == "VERB" and t.i != att.cue.i and not (
        t.tag_ == "VBG" and t.dep_ == "advcl" and t.head.i == att.cue.i) for t in between)


def nested(index: DocumentIndex, att: Attribution, found: list[Attribution]) -> bool:
    """A statement, wish or belief inside someone's reported words ("he said they plan to
    …", "“I can assure you that …”") is part of what was said, not an attribution of its
    own. (An outlet's frame around a statement was already folded into its relays.)"""
    if att.cue is None:
        return False
    cue = index.token_span([att.cue])
    return any(other is not att and any(passage.contains(cue) for passage in other.passages())
               for other in found)


def join_pieces(index: DocumentIndex, found: list[Attribution]) -> list[Attribution]:
    """Readings of one cue that follow each other in one sentence, the cue outside them
    ("she wanted to speak “to all voters” and let them know that “we are one”", "called the
    plan “rushed” and “unfair”"): one statement read in pieces, given whole."""
    kept: list[Attribution] = []
    last_of_cue: dict[int, Attribution] = {}
    for att in sorted(found, key=lambda a: a.content):
        previous = last_of_cue.get(att.cue.i) if att.cue is not None else None
        if previous is not None and att.cue is not None and kept[-1] is previous and \
                one_statement(index, previous, att, att.cue.idx):
            gap = index.text[previous.content.end:att.content.start]
            previous.kind = "indirect" if previous.kind == att.kind == "indirect" else \
                "direct" if previous.kind == att.kind == "direct" and \
                not re.search(r"\w", gap) else "mixed"
            previous.content = with_paired_marks(index,
                Span(previous.content.start, att.content.end))
            if att.probability is not None:
                previous.probability = max(previous.probability or 0.0, att.probability)
            previous.relays += [r for r in att.relays if r not in previous.relays]
            continue
        if att.cue is not None:
            last_of_cue[att.cue.i] = att
        kept.append(att)
    return kept


def one_statement(index: DocumentIndex, previous: Attribution, att: Attribution, cue: int) -> bool:
    """Whether two readings of the cue at `cue` are pieces of one statement: in one
    sentence and paragraph, neither broken by its frame, the cue before or after both."""
    gap = Span(previous.content.end, att.content.start)
    return not previous.parts and not att.parts and \
        not previous.content.start <= cue < att.content.end and \
        "\n" not in gap.text(index.text) and \
        SENTENCE_END.search(index.text, gap.start, gap.end) is None and \
        not re.search(r"[.!?][\"”’']\s", gap.text(index.text))


def with_paired_marks(index: DocumentIndex, span: Span) -> Span:
    """A span whose quote marks pair up: an odd number inside (single ones are too often
    apostrophes to count) means one of the pair was trimmed off an edge; a span that starts
    and ends inside marks (“rushed” and “unfair”) keeps the outer two."""
    text, start, end = index.text, span.start, span.end
    inside = sum(text[start:end].count(m) for m in DOUBLE_MARKS)
    before = start > 0 and text[start - 1] in DOUBLE_MARKS
    after = end < len(text) and text[end] in DOUBLE_MARKS
    if inside % 2:
        return Span(start, end + 1) if after else Span(start - 1, end) if before else span
    return Span(start - 1, end + 1) if inside and before and after else span


def as_content(index: DocumentIndex, span: Span, cue: Token | None = None) -> Span:
    """A candidate's span (edges trimmed as the scorer trims them) as content: with the
    clause that continues it (", while …"), without a closing outlet frame (", DPA
    reported"), a leading "that" or a conjunction ending it, its quote marks paired."""
    text = index.text
    span = without_trailing_frames(index, with_continuing_clause(index, span, cue))
    start, end = span.start, span.end
    lead = re.match(r"that\s+", text[start:end], re.IGNORECASE)
    if lead and lead.end() < end - start:
        start += lead.end()
    # nor a conjunction whose other half is left out ("… than phones but")
    tail = DANGLING_CONJUNCTION.search(text, start, end)
    if tail and tail.start() > start:
        end = tail.start()
    return with_paired_marks(index, Span(start, end))


DANGLING_CONJUNCTION = re.compile(r",?\s+(?:and|but|or)$")


# Farthest a continuation ("…," he added) may stand from the quote it continues.
CONTINUATION_GAP = 400
# Paragraphs before a story's lead (its headline), how far into a story its lead reaches,
# and how far after a statement its lead describes ("A clergyman has said …") the one it
# describes is named.
LEAD_PARAGRAPHS = 1
LEAD_CHARS = 500
LEAD_REACH = 1500
# Characters read before a quotation for a label's colon ("Coach X: "…"").
LABEL_CHARS = 8
# A paragraph this long is a page whose line breaks were lost, not a paragraph.
RUN_TOGETHER_CHARS = 3000


def continue_frames(found: list[Attribution]) -> None:
    """"he said", "she added", "the spokesman said" right after a quote by the same speaker:
    said through the same medium, on the same day, unless the frame says otherwise."""
    for i, att in enumerate(found):
        going_on = [p for p in found[max(0, i - DESCRIBED_BACK):i]
                    if att.speaker is None and p.speaker is None and described_alike(att, p)]
        if i and att.speaker_how in ("pronoun", "inherited") and \
                att.speaker == found[i - 1].speaker:
            going_on = [found[i - 1]]
        for previous in going_on[-1:]:
            if att.content.start - previous.content.end < CONTINUATION_GAP:
                att.medium = att.medium or previous.medium
                att.date = att.date or previous.date


# How many statements back "the WSIS spokesman said" may go on with the one who told a
# medium ("A spokesman for the World Summit (WSIS) told the BBC …").
DESCRIBED_BACK = 3


def described_alike(att: Attribution, previous: Attribution) -> bool:
    """"the WSIS spokesman said" after "A spokesman for the World Summit (WSIS) told …":
    every word of the later description of a person in the earlier one ("the US network"
    is no person's, and a body's stance has no medium of an interview)."""
    later = re.findall(r"\w+", (att.speaker_text or "").lower())
    earlier = set(re.findall(r"\w+", (previous.speaker_text or "").lower()))
    return len(later) > 1 and set(later) <= earlier and \
        "person" in word_classes(later[-1], "n")


# Farthest "the spokesman" may stand from the statement that described the spokesman.
DESCRIBED_AGAIN_GAP = 1500
# Pronouns that go on with an unnamed speaker, and the sexes they cannot refer to.
PRONOUN_NOT_SEX = {"he": "female", "she": "male"}


def speakers_going_on(index: DocumentIndex, found: list[Attribution]) -> None:
    """An unresolved "She added" right after "A ministry spokeswoman said", or "the
    spokesman said" after "The Vodafone spokesman said": the speaker described before going
    on, not a new one; "a spokesman" no body owns, right after a body's statement, is the
    body's (`found` in the text's order)."""
    for i, att in enumerate(found):
        previous = found[i - 1] if i else None
        pronoun = (att.speaker_text or "").lower()
        if att.speaker is not None and previous is not None and pronoun in PRONOUN_NOT_SEX:
            # "A BPI spokesman said … "…," he said.": a "he" resolved to someone not named
            # since the paragraph of a spokesperson's words goes on with the spokesperson
            # (not so past "the first minister", whom the "he" may well be, nor past "X said
            # he was treated unfairly. A spokesman said … "…," he said", X's paragraph).
            since = index.paragraph_of(min(
                previous.content.start,
                previous.source.start if previous.source else len(index.text))).start
            if source_noun(index, previous) in SPOKESPERSONS and \
                    pronoun_goes_on(index, att, previous, pronoun) and \
                    not named_since(index, att.speaker, since, att.content.start):
                att.speaker, att.speaker_text = previous.speaker, previous.speaker_text
                att.speaker_how = "inherited"
            continue
        if att.speaker is not None or att.speaker_text is None:
            continue
        words = att.speaker_text.lower().split()
        before = None
        if len(words) == 1 and words[0] in PRONOUN_NOT_SEX and previous is not None:
            before = previous if pronoun_goes_on(index, att, previous, words[0]) else None
        elif len(words) == 2 and words[0] == "the":
            before = next((p for p in reversed(found[:i])
                           if described_before(index, att, p, words[1])), None)
            phrase = described_in_text(index, att, words[1]) if before is None else None
            if phrase is not None:
                # "Later the prime minister's spokesman was asked … The spokesman said".
                att.speaker_text, att.speaker_how = phrase, "inherited"
                continue
        if before is not None and before.speaker_text is not None:
            att.speaker, att.speaker_text = before.speaker, before.speaker_text
            att.speaker_how = "inherited"
        elif len(words) == 2 and words[1] in SPOKESPERSONS and previous is not None and \
                index.entity_type(previous.speaker) in BODY_TYPES and \
                0 <= att.content.start - previous.content.end < CONTINUATION_GAP:
            # "British Transport Police confirmed … A spokesman added": the body's.
            att.speaker, att.speaker_how = previous.speaker, "inherited"


def described_in_lead(index: DocumentIndex, found: list[Attribution]) -> None:
    """"A clergyman has said …" opening a story, the clergyman named in the statements after
    it ("The Bishop of Durham, Tom Wright, described …"): a speaker the story's lead describes
    with an indefinite phrase is the next named speaker of its story, when of the kind the
    phrase says (a person for "a clergyman", "a top aide"; a body for "a trade body", and
    for a document that names no owner, "a report", "according to research") and
    named within `LEAD_REACH` characters (`found` in the text's order); past the lead, a
    document's issuer speaking in the very next statement. Not a spokesperson, whom the
    story need not name."""
    for i, att in enumerate(found):
        words = (att.speaker_text or "").lower().split()
        noun = source_noun(index, att)
        # A document whose phrase says no more than what it is ("a new report"; not "a
        # report published by X", whose owner is named).
        document = (noun in DOCUMENT_NOUNS or noun == "research") and words[-1:] == [noun] \
            and len(words) <= 3
        lead = att.source is not None and in_lead(index, att.source.start)
        if att.speaker is not None or att.source is None or \
                not (words[:1] in (["a"], ["an"]) or document and len(words) == 1) or \
                not (lead or document):
            continue
        kinds = word_classes(noun, "n")[:2] if noun and noun not in SPOKESPERSONS else ()
        wanted = {"PERSON"} if kinds[:1] == ("person",) else \
            {"ORG", "OUTLET"} if "group" in kinds or document else set()
        story = index.story_start(att.source.start)
        later = next((p for p in found[i + 1:] if p.speaker is not None and
                      p.speaker_how not in ("pronoun", "inherited") and
                      index.entity_type(p.speaker) in wanted and
                      index.story_start(p.content.start) == story), None)
        # Past the lead, a document's issuer speaks in the very next statement ("…, said a
        # report. Tracking firm X said …").
        if later is not None and (later.content.start - att.content.end < LEAD_REACH if lead
                                  else later is found[i + 1] and
                                  later.content.start - att.content.end < CONTINUATION_GAP):
            att.speaker, att.speaker_how = later.speaker, "inherited"


def in_lead(index: DocumentIndex, position: int) -> bool:
    """Whether a place is in its story's headline or the paragraph after it, near the
    story's start (a page run together on one line is one paragraph)."""
    start = index.story_start(position)
    lines = index.text[start:index.paragraph_of(position).start].split("\n")
    return sum(bool(line.strip()) for line in lines) <= LEAD_PARAGRAPHS and \
        position - start < LEAD_CHARS


def named_since(index: DocumentIndex, entity: str, start: int, end: int) -> bool:
    """Whether an entity is named between two places."""
    return any(m.entity_id == entity and m.origin in ("ner", "gazetteer")
               for m in index.mentions_in(Span(start, end)))


def pronoun_goes_on(index: DocumentIndex, att: Attribution, previous: Attribution,
                    pronoun: str) -> bool:
    """Whether "he" or "she" with no antecedent speaks right after ``previous``, whose
    speaker a singular noun described ("an official", "a ministry spokeswoman") of no sex
    the pronoun rules out."""
    noun = source_noun(index, previous)
    return noun is not None and NOUN_SEXES.get(noun) != PRONOUN_NOT_SEX[pronoun] and \
        (previous.speaker_how == "unnamed" or noun in SPOKESPERSONS) and \
        0 <= att.content.start - previous.content.end < CONTINUATION_GAP


def described_before(index: DocumentIndex, att: Attribution, earlier: Attribution,
                     noun: str) -> bool:
    """Whether "the <noun>" speaking in ``att`` is the speaker ``earlier`` described with
    that noun, not far before."""
    return source_noun(index, earlier) == noun and \
        earlier.source is not None and earlier.source.end <= att.content.start and \
        att.content.start - earlier.content.end < DESCRIBED_AGAIN_GAP


def described_in_text(index: DocumentIndex, att: Attribution, noun: str) -> str | None:
    """The fuller phrase a spokesperson was given earlier in the paragraph ("the prime
    minister's spokesman was asked …" before "The spokesman said"): the noun with the words
    that say whose (a possessor, names, adjectives), when there are such words."""
    if att.source is None or noun not in SPOKESPERSONS:
        return None
    paragraph = index.paragraph_of(att.source.start)
    earlier = [t for t in index.doc.char_span(paragraph.start, att.source.start,
                                              alignment_mode="contract") or []
               if t.lower_ == noun]
    if not earlier:
        return None
    head = earlier[-1]
    whose = [t for t in head.subtree
             if t.i <= head.i and t.dep_ not in ("det", "punct") and t.pos_ != "DET"]
    if len(whose) < 2:
        return None
    return index.token_span(whose).text(index.text)


# The kinds of entity that have spokespeople.
BODY_TYPES = {"ORG", "OUTLET", "GPE"}


def source_noun(index: DocumentIndex, att: Attribution) -> str | None:
    """The noun of an attribution's source phrase, lowercased: its head ("spokeswoman" of
    "A Department for Education spokeswoman", "spokesman" of "a spokesman for the club"),
    else its last word when a common noun's."""
    if att.source is None:
        return None
    # "A spokesman for the club": the phrase's head, before the body it names.
    phrase = index.doc.char_span(att.source.start, att.source.end, alignment_mode="expand")
    words = re.findall(r"[A-Za-z]+", att.source.text(index.text))
    noun = phrase.root.lower_ if phrase is not None and len(phrase) and \
        phrase.root.pos_ == "NOUN" else words[-1] if words and words[-1].islower() else None
    # "witnesses", "officials": many, whom "she" or "the official" does not go on with.
    return None if noun is None or re.search(r"[^s]s$", noun) else noun
