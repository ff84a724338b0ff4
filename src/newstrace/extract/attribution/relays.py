"""Pass 3: outlets that relayed words: an outlet's frame around another attribution ("…, DPA
reported"), an outlet citing or quoting a source, relay phrases ("quoted by DPA and AFP"),
closing outlet frames, outlets quoting a speaker and pollsters; and the medium named in the
setting of the words ("in an interview on ITV's This Morning"), for `speakers.medium_of`."""

from __future__ import annotations

import re

from spacy.tokens import Token

from newstrace.extract.attribution.index import DocumentIndex
from newstrace.extract.attribution.quotemarks import strip_content
from newstrace.extract.attribution.reading import Attribution
from newstrace.extract.lexicon import (
    CLOSING_FRAME_LEMMAS,
    RELAY_LEMMAS,
    SOURCE_NOUNS,
    forms_pattern,
)
from newstrace.models import Mention, Span
from newstrace.resolve.entities import reads_as_outlet
from newstrace.resolve.publishers import BEFORE_TITLE_AFTER_NOUN, CHANNEL_WORDS

# A frame that closes a sentence: ", DPA and AFP reported", ", BTA reports", ", AFP noted",
# ", News.Az reports" (a full stop inside a name), and the outlet it cites: ", TASS reports,
# citing Polish Radio".
TRAILING_FRAME = re.compile(
    r",\s+(?P<who>(?:[^,.;:“”\"«»]|\.(?=\w)){2,80}?)\s+" + forms_pattern(CLOSING_FRAME_LEMMAS) +
    r"\b[^,.;]{0,30}?(?=\s*(?:[,.]|$))"
    r"(?:,\s+(?:citing|quoting)\s+(?P<cited>[^,.;:“”\"«»]{2,80}?)(?=\s*(?:[,.;]|$)))?"
)
# A setting of the words whose preposition names where they were said: "in an interview
# with Le Monde", "during an appearance on CNN", "at a presentation shown on BT", "in an
# email to the Associated Press".
SETTING_PREPOSITIONS = {"in", "during", "at", "on"}
SETTING_NOUNS = {"interview", "appearance", "conversation", "broadcast", "programme",
                 "program", "show", "podcast", "presentation", "briefing", "article",
                 "column", "op-ed", "letter", "post", "message", "video", "chat",
                 "discussion", "documentary", "phone-in", "debate", "conference",
                 "speech", "hearing", "rally", "email", "e-mail", "statement", "tweet",
                 "remarks", "comments", "reply"}
BROADCAST_LEMMAS = {"show", "broadcast", "air", "televise", "stream", "screen"}
# "Speaking to the BBC, she said", "writing on Facebook, he said".
SPEAKING_LEMMAS = {"speak", "talk", "write", "appear", "post"}
# What reports people's answers: the pollster and its client relay them.
POLL_NOUNS = {"poll", "survey", "study", "questionnaire", "census", "opinion-poll"}
# Between an outlet and its programme: "BBC| Radio 4's |Today", "MSNBC|'s “|Morning Joe",
# "BBC| World Service programme |Go Digital".
OWNED_BY = re.compile(CHANNEL_WORDS + r"['’]s\s+[\"“‘]?|" + BEFORE_TITLE_AFTER_NOUN)
# "quoted him as saying": the subject of the verb relays the words it quotes.
QUOTING_LEMMAS = {"quote", "cite"}
# An outlet closing what it relays: "…, according to Reuters."
TRAILING_ACCORDING = re.compile(r",\s+according\s+to\s+(?P<who>[^,.;:“”\"«»]{2,60}?)\s*[.]?$")
RELAY_CUE = re.compile(
    r"\b" + forms_pattern(RELAY_LEMMAS, present=False) + r" (?:by|on|in)\b", re.IGNORECASE
)


def medium_around(index: DocumentIndex, cue: Token, att: Attribution) -> None:
    """Where the words were said, named around the speech verb rather than on it: the
    setting's outlet ("during an interview on ITV's This Morning she said", "in an op-ed for
    The Washington Post", "said at the presentation shown on BT Sport", "in an interview
    published by Le Monde"), or what the speaker was speaking or writing to, on or in
    ("Speaking to the BBC, he said", "Writing in The Times", "X, speaking on Alter
    Television, claimed")."""
    settings = [pobj for child in cue.children if child.dep_ == "prep" and
                child.lower_ in SETTING_PREPOSITIONS
                for pobj in child.children if pobj.dep_ == "pobj" and
                {hyphenated(pobj).lower(), pobj.lemma_.lower()} & SETTING_NOUNS]
    settings += [c for c in cue.children if c.dep_ == "advcl" and c.lemma_ in SPEAKING_LEMMAS]
    # "Kenteris, speaking on Greece's Alter Television, claimed": the speaker's participle.
    settings += [c for subject in cue.children if subject.dep_ == "nsubj"
                 for c in subject.children if c.dep_ == "acl" and c.lemma_ in SPEAKING_LEMMAS]
    for setting in settings:
        # a preposition on the setting, or on a verb hanging on it ("shown on", "published
        # by"), or on what was written ("Writing his message in the Kendal Echo")
        holders = [setting, *(c for c in setting.children if c.dep_ == "acl" or
                              c.dep_ == "dobj" and setting.lemma_ in SPEAKING_LEMMAS)]
        for holder in holders:
            # What a presentation was shown on is a channel, whether or not known as one.
            types = ("OUTLET", "ORG") if holder.lemma_ in BROADCAST_LEMMAS else ("OUTLET",)
            for target in (t for c in holder.children if c.dep_ in ("prep", "agent") and
                           c.lower_ in ("with", "on", "to", "in", "for", "by")
                           for t in c.children if t.dep_ == "pobj"):
                medium = None if att.content.start <= target.idx < att.content.end else \
                    outlet_named_at(index, target, types)
                if medium:
                    att.medium = medium
                    return


def hyphenated(token: Token) -> str:
    """A word with the pieces the tokenizer split off at its hyphens: "op-ed", not "ed"."""
    start = token.i
    while start >= 2 and token.doc[start - 1].text == "-" and \
            not token.doc[start - 2].whitespace_ and not token.doc[start - 1].whitespace_:
        start -= 2
    return token.doc[start:token.i + 1].text


def programme_after(index: DocumentIndex, outlet: Mention) -> str | None:
    """The outlet's programme named right after it, where the words were said rather than
    the outlet: "told BBC Radio 4's Today programme" (however the parser hung it)."""
    for mention in index.mentions_in(Span(outlet.span.end, outlet.span.end + 40)):
        between = index.text[outlet.span.end:mention.span.start]
        if mention.entity_id and mention.origin == "publisher" and \
                index.entity_type(mention.entity_id) == "OUTLET" and OWNED_BY.fullmatch(between):
            return mention.entity_id
    return None


def outlet_named_at(index: DocumentIndex, target: Token,
                    types: tuple[str, ...] = ("OUTLET",)) -> str | None:
    """The outlet a noun names, itself, with its compounds ("BT Sport") or through its
    owner ("ITV's This Morning" when the programme is no outlet of its own). Where words
    were said or written, a name that reads as a paper's or a channel's ("writing in the
    Kendal Echo") is one, whatever the recogniser typed it."""
    near = [target, *(c for c in target.children if c.dep_ in ("compound", "appos"))]
    owners = [c for c in target.children if c.dep_ == "poss"]
    for token in near + owners:
        mention = index.mention_of(token)
        if mention and mention.entity_id and (index.entity_type(mention.entity_id) in (
                types if token in near else ("OUTLET",)) or reads_as_outlet(mention.text)):
            return mention.entity_id
    return None


def fold_outlet_frames(index: DocumentIndex, found: list[Attribution]) -> list[Attribution]:
    """An outlet's "reported" around another attribution is a relay of it, not a quote; so
    is an outlet's report citing or quoting a source, whose words they are."""
    kept = []
    groups = index.by_paragraph(found)
    for att in found:
        if index.entity_type(att.speaker) == "OUTLET":
            speak_for_cited(index, att)
        here = groups[index.paragraph_of(att.content.start).start]
        inner = [o for o in here if o is not att and o.content.overlaps(att.content)
                 and o.cue is not None and att.content.contains(index.token_span([o.cue]))]
        if inner and index.entity_type(att.speaker) == "OUTLET":
            for other in inner:
                for relay in [att.speaker, *att.relays]:
                    if relay and relay not in other.relays and relay != other.speaker:
                        other.relays.append(relay)
            continue
        kept.append(att)
    return kept


def speak_for_cited(index: DocumentIndex, att: Attribution) -> None:
    """"…, the Post reported, quoting an anonymous official", "…, Ukrinform reports, citing
    governor Oleh Hryhorov": the source cited is the speaker and the outlet relays the
    words. An outlet cited ("citing Polish Radio", "citing local media") is a relay of the
    outlet's own report instead (`trailing_outlets`)."""
    if att.cue is None or att.speaker is None:
        return
    citing = [c for c in att.cue.children if c.dep_ in ("advcl", "xcomp", "conj") and
              c.lemma_ in QUOTING_LEMMAS and c.tag_ == "VBG"]
    cited = [d for c in citing for d in c.children if d.dep_ == "dobj"]
    if not cited or cited[0].lemma_.lower() in SOURCE_NOUNS:
        return
    source = cited[0]
    mention = index.mention_of(source)
    named = mention.entity_id if mention and mention.entity_id else None
    if named and index.entity_type(named) == "OUTLET":
        return
    att.relays.insert(0, att.speaker)
    att.source = index.token_span(sorted(source.subtree, key=lambda t: t.i))
    att.speaker = named
    att.speaker_text = mention.text if mention and named else att.source.text(index.text)
    att.speaker_how = "named" if named else "unnamed"


def paragraph_relays(index: DocumentIndex, att: Attribution) -> list[str]:
    """Outlets after "quoted by", "distributed by", "as quoted on" in the quote's paragraph,
    outlet frames that close the paragraph (", AFP noted."), an outlet quoting the speaker
    and the pollster whose survey the answers come from."""
    paragraph = index.paragraph_of(att.content.start)
    relays: list[str] = quoting_outlets(index, att) + pollsters(index, att)
    for cue_start, cue_end in relay_cues(index, paragraph):
        if not relays_paragraph(index, att, cue_start):
            continue
        start = cue_end
        window = Span(start, min(start + 80, paragraph.end))
        stop = re.search(r"[.;]\s|\.$", window.text(index.text))
        window = Span(start, start + stop.start()) if stop else window
        for mention in index.mentions_in(window):
            if window.contains(mention.span) and mention.entity_id and \
                    index.entity_type(mention.entity_id) in ("OUTLET", "ORG"):
                relays.append(mention.entity_id)
    sentence_end = index.text.find(". ", att.content.end)
    sentence_end = paragraph.end if sentence_end < 0 else min(sentence_end + 1, paragraph.end)
    last_sentence_start = max(paragraph.start, index.text.rfind(". ", paragraph.start,
                                                               paragraph.end - 2) + 1)
    for region in (Span(att.content.end, sentence_end),
                   Span(max(last_sentence_start, att.content.end), paragraph.end)):
        relays += trailing_outlets(index, region)
    return relays


def relay_cues(index: DocumentIndex, paragraph: Span) -> list[tuple[int, int]]:
    """Where the relay phrases of a paragraph start and end in the text, found once a
    paragraph: each of its attributions asks, twice."""
    key = (paragraph.start, paragraph.end)
    found = index.relay_cues.get(key)
    if found is None:
        found = index.relay_cues[key] = [
            (paragraph.start + match.start(), paragraph.start + match.end())
            for match in RELAY_CUE.finditer(paragraph.text(index.text))]
    return found


def relays_paragraph(index: DocumentIndex, att: Attribution, position: int) -> bool:
    """Whether the relay phrase at ``position`` relays ``att``. A free phrase (", quoted by
    DPA", "was quoted by Ukrinform", "as quoted on her website") relays the whole paragraph;
    one hanging on a noun ("an official cited by the Global Times", "comments carried by
    KCNA") relays only the statements of its own sentence."""
    participle = token_at(index, position)
    if participle is None or participle.dep_ != "acl" or participle.i == 0 or \
            participle.nbor(-1).is_punct:
        return True
    anchor = att.cue if att.cue is not None else token_at(index, att.content.start)
    return anchor is None or anchor.sent.start_char <= position < anchor.sent.end_char


def token_at(index: DocumentIndex, position: int) -> Token | None:
    found = index.doc.char_span(position, position + 1, alignment_mode="expand")
    return found[0] if found is not None and len(found) else None


def quoting_outlets(index: DocumentIndex, att: Attribution) -> list[str]:
    """The outlet (or a body the parser could not tell from one) that quotes the speaker:
    "Arab News quoted Prince Saud as saying …"."""
    verb = att.cue
    for _ in range(3):  # saying <- as <- quoted
        if verb is None or verb.lemma_ in QUOTING_LEMMAS or verb.head.i == verb.i:
            break
        verb = verb.head if verb.dep_ in ("pcomp", "prep", "xcomp", "advcl") else None
    if verb is None or verb is att.cue or verb.lemma_ not in QUOTING_LEMMAS:
        return []
    found = []
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        mention = index.mention_of(subject)
        entity_id = mention.entity_id if mention else named_again(index, subject)
        if entity_id and entity_id != att.speaker and \
                index.entity_type(entity_id) in ("OUTLET", "ORG"):
            found.append(entity_id)
    return found


def pollsters(index: DocumentIndex, att: Attribution) -> list[str]:
    """Who asked the people whose answers are reported, then whom for: "In a survey carried
    out by ICM, 14% said …", "In a YouGov poll for The Times, half said …"."""
    if att.cue is None:
        return []
    polls = [p for c in att.cue.children if c.dep_ == "prep" and c.lower_ in ("in", "from")
             for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in POLL_NOUNS]
    found = []
    for poll in polls:
        holders = [poll, *(c for c in poll.children if c.dep_ == "acl")]
        named = [c for c in poll.children if c.dep_ == "compound"]
        named += [t for h in holders for c in h.children if c.dep_ in ("prep", "agent") and
                  c.lower_ == "by" for t in c.children if t.dep_ == "pobj"]
        named += [t for h in holders for c in h.children if c.dep_ == "prep" and
                  c.lower_ == "for" for t in c.children if t.dep_ == "pobj"]
        for token in named:
            mention = index.mention_of(token)
            if mention and mention.entity_id and mention.entity_id not in found and \
                    index.entity_type(mention.entity_id) in ("OUTLET", "ORG"):
                found.append(mention.entity_id)
    return found


def named_again(index: DocumentIndex, head: Token) -> str | None:
    """The entity a name the recogniser missed this time was found as elsewhere, written the
    same way ("Arab News" a second time)."""
    words = [t for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [head]
    if head.pos_ != "PROPN":
        return None
    name = index.text[words[0].idx:head.idx + len(head.text)]
    return next((m.entity_id for m in index.mentions if m.text == name and m.entity_id), None)


def trailing_outlets(index: DocumentIndex, region: Span) -> list[str]:
    """Outlets of the frames that close a sentence, nearest the content first: the outlet
    one cites before the one citing it."""
    found = []
    for match in TRAILING_FRAME.finditer(region.text(index.text)):
        who = outlets_in(index, Span(region.start + match.start("who"),
                                     region.start + match.end("who")))
        if who and match.group("cited"):
            found += outlets_in(index, Span(region.start + match.start("cited"),
                                            region.start + match.end("cited")))
        found += who
    return found


def outlets_in(index: DocumentIndex, span: Span) -> list[str]:
    return [m.entity_id for m in index.mentions_in(span)
            if span.contains(m.span) and m.entity_id and
            index.entity_type(m.entity_id) == "OUTLET"]


def without_trailing_frames(index: DocumentIndex, content: Span) -> Span:
    """Cut ", DPA and AFP reported, BTA reports" or ", according to Reuters" off content the
    parser ran into them."""
    for pattern in (TRAILING_FRAME, TRAILING_ACCORDING):
        for match in pattern.finditer(content.text(index.text)):
            who = Span(content.start + match.start("who"), content.start + match.end("who"))
            if pattern is TRAILING_FRAME and any(who.contains(m.span)
                                                 for m in index.mentions_in(who)) or \
                    outlets_in(index, who):
                return strip_content(index.text,
                                     Span(content.start, content.start + match.start()))
    return content
