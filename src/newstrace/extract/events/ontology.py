"""The event types: their trigger lemmas, what each lemma needs of its theme, the PLOVER
category, and the word classes a theme is sorted into (treaty, weapon, troops, money ...)."""

from __future__ import annotations

from dataclasses import dataclass

# Theme requirements a trigger lemma may have. ``None`` (ANY) means the lemma alone is enough.
ANY = None

TREATY = "treaty"  # a TREATY entity or a treaty word (treaty, convention, pact ...)

PACT = "pact"  # a treaty or an agreement ("withdraw from the nuclear deal")

AGREEMENT = "agreement"  # agreement, deal, memorandum, contract

WEAPON = "weapon"

TROOPS = "troops"

MONEY = "money"

LEGISLATION = "legislation"  # bill, law, motion ... or a vote tally in the sentence

# A vote counts as a body's vote only when the sentence says whose or on what: a legislature,
# its members or a committee votes, or the vote is on a bill, motion or treaty, or a tally is
# given. Citizens voting in an election or a referendum, "the right to vote", "the Latino
# vote" are not.
VOTING_BODY = "voting body"

VOICED = "voiced"  # a noun such as "concerns" that only counts when raised/voiced/expressed

DRILL = "drill"  # "exercises" only when military ("joint exercises") or held/conducted

# Word senses checked by the trigger's own phrase: "met the target" is no meeting, "blunt
# talk" no talks, "travelling at 180 mph" no trip, "the safety car was deployed" no deployment.
COUNTERPART = "counterpart"  # "meet" someone, not a requirement
# People met whom WordNet's most frequent senses do not count as people.
COUNTERPART_NOUNS = {"counterpart", "peer", "host", "opposite"}
TALKS = "talks"  # the plural: negotiations
DESTINATION = "destination"  # "travel" to somewhere
FORCES = "forces"  # "deploy" troops or weapons, or a force deploying
# "party" to a treaty only when the clause ends it: "ceased to be a party", "no longer a party"
ENDED = "ended"


@dataclass(frozen=True)
class EventType:
    name: str
    verbs: dict[str, str | None]
    nouns: dict[str, str | None]
    plover: str | None  # PLOVER event type, None where PLOVER has no fitting category
    treaty_action: bool = False  # id ignores the date: a state does this to a treaty once


def _type(name: str, plover: str | None, verbs: dict[str, str | None],
          nouns: dict[str, str | None] | None = None, treaty: bool = False) -> EventType:
    return EventType(name, verbs, nouns or {}, plover, treaty)


# Order matters: the first type whose lemma and theme fit wins, so the treaty readings of
# "sign", "denounce" and "vote" are tried before the generic ones.
ONTOLOGY: dict[str, EventType] = {t.name: t for t in (
    _type("treaty_signature", "AGREE", {"sign": TREATY},
          {"signing": TREATY, "signature": TREATY}, treaty=True),
    _type("treaty_ratification", "AGREE", {"ratify": PACT}, {"ratification": PACT}, treaty=True),
    _type("treaty_accession", "AGREE", {"accede": ANY, "join": TREATY},
          {"accession": TREATY}, treaty=True),
    # PLOVER REJECT covers rejecting or abandoning an agreement.
    _type("treaty_withdrawal", "REJECT",
          {"withdraw": PACT, "leave": PACT, "quit": PACT, "exit": PACT, "denounce": PACT,
           "pull": PACT, "abandon": PACT},
          {"withdrawal": PACT, "exit": PACT, "denunciation": PACT, "party": ENDED,
           "member": ENDED, "signatory": ENDED}, treaty=True),
    _type("treaty_vote", None, {"vote": TREATY}, {"vote": TREATY}),
    _type("parliamentary_vote", None,
          {"vote": VOTING_BODY, "approve": LEGISLATION, "pass": LEGISLATION, "adopt": LEGISLATION,
           "reject": LEGISLATION, "endorse": LEGISLATION},
          {"vote": VOTING_BODY}),
    _type("arms_procurement", None,
          {"buy": WEAPON, "acquire": WEAPON, "purchase": WEAPON, "order": WEAPON,
           "procure": WEAPON},
          {"purchase": WEAPON, "acquisition": WEAPON, "procurement": WEAPON, "order": WEAPON}),
    # PLOVER AID includes military aid (weapons, equipment).
    _type("arms_transfer", "AID",
          {"deliver": WEAPON, "supply": WEAPON, "send": WEAPON, "transfer": WEAPON,
           "ship": WEAPON, "provide": WEAPON, "give": WEAPON, "donate": WEAPON, "sell": WEAPON},
          {"delivery": WEAPON, "supply": WEAPON, "shipment": WEAPON, "transfer": WEAPON}),
    _type("deployment", "MOBILIZE",
          {"deploy": FORCES, "station": ANY, "send": TROOPS, "dispatch": TROOPS},
          {"deployment": ANY, "exercise": DRILL, "drill": DRILL, "manoeuvre": DRILL,
           "maneuver": DRILL}),
    _type("funding", "AID",
          {"fund": ANY, "finance": ANY, "allocate": MONEY, "pledge": MONEY, "grant": MONEY,
           "donate": MONEY, "provide": MONEY, "earmark": MONEY, "give": MONEY},
          {"funding": ANY, "aid": ANY, "loan": ANY, "assistance": ANY, "grant": MONEY,
           "fund": MONEY}),
    # PLOVER COOPERATE covers economic cooperation.
    _type("investment", "COOPERATE", {"invest": ANY}, {"investment": ANY}),
    _type("agreement", "AGREE",
          {"sign": AGREEMENT, "conclude": AGREEMENT, "reach": AGREEMENT, "seal": AGREEMENT}),
    _type("visit", "CONSULT", {"visit": ANY, "travel": DESTINATION}, {"visit": ANY, "trip": ANY}),
    _type("meeting", "CONSULT", {"meet": COUNTERPART},
          {"meeting": ANY, "talk": TALKS, "summit": ANY}),
    _type("production", None,
          {"produce": WEAPON, "manufacture": WEAPON, "build": WEAPON, "assemble": WEAPON},
          {"production": WEAPON, "manufacturing": WEAPON}),
    # PLOVER ACCUSE includes criticising and condemning.
    _type("criticism", "ACCUSE",
          {"criticise": ANY, "criticize": ANY, "condemn": ANY, "denounce": ANY, "decry": ANY,
           "rebuke": ANY, "censure": ANY, "slam": ANY, "lambast": ANY},
          {"criticism": ANY, "condemnation": ANY, "concern": VOICED, "rebuke": ANY}),
)}
# Every trigger lemma of some type, so that other words are passed over at once.
TRIGGER_VERBS = frozenset(lemma for t in ONTOLOGY.values() for lemma in t.verbs)
TRIGGER_NOUNS = frozenset(lemma for t in ONTOLOGY.values() for lemma in t.nouns)

# Nouns that name belonging to a treaty: "a party to", "a member of", "a signatory of".
MEMBER_NOUNS = {"party", "member", "signatory"}

TREATY_WORDS = {"treaty", "convention", "protocol", "pact", "charter", "accord"}

AGREEMENT_WORDS = {"agreement", "deal", "memorandum", "contract", "accord", "pact"}

# An agreement (not a treaty) is a pact a state leaves or ratifies only when its party makes
# treaties: a state, its people, a person in its office, or a public body of these gazetteer
# kinds. A
# company pulling out of a deal, a contract or a coalition agreement leaves no treaty.
TREATY_PARTY_KINDS = {"government", "presidency", "ministry", "parliament", "intergovernmental",
                      "eu-institution", "un-agency", "un-organ", "regime", "armed-forces",
                      "military-command", "armed-group", "paramilitary"}
# A person makes treaties only in a state office: known to the gazetteer as holding one, or
# titled with one in the report ("President X", "Foreign Minister X"). The last words of an
# office's title that say so on their own ("Economy Minister X"), beside the gazetteer's titles.
STATE_OFFICE_WORDS = {"president", "minister", "premier", "chancellor"}
# How many words before a name a title may take ("Deputy Prime Minister for Europe").
TITLE_WORDS = 5
COMMERCIAL_PARTY_NOUNS = {"company", "firm", "partner", "carmaker", "bank", "club", "sponsor",
                          "retailer", "airline", "broadcaster", "investor", "insurer",
                          "supplier", "manufacturer", "maker", "producer", "studio", "label",
                          "group", "shareholder", "union", "team", "developer", "operator"}

WEAPON_WORDS = {
    "weapon", "arm", "tank", "missile", "rocket", "drone", "howitzer", "artillery", "munition",
    "ammunition", "shell", "rifle", "launcher", "frigate", "submarine", "warship", "corvette",
    "interceptor", "mortar", "gun", "radar", "bomber", "torpedo", "grenade", "mine", "equipment",
}

# Craft and systems that airlines, carmakers and utilities buy too: weapons only with a
# military modifier ("fighter jets", "air defence systems") or a named weapon ("F-16 jets").
DUAL_USE_WORDS = {"system", "vehicle", "capability", "plane", "aircraft", "jet", "helicopter"}
WEAPON_MODIFIERS = {"defence", "defense", "missile", "rocket", "artillery", "combat", "armoured",
                    "armored", "military", "fighter", "air", "attack", "anti", "weapon",
                    "marine", "naval", "navy", "army", "war", "stealth", "surveillance"}

TROOP_WORDS = {"troop", "soldier", "force", "unit", "battalion", "brigade", "personnel",
               "peacekeeper", "contingent", "marine", "paratrooper", "instructor", "division",
               "regiment", "sailor", "warship", "jet", "company", "observer", "monitor",
               "police", "officer", "guard", "ship", "vessel", "carrier"}

MONEY_WORDS = {"fund", "money", "aid", "loan", "grant", "assistance", "package", "euro",
               "dollar", "budget"}

LEGISLATION_WORDS = {"bill", "law", "motion", "resolution", "budget", "amendment", "legislation",
                     "act", "proposal", "reform", "decree", "draft", "measure"}

# Common nouns naming a legislature; a named one ("the Seimas") is known by its gazetteer kind.
LEGISLATURE_NOUNS = {"parliament", "parlament", "legislature", "congress", "senate", "assembly",
                     "house"}

# Subjects that stand for a legislature: "103 MPs voted" is the parliament voting.
LEGISLATOR_WORDS = {"mp", "lawmaker", "legislator", "deputy", "senator", "parliamentarian",
                    "congressman", "congresswoman", "mep", "member", "representative",
                    "sen", "rep"}  # "Sen. Ortiz", "Rep. Hale"

# Bodies smaller than a legislature whose votes are recorded ("a House panel voted").
VOTING_BODY_WORDS = {"committee", "panel", "council", "chamber", "commission", "assembly"}

# Votes of the people rather than of a body: "voters in the referendum", "the election".
ELECTION_WORDS = {"election", "referendum", "plebiscite", "ballot", "poll", "electorate",
                  "voter", "primary", "electoral", "citizen", "resident", "caucus", "popular"}
# Verbs whose object "votes" are a candidate's: "received more votes", "won the vote".
CANDIDATE_VERBS = {"receive", "win", "get", "gain", "secure", "garner", "poll", "lose", "attract"}

# "a parliamentary vote", "congressional approval".
LEGISLATIVE_ADJECTIVES = {"parliamentary", "congressional", "legislative"}

# What is met when "meet" is no meeting: "met the deadline", "meet sales targets".
REQUIREMENT_NOUNS = {"requirement", "target", "bar", "standard", "deadline", "demand", "need",
                     "goal", "criterion", "criteria", "expectation", "condition", "threshold",
                     "obligation", "commitment", "quota", "cost", "test", "benchmark",
                     "payment", "challenge", "objective", "request", "mark"}

VOICING_VERBS = {"raise", "voice", "express", "cite"}

# Verbs that only carry a nominal trigger ("announced an investment", "held talks"): their
# subject is the trigger's actor.
LIGHT_VERBS = {"announce", "make", "complete", "finalise", "finalize", "conclude", "approve",
               "begin", "start", "launch", "pay", "carry", "confirm", "unveil", "seal", "hold",
               "plan", "agree", "sign", "receive", "pledge", "undertake", "conduct",
               "raise", "voice", "express", "issue", "order", "have", "stage", "attend",
               "host", "open", "end", "wrap", "resume", "continue", "chair", "convene"}

# Modifiers that make "exercises" military manoeuvres.
DRILL_MODIFIERS = {"joint", "military", "naval", "air", "war", "combat", "tactical", "nuclear",
                   "live", "large", "scale", "army", "command", "staff", "amphibious"}

PARTICIPANT_TYPES = {"PERSON", "ORG", "GPE", "NORP", "OUTLET", "TREATY", "WEAPON", "EVENT"}

PARTICIPANT_ROLES = ("actor", "target", "recipient", "system", "seller", "amount", "votes",
                     "units", "location", "co_actors")

MONEY_TYPES = {"investment", "funding", "arms_procurement", "arms_transfer", "agreement",
               "production"}

VOTE_TYPES = {"treaty_vote", "parliamentary_vote", "treaty_ratification"}

AGENT_TYPES = {"PERSON", "ORG", "GPE", "NORP", "OUTLET"}

# Events that last and contain others: meetings during a visit fall within its days.
CONTAINER_TYPES = {"visit"}

# Entity types whose names can hold an event word without reporting the event.
NAMED_TYPES = {"ORG", "OUTLET", "PERSON", "GPE", "WEAPON", "EVENT"}
