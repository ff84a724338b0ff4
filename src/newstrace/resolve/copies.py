"""Wire copy: which stored documents a document republishes, or is republished by.

An agency story reaches readers through many outlets: whole, under each outlet's boilerplate
and credit lines, at several URLs, under a new lead paragraph, with its tail cut, its
paragraphs reordered or a few words changed. Exact copies never reach here (the store skips
content it holds). Near copies are found in two steps:

1. candidates: a MinHash signature of the document's word shingles, looked up in an LSH index
   of every stored signature. Signatures are stored with the documents, so a run builds the
   index once from the store and adds each document as it is stored: the work per document
   depends on how many stored documents share text with it, not on how many are stored.
2. verification: the candidate's stored text is shingled again and the sets are compared
   exactly. A pair is linked only when most of the shorter document is the other's text
   (containment), so a short story that quotes one paragraph of a long one and tells the rest
   in its own words is not a copy, while a brief cut down from the long one is. (The index
   proposes a brief of a fifth of a story's length about half the time: LSH estimates
   Jaccard, and a brief's Jaccard with its source is small.)

The first report of a linked pair is the one published first; on the same day (or both
undated) the one stored first. An undated document never counts as earlier than a dated one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from hashlib import sha1
from typing import TYPE_CHECKING, Protocol

import numpy as np
from anyascii import anyascii

if TYPE_CHECKING:
    from datasketch import MinHash

from newstrace.models import Span

# Five-word shingles: long enough that two different stories on one topic rarely share one
# ("the prime minister said on" is a four-word commonplace), short enough that a changed
# word costs only the five shingles around it, so light edits keep most of a copy's shingles.
SHINGLE_WORDS = 5
# 128 permutations: Jaccard estimated within about 0.04 at 0.5, and a signature of 512 bytes
# a document (51 MB for 100,000 documents).
PERMUTATIONS = 128
# LSH bands of rows: a pair is a candidate when all rows of one band agree, with probability
# 1 - (1 - J^ROWS)^BANDS for Jaccard J. 64 bands of 2 rows make a candidate of 93% of the
# pairs at J = 0.2 (a copy cut to a third of its source under a new lead and outlet lines)
# and 47% at 0.1 (a brief of a long story's first paragraphs). Pairs that share a sentence
# or two (J about 0.03) become candidates about one time in twenty: the estimate below
# drops those without reading them.
BANDS, ROWS = 64, 2
# A candidate is read from the store only when its signature estimates the containment at
# half the bar or more: the estimate errs by about 0.1 at the bar, so no copy is dropped,
# while the sentence-sharing pairs (estimated near 0.05) are.
MIN_ESTIMATED_CONTAINMENT = 0.3
# Linked when at least 60% of the shorter document's shingles are the other's: a copy under
# a new lead and outlet lines, cut to half its length, keeps 70-90%; a story that quotes one
# paragraph of another in its own report of three or more paragraphs keeps under 40%.
MIN_CONTAINMENT = 0.6
# ... and they share at least 30 shingles (about two sentences): a headline or a one-line
# item inside a long story is no republication of it.
MIN_SHARED = 30
# Keys added to the LSH index wait unsorted until they are this many (or as many as the
# sorted ones): a run's first documents cost no sort each.
SORTED_AT_ONCE = 1024
SEED = 1  # the permutations every stored signature was made with: never change it
SCHEME = "affine32"  # datasketch's permutation scheme, stored values fit 32 bits

WORD = re.compile(r"[a-z0-9]+")
NON_ASCII = re.compile(r"[^\x00-\x7f]+")  # only these are transliterated: a "£" costs one call


@dataclass(frozen=True)
class Report:
    """A document as wire-copy finding reads it: its text, the boilerplate spans left out of
    its shingles, its publication day and the order it was stored in (None: not yet)."""

    id: str
    text: str
    boilerplate: Sequence[Span] = ()
    published: date | None = None
    order: int | None = None

    def first_key(self) -> tuple[date, float]:
        return (self.published or date.max,
                float("inf") if self.order is None else float(self.order))


@dataclass(frozen=True)
class CopyLink:
    document_id: str  # the copy: the later report of the two
    copy_of_id: str  # the first report of the two
    similarity: float  # Jaccard of their shingle sets
    containment: float  # the share of the shorter one's shingles the other has


@dataclass(frozen=True)
class Signed:
    """What wire-copy finding stores for a document: its signature, how many shingles it
    has, and its links."""

    document_id: str
    signature: bytes
    shingles: int
    links: list[CopyLink]


# The stored documents of the ids given, as reports (`CopyStore.reports`).
Reports = Callable[[list[str]], dict[str, Report]]


class CopyStore(Protocol):
    """What wire-copy finding reads and writes (`Store` has it)."""

    def signatures(self) -> Iterator[tuple[str, bytes, int]]: ...

    def unsigned_documents(self) -> list[str]: ...

    def reports(self, document_ids: list[str]) -> dict[str, Report]: ...

    def save_copies(self, document_id: str, signature: bytes, shingle_count: int,
                    links: list[CopyLink]) -> None: ...


def shingles(text: str, boilerplate: Sequence[Span] = ()) -> set[str]:
    """The document's word five-grams: ASCII-folded lowercase words, boilerplate left out."""
    for span in sorted(boilerplate, reverse=True):
        text = text[:span.start] + "\n" + text[span.end:]
    words = WORD.findall(NON_ASCII.sub(lambda found: anyascii(found.group()), text).lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    # each run of SHINGLE_WORDS words: the words zipped with themselves shifted (the shorter
    # lists end the zip)
    return set(map(" ".join, zip(*(words[i:] for i in range(SHINGLE_WORDS)), strict=False)))


@cache
def _minhash() -> type[MinHash]:
    # Imported when a signature is first made: datasketch brings scipy (about a second),
    # which the analysing worker processes, importing this module with the pipeline, never use.
    from datasketch import MinHash
    return MinHash


@cache
def _permuted() -> np.ndarray:
    return _minhash()(num_perm=PERMUTATIONS, seed=SEED, scheme=SCHEME).permutations


# The MurmurHash3 finalizer's shifts and multipliers, with which datasketch's affine32 scheme
# mixes each shingle's hash before permuting it.
FMIX32 = (16, np.uint32(0x85EBCA6B), 13, np.uint32(0xC2B2AE35), 16)
EMPTY = np.full(PERMUTATIONS, 0xFFFFFFFF, dtype=np.uint32)  # no shingle: every value at most


def signature(shingle_set: set[str]) -> bytes:
    """The MinHash of a shingle set, 4 bytes a permutation, as stored: datasketch's
    ``MinHash(num_perm=PERMUTATIONS, seed=SEED, scheme=SCHEME).update_batch`` of the shingles'
    UTF-8 bytes, computed here with its own permutations (the same values, tested), all
    shingles at once: each one's SHA-1 (its first 4 bytes, little-endian: datasketch's
    `sha1_hash32`) read from one buffer of digests, mixed and permuted as arrays."""
    if not shingle_set:
        return EMPTY.tobytes()
    digests = b"".join([sha1(shingle.encode("utf-8")).digest() for shingle in shingle_set])
    hashed = np.frombuffer(digests, dtype="<u4")[::sha1().digest_size // 4].astype(np.uint32)
    first, times, second, again, third = FMIX32
    hashed ^= hashed >> first
    hashed *= times
    hashed ^= hashed >> second
    hashed *= again
    hashed ^= hashed >> third
    a, b = _permuted()
    permuted = np.multiply.outer(a, hashed)  # modulo 2**32, as uint32 arithmetic wraps
    permuted += b[:, np.newaxis]
    return permuted.min(axis=1).tobytes()


def _values(signature_bytes: bytes) -> np.ndarray:
    return np.frombuffer(signature_bytes, dtype=np.uint32)


def estimated_containment(values: np.ndarray, count: int, others: np.ndarray,
                          other_counts: np.ndarray) -> np.ndarray:
    """For each of the other signatures (rows) and set sizes, the share of the smaller set in
    the larger: |A & B| = J (|A| + |B|) / (1 + J) for Jaccard J estimated by the signatures."""
    jaccard = (others == values).mean(axis=1)
    return jaccard * (count + other_counts) / (1 + jaccard) \
        / np.maximum(1, np.minimum(count, other_counts))


def compare(report: Report, words: set[str], other: Report, other_words: set[str]
            ) -> CopyLink | None:
    """The link between two reports when one republishes the other, else None."""
    shared = len(words & other_words)
    if shared < MIN_SHARED:
        return None
    containment = shared / min(len(words), len(other_words))
    if containment < MIN_CONTAINMENT:
        return None
    first, copy = sorted((report, other), key=Report.first_key)
    return CopyLink(copy.id, first.id, round(shared / len(words | other_words), 3),
                    round(containment, 3))


def band_keys(signatures: np.ndarray) -> np.ndarray:
    """Each signature's (rows') bands as one number each: with ROWS = 2 a band's two 32-bit
    values are one 64-bit key, equal exactly when both values are."""
    values = np.ascontiguousarray(signatures, dtype=np.uint32)
    return values.reshape(len(values), BANDS * ROWS).view(np.uint64)


class Bands:
    """LSH: the indexed rows whose signature agrees with a given one on every row of at least
    one band. Every band's keys are kept sorted together, each with its place (row * BANDS +
    band), and found by binary search, all bands' in one call; keys added since the last
    sort wait in a table of their own (key -> places) and are sorted in once they are as many
    as the sorted ones, so building from a store's signatures is one sort (not a loop over
    them) and keeping up costs a constant a document."""

    def __init__(self) -> None:
        self.keys = np.empty(0, dtype=np.uint64)  # every band's keys, sorted
        self.places = np.empty(0, dtype=np.int64)  # and the place of each: row * BANDS + band
        self.recent: dict[int, list[int]] = {}  # the places of each key not sorted in yet
        self.recent_count = 0

    def sort(self, signatures: np.ndarray) -> None:
        """Index the rows of ``signatures``, all of them, sorted."""
        keys = band_keys(signatures).ravel()  # row by row: key i is row i // BANDS's
        self.places = np.argsort(keys, kind="stable").astype(np.int64, copy=False)
        self.keys = keys[self.places]
        self.recent = {}
        self.recent_count = 0

    def add(self, row: int, signatures: np.ndarray) -> None:
        """Index row ``row`` of ``signatures`` (every row indexed so far)."""
        for band, key in enumerate(band_keys(signatures[row:row + 1])[0].tolist()):
            self.recent.setdefault(key, []).append(row * BANDS + band)
        self.recent_count += 1
        if self.recent_count >= max(SORTED_AT_ONCE, len(self.keys) // BANDS):
            self.sort(signatures)

    def query(self, values: np.ndarray) -> set[int]:
        found: set[int] = set()
        keys = band_keys(values[np.newaxis])[0]
        starts = self.keys.searchsorted(keys, "left")
        ends = self.keys.searchsorted(keys, "right")
        for band in np.flatnonzero(ends > starts).tolist():
            # the sorted keys equal to this band's: this band's own, and rarely another's
            places = self.places[starts[band]:ends[band]]
            found.update((places[places % BANDS == band] // BANDS).tolist())
        if self.recent:
            wanted = keys.tolist()
            for key in self.recent.keys() & wanted:  # the few keys some band shares
                found.update(place // BANDS for place in self.recent[key]
                             if wanted[place % BANDS] == key)
        return found


class WireCopies:
    """The LSH index of a store's signatures for one run; `link` finds, stores and indexes."""

    def __init__(self, store: CopyStore):
        self.store = store
        # Each indexed document's row in the signatures and shingle counts, for the estimate.
        self.rows: dict[str, int] = {}
        self.ids: list[str] = []  # the document of each row
        ids, stored, counts = [], [], []
        for document_id, signature_bytes, count in store.signatures():
            ids.append(document_id)
            stored.append(signature_bytes)
            counts.append(count)
        room = max(1024, 2 * len(ids))
        self.signatures = np.empty((room, PERMUTATIONS), dtype=np.uint32)
        self.counts = np.empty(room, dtype=np.int64)
        self.signatures[:len(ids)] = _values(b"".join(stored)).reshape(-1, PERMUTATIONS)
        self.counts[:len(ids)] = counts
        self.rows = {document_id: row for row, document_id in enumerate(ids)}
        self.ids = ids
        self.bands = Bands()
        self.bands.sort(self.signatures[:len(ids)])
        # Documents stored before wire copy was looked for, or by a run stopped between
        # storing a document and linking it, are linked now, in the order they are listed.
        for document_id in store.unsigned_documents():
            self.link(store.reports([document_id])[document_id])

    def _add(self, document_id: str, values: np.ndarray, count: int) -> None:
        row = self.rows.setdefault(document_id, len(self.rows))
        if row == len(self.ids):
            self.ids.append(document_id)
        if row == len(self.counts):  # full: twice the room
            self.signatures = np.resize(self.signatures, (2 * row, PERMUTATIONS))
            self.counts = np.resize(self.counts, 2 * row)
        self.signatures[row], self.counts[row] = values, count
        self.bands.add(row, self.signatures[:len(self.ids)])

    def candidates(self, document_id: str, values: np.ndarray, count: int) -> list[str]:
        """Indexed documents that may share most of the smaller one's shingles."""
        rows = [row for row in sorted(self.bands.query(values))
                if self.ids[row] != document_id]
        estimates = estimated_containment(values, count, self.signatures[rows],
                                          self.counts[rows])
        return [self.ids[row] for row, estimate in zip(rows, estimates, strict=True)
                if estimate >= MIN_ESTIMATED_CONTAINMENT]

    def find(self, report: Report, reports: Reports | None = None) -> Signed:
        """The report's signature and its links to the indexed documents it copies or that
        copy it (nothing stored, nothing indexed: `Store.save` stores them with the
        document, then `add` indexes it). ``reports`` reads the candidates (the writing
        transaction's, which sees the documents it stored); else the store."""
        words = shingles(report.text, report.boilerplate)
        stored = signature(words)
        links: list[CopyLink] = []
        read = reports or self.store.reports
        if words:
            for other in read(self.candidates(report.id, _values(stored), len(words))).values():
                link = compare(report, words, other, shingles(other.text, other.boilerplate))
                if link:
                    links.append(link)
        return Signed(report.id, stored, len(words), links)

    def add(self, signed: Signed) -> None:
        """Index a stored document's signature."""
        if signed.shingles:
            self._add(signed.document_id, _values(signed.signature), signed.shingles)

    def link(self, report: Report) -> list[CopyLink]:
        """Store the report's signature and its links to the stored documents it copies or
        that copy it, and add it to the index (a document stored without them)."""
        signed = self.find(report)
        self.add(signed)
        self.store.save_copies(report.id, signed.signature, signed.shingles, signed.links)
        return signed.links
