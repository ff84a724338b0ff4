"""The sum an event moves and its kind, read from the clause that states it: a total so far
("has provided 900 million euros since 2022", "a total of", "so far", "to date", "in total",
"over the past three years") or a new sum ("a new aid package", "an additional", "will
allocate", "pledged"). A total and a new sum are two facts: they are never compared as two
reports of one figure."""

from __future__ import annotations

from spacy.tokens import Token

from newstrace.extract.events.context import DocumentIndex
from newstrace.extract.events.dating import clause_layers
from newstrace.extract.events.syntax import char_spans, lemma_of, token_span
from newstrace.extract.quantities import Money
from newstrace.models import Amount, AmountKind, Span

# Words that sum up what was given over time: "a total of", "in total", "overall".
TOTAL_WORDS = {"total", "overall", "altogether", "cumulative", "cumulatively", "combined"}
# "so far", "thus far"; "to date", "until now", "up to now", "in all".
SO_FAR = {("so", "far"), ("thus", "far")}
UNTIL_NOW = {("to", "date"), ("until", "now"), ("up", "now"), ("to", "now"), ("in", "all")}
# "over the past three years", "in the last two months": a period reaching the present.
PERIOD_NOUNS = {"year", "month", "week", "decade"}
PERIOD_PREPS = {"over", "in", "during", "within", "throughout"}
RECENT = {"past", "last", "recent"}

# Words that mark a sum as one more: "a new aid package", "an additional 20 million".
NEW_WORDS = {"new", "additional", "fresh", "further", "another", "extra", "latest"}
# Triggers that name one commitment: a pledge or an allocation is a new sum.
COMMITTING = {"pledge", "allocate", "allocation", "earmark", "commit", "commitment"}


def pick_money(ctx: DocumentIndex, trigger: Token, chain: list[Token]) -> Money | None:
    """The sum in the trigger's clause (or a governor's), else the sentence's only one."""
    for layer in clause_layers(trigger, chain):
        spans = char_spans(layer)
        hits = [m for m in ctx.money if any(m.span.overlaps(s) for s in spans)]
        if hits:
            return hits[0]
    sent = trigger.sent
    in_sentence = [m for m in ctx.money if Span(sent.start_char, sent.end_char).contains(m.span)]
    return in_sentence[0] if len(in_sentence) == 1 else None


def amount_of(money: Money, trigger: Token, chain: list[Token]) -> Amount:
    amount: Amount = {"value": money.value, "currency": money.currency}
    if money.approximate:
        amount["approximate"] = True
    kind = amount_kind(trigger, chain, money.span)
    if kind is not None:
        amount["kind"] = kind
    return amount


def amount_kind(trigger: Token, chain: list[Token], sum_span: Span) -> AmountKind | None:
    """"total" when the clause sums up a period reaching now, "new" when it marks one more
    sum or names a commitment (a pledge, an allocation); None when the text does not say
    (the price of a purchase, a sum given once)."""
    tokens = [t for layer in clause_layers(trigger, chain[:2]) for t in layer]
    if any(_sums_up(t) for t in tokens):
        return "total"
    # "new" must qualify the sum or what carries it ("a new aid package", "an additional
    # $2 million"), not another noun of the clause ("invested $130 million in a new line").
    carriers = {trigger, trigger.head if trigger.dep_ == "compound" else trigger}
    carriers |= {c for t in list(carriers) for c in t.children if c.dep_ in ("dobj", "nsubjpass")}
    carriers |= {t for t in tokens if token_span(t).overlaps(sum_span)}
    if any(c.lower_ in NEW_WORDS and c.dep_ in ("amod", "det")
           for t in carriers for c in t.children) or lemma_of(trigger) in COMMITTING:
        return "new"
    return None


def _sums_up(token: Token) -> bool:
    word = token.lower_
    if lemma_of(token) in TOTAL_WORDS:
        return True
    pair = {(c.lower_, word) for c in token.children}  # "far" governs "so"
    pair |= {(word, c.lower_) for c in token.children}  # "to" governs "date"
    if pair & (SO_FAR | UNTIL_NOW):
        return True
    if token.dep_ != "prep":
        return False
    objects = [c for c in token.children if c.dep_ == "pobj"]
    if word == "since":  # "since 2022", "since the invasion": from then until now
        return bool(objects)
    return word in PERIOD_PREPS and any(
        lemma_of(o) in PERIOD_NOUNS and any(c.lower_ in RECENT for c in o.children)
        for o in objects)


def starts_period(timex_span: Span, trigger: Token) -> bool:
    """"since 2022": the time expression is where a total starts, not when it was given."""
    sent = trigger.sent
    return any(t.lower_ == "since" and t.dep_ == "prep" and any(
        token_span(g).overlaps(timex_span) for g in t.subtree) for t in sent)
