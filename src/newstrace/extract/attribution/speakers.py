"""Who spoke: the subject of a cue word and the whole noun phrase around it (the entity it
stands for from `referents`), an office or document speaking for its owner, the medium the
words were said through and when."""

from __future__ import annotations

import itertools
import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newstrace.extract.attribution.clauses import after_comma
from newstrace.extract.attribution.index import DocumentIndex
from newstrace.extract.attribution.model.features import holder_at
from newstrace.extract.attribution.reading import Attribution
from newstrace.extract.attribution.referents import (
    antecedent,
    company_described,
    entity_named,
    group_before,
    is_pronoun,
    named_by_head,
    office_before,
    owner_of,
    speaks_for_owner,
)
from newstrace.extract.attribution.relays import (
    QUOTING_LEMMAS,
    medium_around,
    programme_after,
)
from newstrace.extract.lexicon import (
    DOCUMENT_NOUNS,
    FILING_NOUNS,
    FILING_VERBS,
    RELATIVE_PRONOUNS,
    SPEECH_LEMMAS,
    speech_lemma_of,
    word_classes,
)
from newstrace.extract.mentions import NAME_STYLES, TITLE_NOUNS, is_word
from newstrace.extract.timexes.values import is_duration
from newstrace.models import Mention, Span

# Subjects of a clause a speaker tells that are the teller ("X told the BBC he hoped …").
SAME_SPEAKER_PRONOUNS = {"he", "she", "i", "we"}
# A title before a name: "Minerals and Energy Minister", "Bank of England Governor".
TITLE_MAX_WORDS = 8
TITLE_JOINERS = {"and", "of", "&", "for", "the"}
SUBJECT_RELATIONS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "agent"}
OBJECT_RELATIONS = {"pobj", "dobj", "poss"}
# Dependents of a source's head that describe it in passing rather than name it.
ASIDE_RELATIONS = {"acl", "advcl"}
# Words that count a group rather than name it: "14% of people", "70 percent".
QUANTITY_WORDS = {"%", "percent", "pct"}
# Modifiers that stand for the noun they modify ("the four-times champion").
MODIFIERS = {"ADJ", "NUM", "DET", "ADV"}
# Letters after a name for an honour, a rank or a seat ("QC", "MP", "OBE").
POST_NOMINAL = re.compile(r"[A-Z]{2,4}")
POST_NOMINALS_AFTER = re.compile(r"^(?:\s+[A-Z]{2,4}\b)+")
# Parts of speech of a name's own title ("Labour MP", "Sir", "former minister").
TITLE_PARTS = {"PROPN", "NOUN", "ADJ"}
# Nouns for those whose words appear in the outlet named with them ("a Foreign Policy
# columnist", "BBC website users") and for what it publishes ("a USA Today analysis").
PUBLISHED_IN = {"columnist", "reporter", "correspondent", "journalist", "writer", "editor",
                "commentator", "contributor", "critic", "blogger", "host", "presenter",
                "anchor", "interviewer", "pundit", "analysis", "poll", "survey", "study",
                "report", "investigation", "review", "editorial", "article", "interview",
                "user", "reader", "viewer", "listener"}
# Possessive pronouns of a person ("her lawyers"), written out as whom they stand for ("their"
# may be a body's or a crowd's).
OWNER_PRONOUNS = {"his", "her"}
# Parts of speech that never head a speaker's phrase (a verb may be a misread name).
NOT_NOMINAL = {"AUX", "ADV", "ADP", "SCONJ", "CCONJ", "PART"}


def speaker_from_token(index: DocumentIndex, token: Token, att: Attribution) -> None:
    """Fill the speaker from the subject token of a speech verb."""
    # "Trump, who said …": the source is the relative pronoun, the speaker whoever the
    # noun its clause describes is.
    clause = token.head
    if token.lower_ in RELATIVE_PRONOUNS and clause.dep_ == "relcl" and \
            clause.head.i != clause.i:
        described = name_described(index, clause.head)
        # "X - a former professor, and an expert on cryptography, who has confirmed …":
        # "who" is a person, not the thing the parser hung it on; the person named last
        # before it in the sentence.
        if token.lower_ == "who" and is_no_one(index, described):
            described = next((t for t in reversed(token.sent[:token.i - token.sent.start])
                              if t.pos_ == "PROPN" and
                              index.entity_type(entity_named(index, t)) == "PERSON"),
                             described)
        speaker_from_token(index, described, att)
        att.source = Span(token.idx, token.idx + len(token.text))
        if att.speaker_how == "unnamed":  # "the mayor", not "the mayor, who"
            att.speaker_text = index.text[clause.head.left_edge.idx:
                                         clause.left_edge.idx].rstrip(" ,")
        return
    # "14% of people aged 18 to 34 said": a count speaks for the group it counts, and one
    # with no group named ("Among the over-65s, 70% said") for the group it is among.
    if is_quantity(token):
        # The count stays the source ("73 percent"); the group, if named, is the speaker.
        count = token.head if token.dep_ == "nummod" else token
        phrase = noun_phrase(index, count, att.content, att.cue)
        group = counted_group(token)
        if group is not None:
            speaker_from_token(index, group, att)
        att.source = phrase or att.source
        return
    # "the four-times champion": a modifier stands for the noun it modifies; a word that
    # is no noun at all ("Keeps saying …", a list item with its subject left out) is
    # nobody.
    token = nominal_head(token)
    if (token.pos_ in NOT_NOMINAL and
            index.mention_of(token) is None) or \
            verb_read_as_noun(token):
        return
    # "<Federal Industries Ltd> said": the parser may make the bracket the subject.
    if not is_word(token):
        token = next((t for t in reversed(list(token.lefts)) if is_word(t)), token)
    # "Flynn, a top adviser, said": a description set off by commas after a name stands for
    # the name (not so "Zelenskyy, the ministry in Vilnius said", where the parser hung the
    # subject on the name before it).
    after = token.right_edge.i + 1
    if after < len(index.doc) and index.doc[after].text == ",":
        token = name_described(index, token)
    subtree = [t for t in token.subtree
               if not t.is_space and (not t.is_punct or t.text in "-–'’")]
    mention = index.mention_of(token)
    named = named_after_title(index, token)
    # "The Washington Post reported": a name is no office or document of someone else's.
    owner = spoken_for(index, token) if not (mention and mention.entity_id) else None
    group = group_before(index, token, att.content) if is_pronoun(token) else None
    office = office_before(index, token, att.content) if is_pronoun(token) else None
    if office is not None:
        # "It added" after an office's or a document's statement: the same speaker.
        speaker_from_token(index, office, att)
        att.source = Span(token.idx, token.idx + len(token.text))
    elif group is not None:
        # "They" going on with the unnamed group before: the group's words are the speaker.
        att.source = Span(token.idx, token.idx + len(token.text))
        phrase = noun_phrase(index, group, att.content, None)
        att.speaker_text = phrase.text(index.text) if phrase else group.text
        att.speaker_how = "unnamed"
    elif is_pronoun(token):  # "according to him" too
        att.source = Span(token.idx, token.idx + len(token.text))
        att.speaker_text = token.text
        att.speaker = antecedent(index, token)
        att.speaker_how = "pronoun" if att.speaker else "unknown"
    elif named is not None:
        att.source = noun_phrase(index, token, att.content, att.cue) or named.span
        att.speaker, att.speaker_text, att.speaker_how = named.entity_id, named.text, "named"
    elif owner is not None:
        # The office or the document speaks for its owner, who is the speaker; the words
        # that name the office stay its text ("his office"), and its confidence is lower.
        att.source = noun_phrase(index, token, att.content, att.cue) or \
            Span(token.idx, token.idx + len(token.text))
        att.speaker, att.speaker_text, att.speaker_how = \
            owner, att.source.text(index.text), "office"
    elif mention and mention.entity_id:
        # The source is the whole subject ("White House spokesman Josh Earnest"); the
        # speaker is the entity its name refers to.
        # A person the parser glued to the place before is the name alone.
        phrase = noun_phrase(index, token, att.content, att.cue) \
            if not glued_person(index, token) else None
        att.source = mention.span if phrase is None or mention.span.contains(phrase) \
            else phrase
        # "Lands and Mineral Resources Minister Tomas Varga" parsed with "Lands" as its
        # head: a person named later in the same phrase (not past a comma: "Apple, whose
        # chief Tim Cook …") is who spoke.
        if index.entity_type(mention.entity_id) != "PERSON":
            head = mention
            mention = next((m for m in reversed(index.mentions_in(att.source))
                            if m.entity_id and m.span.start >= head.span.end and
                            "," not in index.text[head.span.end:m.span.start] and
                            index.entity_type(m.entity_id) == "PERSON"), head)
        att.speaker_text = mention.text
        att.speaker = mention.entity_id
        att.speaker_how = "role" if mention.origin in ("role", "anaphor") else "named"
        # "Lithuania's Deputy Defense Minister Karolis Aleksa": the name is the head.
    elif subtree:
        # Conjoined subjects ("DPA and AFP reported") are handled as relays elsewhere;
        # an unnamed source ("a Japanese security official") keeps its words.
        # A conjunction inside the phrase stays: "people aged between 18 and 34".
        joined = {t.i for c in token.children if c.dep_ in ("cc", "conj") for t in c.subtree}
        words = [t for t in subtree if t.i not in joined]
        if token.conjuncts:
            words = [t for t in token.subtree if t.i <= token.i]
        span = index.token_span(sorted(words, key=lambda t: t.i))
        att.source = noun_phrase(index, token, att.content, att.cue) or span
        att.speaker_text = whose_written_out(
            index, token, (att.source if span.contains(att.source) else span).text(index.text))
        att.speaker_how = "unnamed"
        # "The federation said" after "the Police Federation": the body named before.
        # "The carmaker said": the company the story is about.
        att.speaker = named_by_head(index, token) or company_described(index, token)
        # The outlet inside "a Foreign Policy columnist" is where the words appeared; the
        # one inside "a BBC spokesman" or "the BBC's director" is whom they work for.
        inner = [m for m in index.mentions_in(span) if span.contains(m.span) and m.entity_id]
        outlet = next((m for m in inner if index.entity_type(m.entity_id) == "OUTLET"), None)
        if outlet and not att.medium and (token.lemma_.lower() in PUBLISHED_IN or
                                          quoted_by(index, outlet)):
            att.medium = outlet.entity_id
    # "His ex-wife", "Tory co-chairman Liam Fox" split at the hyphen into several subjects:
    # the source runs from the first.
    subject = token
    while subject.dep_ == "appos" and subject.head.i < subject.i:
        subject = subject.head  # "co", "-" [chairman]: the noun hangs on the hyphen
    split = [c for c in subject.head.children if c.dep_ == "nsubj" and c.i <= subject.i]
    if subject.dep_ == "nsubj" and any(c.text == "-" for c in split) and att.source is not None:
        att.source = Span(min(split[0].left_edge.idx, att.source.start), att.source.end)
        if att.speaker_how == "unnamed":
            att.speaker_text = att.source.text(index.text)


def quoted_by(index: DocumentIndex, outlet: Mention) -> bool:
    """Whether an outlet is the one a speaker is described as quoted by ("one analyst quoted
    by the AFP news agency")."""
    word = index.first_word(outlet.span.start, outlet.span.end)
    by = next((t for t in word.ancestors if t.lower_ == "by"), None) if word else None
    return by is not None and by.head.lemma_ in CARRYING_LEMMAS


# Participles that make the one after "by" the outlet that carried a speaker's words: a
# relay's verbs, and "interviewed by".
CARRYING_LEMMAS = QUOTING_LEMMAS | {"interview"}


def whose_written_out(index: DocumentIndex, head: Token, phrase: str) -> str:
    """An unnamed speaker's phrase with its possessive pronoun written out as whom it stands
    for ("Her lawyers" -> "Ann Lee's lawyers"), so the record says whose they are."""
    owner = next((c for c in head.children if c.dep_ == "poss" and c.i < head.i and
                  c.lower_ in OWNER_PRONOUNS and phrase.lower().startswith(c.lower_ + " ")),
                 None)
    named = antecedent(index, owner) if owner is not None else None
    entity = index.entities.get(named) if named else None
    if owner is None or entity is None or entity.type != "PERSON":
        return phrase
    return f"{entity.name}'s{phrase[len(owner.text):]}"


def name_described(index: DocumentIndex, noun: Token) -> Token:
    """The name a description in apposition describes ("Future45, a super PAC [that intends
    …]", "McConnell, now the majority leader, [who said …]"): a determiner and a noun after
    a name; else the noun itself."""
    if noun.dep_ == "appos" and noun.head.i < noun.i and \
            any(c.dep_ == "det" and c.i < noun.i for c in noun.children) and \
            entity_named(index, noun.head) is not None:
        return noun.head
    return noun


def is_no_one(index: DocumentIndex, token: Token) -> bool:
    """Whether a word is a common noun that names no person nor group of people: one WordNet
    files only elsewhere ("cryptography", the "breaking" of "code-breaking"), not "expert",
    "people" or a name."""
    if token.pos_ != "NOUN" or entity_named(index, token) is not None:
        return False
    classes = word_classes(token.lemma_.lower().split("-")[-1], "n")
    return bool(classes) and not {"person", "group"} & set(classes)


def is_quantity(token: Token) -> bool:
    """A percentage or a number in figures ("14%", "70"); "one of the organisers" is a
    person, described."""
    return token.lower_ in QUANTITY_WORDS or \
        token.pos_ == "NUM" and token.text.replace(",", "").replace(".", "").isdigit()


def counted_group(token: Token) -> Token | None:
    """The group a count is of ("14% of people"), or the one the verb picks it from
    ("Among the over-65s, 70% said"); None when no group is named."""
    if token.dep_ == "nummod" and token.head.lower_ in QUANTITY_WORDS:
        token = token.head  # "14" of "14%"
    for head in (token, token.head):
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "among"):
                group = next((c for c in child.children if c.dep_ == "pobj"), None)
                if group is not None and not is_quantity(group):
                    return group
    return None


def nominal_head(token: Token) -> Token:
    """The noun a modifier belongs to: "four", "times" of "the four-times champion". A noun
    climbs only out of a hyphenated modifier: "BTA reports", "the department summarizes"
    are misparsed verbs, not nouns."""
    while token.dep_ in ("compound", "nummod", "amod", "npadvmod") and \
            (token.pos_ in MODIFIERS or token.i > 0 and token.nbor(-1).text == "-") and \
            token.head.i > token.i and token.head.pos_ in ("NOUN", "PROPN"):
        token = token.head
    return token


def in_prepositional_phrase(token: Token) -> bool:
    """"Sao" and "Paulo" of "in Sao Paulo": the phrase a word's compound or name is part of
    hangs on a preposition."""
    while token.dep_ in ("compound", "amod", "nummod") and token.head.i != token.i:
        token = token.head
    return token.dep_ == "pobj"


def verb_read_as_noun(token: Token) -> bool:
    """"Keeps saying that …" opening a sentence with its subject left out: the tagger reads
    the verb as a plural noun."""
    # The tag first: `Token.sent` walks the parse to find the sentence.
    if token.tag_ != "NNS" or token.i != token.sent.start:
        return False
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return not any(True for _ in token.lefts) and token.lower_.endswith("s") and \
        bool(word_classes(token.lower_[:-1], "v")) and \
        following is not None and following.tag_ in ("VBG", "TO")


def named_after_title(index: DocumentIndex, token: Token) -> Mention | None:
    """"Senior Adviser to the President, Ana Kovac, said": the person named between commas
    after a title (a noun for a person, WordNet's first sense) is the subject; the title is
    her role, whatever the recogniser made of it."""
    if word_classes(token.lemma_, "n")[:1] != ("person",):
        return None
    # Letters after a name ("X QC", "X MP") end the phrase as part of it.
    words = [t for t in token.subtree if is_word(t)]
    while len(words) > 1 and words[-1].i > token.i and POST_NOMINAL.fullmatch(words[-1].text):
        words.pop()
    phrase = index.token_span(sorted(token.subtree, key=lambda t: t.i))
    # The name closes the phrase: in a list ("celebrities like A, B, C and D, who …") it
    # does not.
    name = next((m for m in index.mentions_in(phrase) if phrase.contains(m.span) and
                 m.span.start > token.idx and m.span.end >= max(t.idx for t in words)), None)
    if name is None or not name.entity_id or index.entity_type(name.entity_id) != "PERSON":
        return None
    # "political correspondent Glenn Campbell said": the name right after its title.
    if not index.text[token.idx + len(token.text):name.span.start].strip():
        return name
    after = POST_NOMINALS_AFTER.sub("", index.text[name.span.end:])
    if not after.lstrip().startswith(","):
        return None
    # The comma may stand before the name's own title or honorific ("…, Labour MP X,",
    # "…, Sir X,", "…, the Rt Rev X,"): words that name, not a clause or a list's joint.
    between = list(itertools.takewhile(lambda t: t.idx < name.span.start,
                                       index.doc[token.i + 1:]))
    comma = max((i for i, t in enumerate(between) if t.text == ","), default=None)
    if comma is None:
        return None
    styles = between[comma + 1:]
    if styles and styles[0].lower_ == "the":
        styles = styles[1:]
    if not all(t.pos_ in TITLE_PARTS for t in styles) or len(styles) > TITLE_MAX_WORDS:
        return None
    return name


def spoken_for(index: DocumentIndex, noun: Token) -> str | None:
    """Whom an office or a document speaks for: its owner ("his office", "the ministry's
    press service", "the statement of the ministry"), or for a document with none, the
    issuer of the same document named before in the story ("X issued a statement. … the
    statement reads")."""
    lemma = noun.lemma_.lower()
    if not speaks_for_owner(noun):
        return None
    if lemma not in DOCUMENT_NOUNS:
        return owner_of(index, noun)
    owner = owner_of(index, noun)
    if owner is not None or not any(c.lower_ in ("the", "this", "that") for c in noun.children):
        return owner
    story_start = index.story_start(noun.idx)
    earlier = next((t for t in reversed(index.doc[:noun.i])
                    if t.lemma_.lower() == lemma and t.idx >= story_start), None)
    if earlier is None:
        return None
    owner = owner_of(index, earlier)
    # "X issued a statement", "X said in a statement": the subject of the verb it hangs on;
    # of a court filing only the filer's verb ("X faces a lawsuit" is the one sued).
    verb = earlier.head if earlier.dep_ == "dobj" else \
        earlier.head.head if earlier.dep_ == "pobj" else None
    if verb is not None and lemma in FILING_NOUNS and verb.lemma_ not in FILING_VERBS:
        verb = None
    subject = subject_of(index, verb) if owner is None and verb is not None else None
    return owner or (entity_named(index, subject) if subject is not None else None)


def noun_phrase(index: DocumentIndex, token: Token, content: Span,
                cue: Token | None) -> Span | None:
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
    return index.token_span(words) if words else None


def titled_person_ending(index: DocumentIndex, subject: Token, verb: Token) -> Token | None:
    """"Commission for Racial Equality chairman Trevor Phillips said": the parser may make
    the body the subject and hang its chairman on its "for"; a person named right before the
    verb, inside the subject's phrase and after a title, is who spoke (not so for "a
    spokesman for Commissioner X", a common noun's phrase naming whom it speaks for)."""
    if verb.i == 0 or subject.i >= verb.i - 1 or subject.pos_ != "PROPN":
        return None
    last = index.doc[verb.i - 1]
    mention = index.mention_of(last)
    if mention is None or index.entity_type(mention.entity_id) != "PERSON" or \
            last not in subject.subtree:
        return None
    name = index.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    before = index.doc[name[0].i - 1] if name is not None and name[0].i > 0 else None
    return last if before is not None and before.lower_ in TITLE_NOUNS else None


def subject_of(index: DocumentIndex, verb: Token) -> Token | None:
    # "Tory co-chairman Liam Fox said": a hyphenated title can split the subject into
    # several, the name nearest the verb being the head.
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if any(s.text == "-" for s in subjects) and all(s.i < verb.i for s in subjects):
        # The last word of them all, wherever the parser hung it ("co", "-" [chairman]).
        return max((t for s in subjects for t in s.subtree if is_word(t) and t.i < verb.i),
                   key=lambda t: t.i)
    # "Transit Police's deputy chief constable Ann Lee said": the parser may split a title
    # and the name right after it into two subjects; the person named is who spoke.
    if len(subjects) == 2 and subjects[1].i < verb.i and \
            subjects[0].right_edge.i + 1 == subjects[1].left_edge.i and \
            word_classes(subjects[0].lemma_, "n")[:1] == ("person",) and \
            index.entity_type(entity_named(index, subjects[1])) == "PERSON":
        return subjects[1]
    # "(The Washington Post) President-elect Trump … met": a credit in brackets the parser
    # made a second subject is an aside, not who acted.
    if len(subjects) > 1:
        subjects = [s for s in subjects if not in_brackets(s)] or subjects
    for child in verb.children:
        if child.dep_ == "nsubj" and child in subjects:
            return titled_person_ending(index, child, verb) or child
        if child.dep_ == "agent":  # "was quoted by the agency"
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    # "Trump has pooh-poohed …": the parser sometimes hangs the subject on the auxiliary.
    for child in verb.children:
        if child.dep_ == "aux" and child.i < verb.i:
            subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return subject
    # "Mr Lund, 42, treated for shock, said:": a participle describing the subject, which
    # the parser read as a clause reported before the verb, with the subject as its own.
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i < verb.i and child.tag_ == "VBN" and \
                not any(c.dep_ in ("aux", "auxpass") for c in child.children):
            subject = next((c for c in child.children if c.dep_ == "nsubj" and
                            c.pos_ == "PROPN" and c.i + 1 < len(c.doc) and
                            c.nbor(1).text == ","), None)
            if subject is not None:
                return subject
    # "X has been reported as saying", "X was quoted as saying": the passive subject.
    if verb.head.lower_ == "as" and verb.head.head.i != verb.head.i:
        passive = next((c for c in verb.head.head.children if c.dep_ == "nsubjpass"), None)
        if passive is not None:
            return passive
    # "the wire quoted Lavrov as saying that …": the one quoted is the speaker.
    if verb.head.lower_ == "as":
        quoted = next((t for t in reversed(index.doc[max(0, verb.i - 8):verb.i])
                       if t.lemma_ == "quote"), None)
        speaker = next((c for c in quoted.children if c.dep_ == "dobj"), None) \
            if quoted is not None else None
        if speaker is not None:
            return speaker
    # "Adam Varga, the top Democrat on the panel, called on …": a finite verb the parser hung
    # on the sentence's subject as a clause describing it has that subject as its own (a
    # describing clause's verb is a participle, "the man called Bob").
    if verb.dep_ == "acl" and verb.tag_ == "VBD" and verb.head.dep_ == "ROOT" and \
            verb.head.i < verb.i:
        return verb.head
    if unsourced_passive(verb):
        return None
    # "…, saying that …" and "…, adding that …" take the subject of the verb they hang on.
    if verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.i != verb.i:
        head = verb.head
        # "May said that the country would leave and suggested …": a speech verb the
        # parser hung on the clause reported is the reporter's second verb (not so in
        # "X described it, saying …, Reuters reported", where the reporter comes last).
        if verb.lemma_ in SPEECH_LEMMAS and head.dep_ == "ccomp" and \
                head.head.lemma_ in SPEECH_LEMMAS and head.head.i < head.i:
            head = head.head
        subject = subject_of(index, head)
        # "Analysts are divided over which approach is best and say …": a clause whose
        # subject is a question word ("which approach", "what") is what was spoken of; who
        # spoke is the subject of a verb it hangs under.
        while subject is not None and asks(subject):
            above = next((a for a in head.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if above is None:
                return None
            head = above
            subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")),
                           None)
        # "X was named best singer, sending a message saying …": a participle's subject is
        # the passive one of the main clause it hangs on (not the passive subject of a
        # speech verb itself: "X was told that …" is the hearer; nor of a clause reported:
        # "Y rejected the claim that X had been sidelined, saying …" is Y's).
        if subject is None and verb.dep_ == "advcl" and head.dep_ == "ROOT":
            subject = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        return subject
    # "… before asking her", "after saying that …": the verb the preposition hangs on.
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.i != verb.head.i:
        return subject_of(index, verb.head.head)
    # "Trump charges that …" read as a noun phrase: the name before a verb form the
    # tagger took for a plural noun, with its "that" after.
    if verb.tag_ == "NNS" and speech_lemma_of(verb.lower_) and verb.i > 0 and \
            verb.i + 1 < len(index.doc) and index.doc[verb.i + 1].lower_ == "that":
        before = index.doc[verb.i - 1]
        if before.text[:1].isupper() and before.pos_ in ("PROPN", "NOUN"):
            return before
    return subject_left_over(index, verb)


def asks(subject: Token) -> bool:
    """Whether a subject is a question word or is led by one ("what", "which approach")."""
    return subject.tag_ in ("WP", "WDT") or \
        any(c.tag_ == "WDT" and c.i < subject.i for c in subject.children)


def in_brackets(token: Token) -> bool:
    """Whether a word's phrase stands alone in round brackets: "(The Washington Post)"."""
    doc = token.doc
    first, last = token.left_edge.i, token.right_edge.i
    opened = doc[first].text == "(" or first > 0 and doc[first - 1].text == "("
    closed = doc[last].text == ")" or last + 1 < len(doc) and doc[last + 1].text == ")"
    return opened and closed


def subject_left_over(index: DocumentIndex, verb: Token) -> Token | None:
    """"In remarks at the Economic Club, Hallorann, D-Ohio, predicted …": a misparse that
    hangs the subject on the phrase before it leaves a finite verb with none; the name
    (or determined noun) right before the verb, past an appositive, is it."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or \
            any(c.dep_ in SUBJECT_RELATIONS for c in verb.children):
        return None
    word = next((t for t in reversed(index.doc[verb.sent.start:verb.i]) if is_word(t)), None)
    # Up from an appositive or a name's part to its head, and from the second of two
    # coordinated names ("Obama and Clinton") to the first; a name joined by a comma
    # alone is a misparse of its own ("the Economic Club, Hallorann, D-Ohio, said").
    while word is not None and word.head.i < verb.i and word.head.i != word.i and (
            word.dep_ in ("appos", "compound") or word.dep_ == "conj" and
            any(c.dep_ == "cc" for c in word.head.children)):
        word = word.head
    if word is None or word.dep_ in SUBJECT_RELATIONS:
        return None
    # A name inside a phrase ("the ministry in Vilnius said") or an object is not it, unless
    # the parser glued a person to the place before it ("at a summit in California Mr Lee
    # said": one phrase "California Mr Lee", the person's mention starting after its edge).
    if word.dep_ in OBJECT_RELATIONS:
        return word if glued_person(index, word) else None
    if word.pos_ == "PROPN" or (word.pos_ == "NOUN" and any(
            c.dep_ in ("det", "poss") for c in word.children)):
        return word
    # "The 23-year-old added": an adjective ending a description the report made of someone.
    mention = index.mention_of(word)
    if mention is not None and mention.origin == "anaphor" and \
            mention.span.end == word.idx + len(word.text):
        return word
    return None


def glued_person(index: DocumentIndex, word: Token) -> bool:
    """Whether the parser glued a person to the place before it, as one object of "in" or
    "at" ("at a summit in California Mr Lee said": "California Mr Lee"): a place's name, then
    at most an honorific, then the person's (not "according to US President Joe Biden")."""
    if word.dep_ != "pobj" or word.head.lower_ not in ("in", "at"):
        return False
    person, place = index.mention_of(word), index.mention_of(word.left_edge)
    if person is None or place is None or person.type != "PERSON" or place.type != "GPE" or \
            place.span.end > person.span.start:
        return False
    between = index.text[place.span.end:person.span.start].split()
    return all(w.rstrip(".") in NAME_STYLES for w in between)


def subject_near(index: DocumentIndex, cue: Token, frame: Span) -> Token | None:
    """The speaker of a cue in a quote's frame: its parsed subject, or the nearest
    name-like word before it, or right after it ("says Alexa")."""
    if cue.lower_ == "according":
        source = next((c for c in cue.nbor(1).children if c.dep_ == "pobj"), None)
        if source is not None and frame.start <= source.idx < frame.end:
            return source
    subject = subject_of(index, cue)
    if subject is not None and frame.start <= subject.idx < frame.end:
        return subject
    # A name in a phrase before the verb ("after the finish in Sao Paulo said") is where
    # or when, not who.
    before = [t for t in index.doc[max(cue.i - 6, 0):cue.i]
              if t.idx >= frame.start and (t.pos_ in ("PROPN", "NOUN", "PRON")) and
              not in_prepositional_phrase(t)]
    if before:
        return before[-1]
    after = [t for t in index.doc[cue.i + 1:cue.i + 5]
             if t.idx < frame.end and t.pos_ in ("PROPN", "NOUN", "PRON")]
    return after[-1] if after else None


def medium_of(index: DocumentIndex, cue: Token, att: Attribution) -> None:
    """Where the words were said: "told AFP", "wrote on Facebook", "told the Seimas"."""
    for child in cue.children:
        # "told AFP", "told the Seimas": whom the words were addressed to.
        types: tuple[str, ...]
        if child.dep_ in ("dobj", "dative", "iobj"):
            # "told To Vima newspaper": the parser may read a name's first word as a
            # preposition, the one told its object.
            targets = [child] if child.pos_ != "ADP" else [
                c for c in child.children if c.dep_ == "pobj"]
            types = ("OUTLET", "ORG")
        # "wrote on Facebook", "said on LRT radio": where they appeared.
        elif child.dep_ == "prep" and child.lower_ in ("on", "to", "in"):
            targets = [c for c in child.children if c.dep_ == "pobj"]
            types = ("OUTLET",) if child.lower_ != "to" else ("OUTLET", "ORG")
        else:
            continue
        for target in targets:
            near = [target, *(c for c in target.children if c.dep_ in ("compound", "appos",
                                                                        "conj", "amod"))]
            # "told USA Today's video series", "said on MSNBC's programme": the outlet whose
            # programme it was (not in "criticised the Post's coverage").
            owners = [t for c in target.children if c.dep_ == "poss"
                      for t in (c, *(g for g in c.children if g.dep_ == "compound"))
                      ] if child.dep_ == "prep" or cue.lemma_ == "tell" else []
            for token in near + owners:
                mention = index.mention_of(token)
                if mention and mention.entity_id and index.entity_type(mention.entity_id) in (
                        types if token in near else ("OUTLET",)):
                    att.medium = programme_after(index, mention) or mention.entity_id
                    return
    medium_around(index, cue, att)
    # "He denied the claims, telling the BBC "…"": the denial was told there too (the
    # parser may hang the telling on the verb of what was denied).
    hangers = [cue, *(c for c in cue.children if c.dep_ == "ccomp")]
    for telling in (c for h in hangers for c in h.children if c.dep_ == "advcl" and
                    c.lemma_ == "tell" and c.tag_ == "VBG" and
                    not att.content.start <= c.idx < att.content.end):
        if att.medium is None:
            medium_of(index, telling, att)
    # "X told the Today programme he hoped …": what the speaker told in a clause of their
    # own telling went through the telling's medium (the parser may hang the clause on
    # the one told, as if "the programme he hoped").
    outer = cue.head.head if cue.dep_ == "relcl" and cue.head.dep_ == "dobj" else cue.head
    if att.medium is None and cue.dep_ in ("ccomp", "relcl") and outer.lemma_ == "tell" and \
            any(c.dep_ == "nsubj" and c.lower_ in SAME_SPEAKER_PRONOUNS for c in cue.children):
        medium_of(index, outer, att)


def date_near(index: DocumentIndex, verb: Token, content: Span) -> str | None:
    """When the words were said: a date on the speech verb itself ("announced yesterday",
    "told AFP this week"), not one in the reported content or elsewhere in the sentence."""
    own = [t for child in verb.children if child.dep_ in ("npadvmod", "prep", "advmod")
           for t in child.subtree if not content.start <= t.idx < content.end]
    for token in own:
        for timex in index.timexes:
            if timex.span.start <= token.idx < timex.span.end and timex.value and \
                    not is_duration(timex.value):
                return timex.value
    # "…, saying that …": said when the verb it hangs on was.
    if verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.i != verb.i:
        return date_near(index, verb.head, content)
    return None


def attribute_to_verb(index: DocumentIndex, att: Attribution, cue: Token) -> None:
    """Speaker, medium and date from a cue word: its subject, or whoever holds it
    ("filed papers [opposing] …", "a statement [calling] …")."""
    sentence = cue.sent
    subject = subject_of(index, cue) or holder_token(index, cue)
    if subject is not None:
        speaker_from_token(index, subject, att)
    medium_of(index, cue, att)
    att.date = index.date_in(Span(sentence.start_char, att.content.start))


# Verbs whose object is a stance their subject holds ("voiced their concern").
VOICING_VERBS = {"voice", "express", "air", "state", "reiterate", "repeat", "restate",
                 "register", "share"}


def unsourced_passive(verb: Token) -> bool:
    """"…, but it is thought that …": an unsourced passive is no one's, whatever clause it
    hangs on."""
    return any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in verb.children)


def holder_token(index: DocumentIndex, cue: Token) -> Token | None:
    if unsourced_passive(cue):
        return None
    found = holder_at(index.tokens, cue.i)
    holder = index.doc[found] if found is not None else None
    # "Ministers of five countries voiced their concern that …": the possessive pronoun of
    # a stance someone voices is the one the verb's subject names.
    subject = next((c for c in cue.head.children if c.dep_ == "nsubj"), None) \
        if cue.dep_ == "dobj" and cue.head.lemma_ in VOICING_VERBS else None
    if holder is not None and holder.dep_ == "poss" and holder.pos_ == "PRON" and \
            subject is not None and subject.pos_ != "PRON":
        return subject
    return holder


def holder_as_speaker(index: DocumentIndex, att: Attribution, cue: Token) -> None:
    """A cue the rules found no subject for may still have a holder: "her filing,
    [alleging] that …", "a passionate [defender] of …"."""
    found = holder_token(index, cue)
    if found is not None and not att.content.start <= found.idx < att.content.end:
        speaker_from_token(index, found, att)


def title_before(position: int, sentence: SpacySpan) -> Span | None:
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


def subject_outlets(index: DocumentIndex, subject: Token) -> list[str]:
    """Outlets named by a subject and its conjuncts ("DPA and Agence France-Presse")."""
    ids = []
    for token in [subject, *subject.conjuncts]:
        mention = index.mention_of(token)
        if mention and index.entity_type(mention.entity_id) == "OUTLET" and mention.entity_id:
            ids.append(mention.entity_id)
    return ids
