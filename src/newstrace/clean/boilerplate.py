"""Boilerplate: the lines of a saved page or post that are not the report.

Each kind is a pattern that many sites share, never one outlet's wording: cookie and consent
banners, forum signatures and post stamps, share and subscribe lines, navigation menus and
breadcrumbs, related-story lists under their heading, and a lead paragraph printed twice
(the standfirst, then the article opening with it). Boilerplate is marked with spans of the
original text, one per line, so offsets stay true; nothing is removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newstrace.clean.stories import MAX_HEADLINE_CHARS, iter_lines
from newstrace.models import Span

# A line of chrome is short: a paragraph longer than this that mentions cookies or asks to
# share is article text about them.
MAX_BOILERPLATE_CHARS = 200
# Consent banners run longer ("We and our partners store and access information on your
# device ..."), so a long line is a banner only when it speaks to the reader (below).
MAX_BANNER_CHARS = 800

COOKIE_WORDS = re.compile(
    r"\b(cookies?|privacy (policy|notice|settings)|terms (of (use|service)|and conditions)"
    r"|consent preferences)\b", re.IGNORECASE)
# A banner addresses the visitor or offers buttons; an article sentence about cookies
# ("regulators fined the publisher over its cookies") does neither.
VISITOR_WORDS = re.compile(
    r"\b(you|your|we|our|us|this (web)?site|accept( all)?|reject( all)?|agree|manage"
    r"|preferences|settings|close|ok)\b", re.IGNORECASE)
SECOND_PERSON = re.compile(r"\b(you|your)\b", re.IGNORECASE)
SITE_OWNER = re.compile(r"\b(we|our|this (web)?site)\b", re.IGNORECASE)
# A long line reporting speech is a report about cookies, even one quoting a banner.
REPORTING = re.compile(r"\b(said|says|told|according to)\b|[“”\"„«»]", re.IGNORECASE)

LINE_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        # forum and blog stamps: "Last edited by …", "Posted by … on …", "Sent from my phone"
        r"^(last )?edited by\b",
        r"^edited \d+ times?\b",
        r"^(posted|submitted|written) by \S+ (on|at|[-–—])",
        r"^(sent|posted) (from|via) my\b",
        # subscribe and follow lines
        r"^subscribe\b",
        # "Sign up for …" is also a how-to's step; chrome asks for the reader's inbox
        r"^(sign up|sign-up|register)\b.*\b(newsletters?|our|us|here|now|today|inbox"
        r"|alerts|podcast|updates|briefing|(an|our|the|daily|weekly) e-?mail)\b",
        r"^(follow|join) (us|our)\b",
        r"^(get|receive) (our|the latest|the best)\b.*\b(newsletter|inbox|e-?mail|app|alerts)\b",
        r"^download (our|the)\b.*\bapp\b",
        r"\b(newsletters?|inbox|e-?mail address)\b.*\b(sign up|subscribe)\b",
        r"\b(sign up|subscribe)\b.*\b(newsletters?|inbox|e-?mail address)\b",
        # copyright, advertising and links out
        r"all rights reserved",
        r"^(©|\(c\)|copyright\b)",
        r"^(advertisement|advertising|sponsored( content)?)$",
        r"^click (here|to)\b",
        r"^(skip to (main )?content|log in|sign in|search)$",
        # an inline pointer to another story: "Read more: …", "Related: …"
        r"^[\[(]?(read more|read also|also read|related|see also|more on this( story)?)\s*:",
    )
]

# The words share bars, comment bars and post footers are made of: a line of nothing else
# ("Share this article", "Facebook Twitter WhatsApp Email", "Like · Reply · Report").
ACTION_WORDS = frozenset(
    "share shares this article story page post tweet email e mail print reply replies quote "
    "like likes report save copy link comment comments facebook twitter x whatsapp linkedin "
    "telegram reddit pinterest messenger bluesky threads google on via to by or and follow "
    "bookmark".split()
)
# A row of one or two of those words holds an action ("Share", "Print this page"), not only
# names ("Twitter"); three and more are a bar of networks.
ACTIONS = frozenset("share tweet email print reply quote like report save copy comment "
                    "comments bookmark follow".split())
MIN_NETWORK_BAR_WORDS = 3

# Menus and breadcrumbs: "Home | World | Business | Sport", "News › Europe › Baltics". Dashes
# are no separator: "Riga – Tallinn – Vilnius" is a title's punctuation.
MENU_SEPARATOR = re.compile(r"\s*\|\s*|\s+[•·›»>/]\s+")
MIN_MENU_ITEMS = 3
MAX_MENU_ITEM_WORDS = 3
MAX_MENU_ITEM_CHARS = 30

# A menu printed one item a line: a run of one- and two-word lines, among them the sections
# every news site has (a list of names or countries has none of them).
MENU_SECTIONS = frozenset(
    "home news world politics business economy money sport sports culture opinion video "
    "videos weather science health technology tech travel entertainment lifestyle podcasts "
    "contact about search menu login".split())
MIN_MENU_LINES = 4
MAX_MENU_LINE_WORDS = 2
MAX_MENU_LINE_CHARS = 20

# The heading of a list of links to other stories; the short lines under it are the list
# (up to the first sentence: the report goes on, or the next one starts).
RELATED_HEADING = re.compile(
    r"^(related( stories| articles| content| coverage| news| topics| links| reading)?"
    r"|more (on|about) this (story|topic)|more (stories|news)( from [\w .'&-]{1,30})?"
    r"|more from [\w .'&-]{1,30}|most (read|popular|viewed|shared|watched)"
    r"|top stories|latest (news|stories)|recommended( for you| stories| reading)?"
    r"|you (may|might) also (like|be interested in)|see also|read (more|next|also)|also read"
    r"|what to read next|editor'?s picks|trending( now)?)\s*:?$",
    re.IGNORECASE)
SENTENCE_FINAL = ".!?;:"

# A repeated paragraph is a lead printed twice only when it is a sentence long enough not to
# repeat by chance ("Photo: Reuters", a feature list's items) and the first copy opens the page.
MIN_LEAD_WORDS = 8
LEAD_PARAGRAPHS = 3
SENTENCE_END = re.compile(r"[.!?][\"”’»)]*$")

# A signature below sig dashes ("-- ") or a rule of underscores: a few short lines that end
# the post (a rule inside an article separates its parts).
SIGNATURE_RULE = re.compile(r"^(--|_{5,})$")
MAX_SIGNATURE_LINES = 4
MAX_SIGNATURE_LINE_CHARS = 100


# A picture's credit pasted into the text with its caption: "(AP Photo/Ann Lee)", "(ANN
# LEE/Harbour Press Agency)", "(Reuters/Ann Lee, File)", "(Pictures by: Ann Lee/Pool)",
# "(Photo: @annlee/Harbour FM/Twitter)": names or handles on both sides of a slash (or two)
# in parentheses, something in it saying it is a picture or an agency. Its names are no one
# the report speaks of.
CREDITED_NAME = r"(?:@\w+|[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,4})"
PHOTO_CREDIT = re.compile(
    r"\((?i:(?:photo|picture|image)s?(?: by)?:?\s*)?" + CREDITED_NAME +
    r"(?:\s*/\s*" + CREDITED_NAME + r"){1,3}(?i:,\s*file)?\)")
PHOTO_CREDIT_WORDS = frozenset(
    "photo photos photograph picture pictures image images pool agency press pressphoto "
    "handout courtesy getty shutterstock afp ap reuters epa xinhua tass anadolu bloomberg "
    "alamy".split())


def photo_credits(text: str) -> Iterator[Span]:
    """The pictures' credits (`PHOTO_CREDIT`) anywhere in a text."""
    for match in PHOTO_CREDIT.finditer(text):
        if {w.lower() for w in re.findall(r"\w+", match.group())} & PHOTO_CREDIT_WORDS:
            yield Span(match.start(), match.end())


def find_boilerplate(text: str) -> list[Span]:
    """The boilerplate of a text, in order and never overlapping: lines, and pictures'
    credits within the lines kept."""
    lines = list(iter_lines(text))
    found = {line for line in lines if is_boilerplate_line(line.text(text))}
    found.update(related_lists(text, lines))
    found.update(menu_columns(text, lines))
    found.update(signatures(text, lines))
    found.update(repeated_leads(text, lines, found))
    credits = [credit for credit in photo_credits(text)
               if not any(line.overlaps(credit) for line in found)]
    return sorted(found.union(credits))


def is_boilerplate_line(line: str) -> bool:
    """A line that is chrome by itself, whatever surrounds it."""
    if is_cookie_banner(line):
        return True
    if len(line) > MAX_BOILERPLATE_CHARS:
        return False
    return (any(p.search(line) for p in LINE_PATTERNS) or is_action_row(line)
            or is_menu(line))


def is_cookie_banner(line: str) -> bool:
    if not COOKIE_WORDS.search(line):
        return False
    if len(line) <= MAX_BOILERPLATE_CHARS:
        return bool(VISITOR_WORDS.search(line))
    return (len(line) <= MAX_BANNER_CHARS and bool(SECOND_PERSON.search(line))
            and bool(SITE_OWNER.search(line)) and not REPORTING.search(line))


def is_action_row(line: str) -> bool:
    words = re.findall(r"[^\W\d_]+", line.lower())
    return bool(words) and all(w in ACTION_WORDS for w in words) and (
        len(words) >= MIN_NETWORK_BAR_WORDS or any(w in ACTIONS for w in words))


def is_menu(line: str) -> bool:
    items = MENU_SEPARATOR.split(line.strip(" |"))
    return len(items) >= MIN_MENU_ITEMS and all(
        0 < len(item) <= MAX_MENU_ITEM_CHARS and len(item.split()) <= MAX_MENU_ITEM_WORDS
        and item[-1] not in SENTENCE_FINAL for item in items)


def menu_columns(text: str, lines: list[Span]) -> Iterator[Span]:
    """Runs of menu items, one a line, that name a site section."""
    runs: list[list[Span]] = [[]]
    for line in lines:
        words = line.text(text)
        if (len(words) <= MAX_MENU_LINE_CHARS and len(words.split()) <= MAX_MENU_LINE_WORDS
                and words[-1] not in SENTENCE_FINAL and not any(c.isdigit() for c in words)):
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    for run in runs:
        if len(run) >= MIN_MENU_LINES and any(
                word in MENU_SECTIONS for item in run for word in item.text(text).lower().split()):
            yield from run


def related_lists(text: str, lines: list[Span]) -> Iterator[Span]:
    """A related-stories heading and the headline lines under it, up to the first line that
    is a sentence or a paragraph."""
    in_list = False
    for line in lines:
        words = line.text(text)
        if len(words) <= MAX_HEADLINE_CHARS and RELATED_HEADING.match(words):
            in_list = True
            yield line
        elif in_list and len(words) <= MAX_HEADLINE_CHARS and words[-1] not in SENTENCE_FINAL:
            yield line
        else:
            in_list = False


def signatures(text: str, lines: list[Span]) -> Iterator[Span]:
    for i, line in enumerate(lines):
        below = lines[i + 1:]
        if SIGNATURE_RULE.match(line.text(text)) and len(below) <= MAX_SIGNATURE_LINES and all(
                len(b.text(text)) <= MAX_SIGNATURE_LINE_CHARS for b in below):
            yield from [line, *below]


def repeated_leads(text: str, lines: list[Span], boilerplate: set[Span]) -> Iterator[Span]:
    """Later copies of one of the first paragraphs, word for word."""
    paragraphs = [line for line in lines if line not in boilerplate
                  and len(line.text(text).split()) >= MIN_LEAD_WORDS
                  and SENTENCE_END.search(line.text(text))]
    leads = {" ".join(p.text(text).split()) for p in paragraphs[:LEAD_PARAGRAPHS]}
    seen: set[str] = set()
    for paragraph in paragraphs:
        words = " ".join(paragraph.text(text).split())
        if words in seen:
            yield paragraph
        elif words in leads:
            seen.add(words)
