"""Reading the dependency parse: phrases, clauses, themes, subjects and agents of a token.
Nothing here knows about entities; `actors` resolves what these functions point at."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Token

from newstrace.extract.events.ontology import LIGHT_VERBS, MEMBER_NOUNS
from newstrace.extract.lexicon import REPORT_LEMMAS, word_classes
from newstrace.models import Span

# "no longer", "no more", "not ... any longer", "not ... anymore".
NO_LONGER_ADVERBS = {"longer", "more", "anymore"}

# Verbs whose object does what their infinitive says: "invited her to visit", "urged Kyiv to
# sign", "allowed the firm to bid".
OBJECT_CONTROL_VERBS = {"invite", "ask", "urge", "allow", "permit", "force", "persuade",
                        "encourage", "tell", "order", "enable", "authorise", "authorize",
                        "compel", "require", "instruct", "convince", "press", "pressure",
                        "push", "prompt", "get", "lead", "oblige", "entitle", "help"}

NESTED_DEPS = {"relcl", "acl", "ccomp", "advcl", "parataxis", "xcomp", "csubj"}


def token_span(token: Token) -> Span:
    return Span(token.idx, token.idx + len(token.text))


def lemma_of(token: Token) -> str:
    return token.lemma_.lower()


def phrase_parts(token: Token) -> Iterator[Token]:
    """The token and the words that name the same thing (compounds, possessors, apposition)."""
    yield token
    for child in token.children:
        if child.dep_ in ("compound", "poss", "amod", "appos", "nmod", "npadvmod"):
            yield child
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for named in (g for g in child.children if g.dep_ == "pobj"):
                yield named  # "the leaders of the G-20 group": the group's name too
                yield from (c for c in named.children if c.dep_ == "compound")


def phrase_text(token: Token) -> str:
    """Text of the noun phrase without its prepositional and clausal tails."""
    keep = [token] + [t for t in token.subtree if t.i < token.i]
    keep += [c for c in token.rights if c.dep_ in ("compound", "nummod", "appos")]
    first = min(t.i for t in keep)
    last = max(t.i for t in keep)
    return token.doc[first:last + 1].text  # not Doc.text, which joins the whole document


def theme_tokens(trigger: Token) -> list[Token]:
    """What the trigger acts on: objects, passive subjects, prepositional objects."""
    themes: list[Token] = []
    if trigger.dep_ in ("acl", "relcl") and _is_passive(trigger) or _relative_object(trigger):
        themes.append(trigger.head)
    for child in trigger.children:
        if child.dep_ in ("dobj", "attr", "oprd", "dative", "compound", "amod", "nummod"):
            themes.append(child)
        elif child.dep_ == "nsubjpass":
            themes.append(child)
        elif child.dep_ in ("prep", "agent", "prt", "dative"):
            themes.extend(g for g in child.children if g.dep_ in ("pobj", "pcomp"))
            if child.lower_ == "out":  # "pull out of X", "opt out of X"
                themes.extend(prep_objects(child, {"of"}))
    if trigger.dep_ == "xcomp" and _is_passive(trigger) and not any(
        c.dep_ == "nsubjpass" for c in trigger.children
    ):  # "the drones are to be produced": the subject of "are" is what is produced
        themes.extend(c for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    if stops_being(trigger):  # "being a party to X" with "to X" hung on "being"
        themes += prep_objects(trigger.head, {"to", "of"})
    conjuncts = [c for t in themes for c in t.children if c.dep_ == "conj"]
    return themes + conjuncts


def _relative_object(trigger: Token) -> bool:
    """'the treaty that Poland signed': the relative pronoun object points at the head noun."""
    return trigger.dep_ == "relcl" and any(
        c.dep_ in ("dobj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in trigger.children
    )


def _is_passive(token: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children):
        return True
    return token.dep_ == "acl" and token.tag_ == "VBN"


def own_tokens(head: Token, keep: Iterable[str] = ()) -> list[Token]:
    """``head``'s subtree without nested clauses (their dates and amounts are their own)."""
    nested = NESTED_DEPS - set(keep)
    out, stack = [], [head]
    while stack:
        token = stack.pop()
        out.append(token)
        for child in token.children:
            if child.dep_ in nested or (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")):
                continue
            stack.append(child)
    return out


def agent_class(noun: Token) -> str | None:
    """"person" or "group" for a common noun that names people ("donors") or a body of
    them ("the council"), by its most frequent WordNet sense; else None."""
    if noun.pos_ != "NOUN":
        return None
    first = word_classes(lemma_of(noun), "n")[:1]
    return first[0] if first in (("person",), ("group",)) else None


def is_report(token: Token) -> bool:
    return token.pos_ == "VERB" and lemma_of(token) in REPORT_LEMMAS


def char_spans(tokens: Iterable[Token]) -> list[Span]:
    return [token_span(t) for t in tokens]


def subject_of(token: Token) -> Token | None:
    """Who does what ``token`` denotes: subject, "by" agent, or inherited subject."""
    current = token
    for _ in range(6):
        agent = agent_of(current)
        if agent is not None:
            return agent
        subj = next((c for c in current.children if c.dep_ in ("nsubj", "csubj")), None)
        if subj is not None:
            if subj.tag_ in ("WDT", "WP") and current.dep_ == "relcl":
                return current.head
            return subj
        if current.dep_ not in ("xcomp", "conj", "advcl", "acl", "pcomp", "prep") or (
            current.dep_ == "acl" and _is_passive(current)
        ):
            return None
        controller = _controlling_object(current)
        if controller is not None:
            return controller
        current = current.head
        if current.pos_ in ("NOUN", "PROPN"):
            agent = nominal_agent(current)
            if agent is not None or current.dep_ not in ("dobj", "attr"):
                return agent
            current = current.head  # "Tbilisi has no plans to purchase ..."
    return None


def _controlling_object(verb: Token) -> Token | None:
    """"invited him to visit": the object of an object-control verb does the infinitive."""
    head = verb.head
    if verb.dep_ not in ("xcomp", "advcl") or head.pos_ != "VERB" or \
            lemma_of(head) not in OBJECT_CONTROL_VERBS or \
            not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    return next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)


def agent_of(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def nominal_agent(noun: Token) -> Token | None:
    """"Lithuania's withdrawal", "the withdrawal by Lithuania"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ in ("prep", "agent") and child.lower_ == "by":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def prep_objects(token: Token, preps: set[str]) -> Iterator[Token]:
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            yield from (g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ == "dative" and child.pos_ in ("NOUN", "PROPN"):
            yield child  # "sent Ukraine tanks"


def is_light_object(token: Token) -> bool:
    """"held talks", "announced an investment": the verb only reports the noun's event."""
    return token.dep_ in ("dobj", "nsubjpass") and lemma_of(token.head) in LIGHT_VERBS


def no_longer(token: Token) -> bool:
    """"is no longer", "is not a party anymore", "not ... any longer": what held has ended."""
    for child in token.children:
        if child.dep_ != "advmod" or child.lower_ not in NO_LONGER_ADVERBS:
            continue
        if any(g.dep_ == "neg" or g.lower_ == "no" for g in child.children) or (
                child.lower_ == "anymore" or any(g.lower_ == "any" for g in child.children)) \
                and any(c.dep_ == "neg" for c in token.children):
            return True
    return False


def stops_being(noun: Token) -> bool:
    """"ceased to be a party", "stopped being a member", "is no longer a party": the noun's
    copula says that belonging ended."""
    if lemma_of(noun) not in MEMBER_NOUNS or noun.dep_ != "attr":
        return False
    copula = noun.head
    return no_longer(copula) or (
        copula.dep_ == "xcomp" and lemma_of(copula.head) in ("cease", "stop"))


def occurrence_clause(noun: Token) -> Token | None:
    """"a meeting with X, which took place on Monday": a relative clause in the event noun's
    phrase (the parse may hang it on the last noun) saying in the past that the event took
    place ("which takes place on Monday" is a schedule)."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    for token in noun.subtree:
        clause = token if token.dep_ == "relcl" else None
        if clause is None or clause.head not in (noun, *noun.subtree) or not any(
                c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP")
                for c in clause.children):
            continue
        past = clause.tag_ == "VBD" or any(
            c.dep_ in ("aux", "auxpass") and (c.tag_ == "VBD" or lemma_of(c) == "have")
            for c in clause.children)
        lemma, words = lemma_of(clause), {lemma_of(c) for c in clause.children}
        if past and (lemma in ("happen", "occur") or (lemma == "hold" and "be" in words)
                     or (lemma == "take" and "place" in words)
                     or (lemma == "go" and "ahead" in words)):
            return clause
    return None
