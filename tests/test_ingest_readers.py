"""Ingest reads each kind of input by its content: plain text, HTML, RSS/Atom, WARC, CSV and
JSONL, gzipped or not, from files, directories and stdin. Every fixture is written here."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newstrace.errors import InputError
from newstrace.ingest import IngestProblem, parse_column_map, read_inputs
from newstrace.ingest.html import date_in_url, outlet_of_url
from newstrace.ingest.sniff import sniff
from newstrace.models import Document

ARTICLE = [
    "The harbour council of Westmere voted on Tuesday to rebuild the wooden pier that storms "
    "damaged last winter, ending a debate that had run for most of the year.",
    "Councillor Ada Brennan, who chairs the works committee, said the new pier would be built "
    "of concrete and steel and should open to walkers by the end of next summer.",
    "\u201cWe owe the fishermen a safe landing,\u201d Brennan told the meeting, adding that the "
    "council had set aside money from its reserve fund for the first phase.",
    "Opponents argued that the cost would leave too little for road repairs, and two members "
    "voted against the plan after a long evening of questions from residents.",
]
BOILERPLATE = ["We use cookies to improve your experience", "Accept all cookies", "Home",
               "Weather", "Related stories", "Storm closes coastal road",
               "Subscribe to our newsletter", "Share this article"]


def page(title: str = "Harbour council votes to rebuild the old pier", metadata: bool = True,
         paragraphs: list[str] = ARTICLE, lang: str = "en-GB") -> str:
    meta = ("<meta property='og:site_name' content='The Coastal Ledger'>"
            "<meta name='author' content='Mara Linden'>"
            "<meta property='article:published_time' content='2024-05-14T09:30:00Z'>"
            if metadata else "")
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>{meta}</head><body>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies or
manage your preferences.</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/weather">Weather</a></li></ul></nav>
<main><article><h1>{title}</h1>{body}</article></main>
<aside><h3>Related stories</h3><ul><li><a href="/a">Storm closes coastal road</a></li>
<li><a href="/b">Ferry timetable changes for the winter</a></li></ul></aside>
<footer>Share this article | Subscribe to our newsletter | The Coastal Ledger</footer>
</body></html>"""


def documents(paths: list[str], **kwargs: object) -> list[Document]:
    found = list(read_inputs(paths, **kwargs))  # type: ignore[arg-type]
    assert not [p for p in found if isinstance(p, IngestProblem)], found
    return [d for d in found if isinstance(d, Document)]


def problems(paths: list[str]) -> list[IngestProblem]:
    return [p for p in read_inputs(paths) if isinstance(p, IngestProblem)]


def test_a_web_page_keeps_the_article_and_drops_the_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "pier.html"
    path.write_text(page(), encoding="utf-8")
    [document] = documents([str(path)])
    for paragraph in ARTICLE:
        assert paragraph in document.text
    for line in BOILERPLATE:
        assert line not in document.text
    assert (document.title, document.author, document.outlet, document.published) == (
        "Harbour council votes to rebuild the old pier", "Mara Linden", "The Coastal Ledger",
        date(2024, 5, 14))
    assert document.source_kind == "html" and document.language == "en"
    assert document.source == path.read_text(encoding="utf-8")  # the raw page is kept


def test_a_page_without_metadata_takes_its_date_and_outlet_from_its_address() -> None:
    assert date_in_url("https://news.example.org/2024/03/05/pier-vote") == date(2024, 3, 5)
    assert date_in_url("https://news.example.org/2024-03-05-pier-vote.html") == date(2024, 3, 5)
    assert date_in_url("https://news.example.org/2024/13/45/x") is None
    assert date_in_url("https://news.example.org/pier") is None
    assert outlet_of_url("https://www.example.org/a") == "example.org"
    assert outlet_of_url("https://www.reuters.com/world/a") == "Reuters"  # the gazetteer's name


def test_a_page_saved_under_the_wrong_name_is_still_read_as_a_page(tmp_path: Path) -> None:
    path = tmp_path / "pier.txt"
    path.write_text(page(metadata=False), encoding="cp1252")
    [document] = documents([str(path)], published=date(2024, 1, 2), outlet="Desk")
    assert document.source_kind == "html" and ARTICLE[2] in document.text
    assert "<p>" not in document.text and "cookies" not in document.text
    # The caller's defaults fill what the page does not say.
    assert (document.published, document.outlet, document.url) == (date(2024, 1, 2), "Desk", None)


def test_a_saved_page_names_its_own_address(tmp_path: Path) -> None:
    path = tmp_path / "saved.html"
    path.write_text(page(metadata=False).replace(
        "<head>", "<head><link rel='canonical' href='https://www.example.net/2023/11/02/pier'>"),
        encoding="utf-8")
    [document] = documents([str(path)])
    assert document.url == "https://www.example.net/2023/11/02/pier"
    assert (document.published, document.outlet) == (date(2023, 11, 2), "example.net")


def test_gzip_and_jsonl_are_told_by_content(tmp_path: Path) -> None:
    text = tmp_path / "note"
    text.write_bytes(gzip.compress("\n".join(ARTICLE).encode("utf-16")))
    records = tmp_path / "records.txt"
    records.write_text(json.dumps({"id": "ledger-7", "text": ARTICLE[0]}) + "\n",
                       encoding="utf-8")
    plain, record = documents([str(text), str(records)])
    assert plain.source_kind == "text" and plain.text == "\n".join(ARTICLE)
    assert plain.source is None  # the text is the input itself
    assert (record.source_kind, record.id) == ("jsonl", "ledger-7")


def feed(link_of_first: str, atom: bool = False) -> str:
    summary = "&lt;p&gt;The pier will be rebuilt, the council decided.&lt;/p&gt;"
    second = ("&lt;p&gt;Ferry crossings to the islands will run twice a day from "
              "Monday, the operator said.&lt;/p&gt;&lt;p&gt;Winter times return in "
              "October.&lt;/p&gt;")
    if atom:
        return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>The Coastal Ledger</title>
<entry><id>urn:ledger:101</id><title>Pier to be rebuilt</title>
<link href="{link_of_first}"/><updated>2024-05-14T10:00:00Z</updated>
<author><name>Mara Linden</name></author><summary type="html">{summary}</summary></entry>
<entry><id>urn:ledger:102</id><title>Ferries twice a day</title>
<updated>2024-05-15T08:00:00Z</updated><content type="html">{second}</content></entry>
</feed>"""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>The Coastal Ledger</title><language>en</language>
<item><guid>ledger-101</guid><title>Pier to be rebuilt</title><link>{link_of_first}</link>
<pubDate>Tue, 14 May 2024 10:00:00 GMT</pubDate><author>desk@example.org (Mara Linden)</author>
<description>{summary}</description></item>
<item><guid>ledger-102</guid><title>Ferries twice a day</title>
<pubDate>Wed, 15 May 2024 08:00:00 GMT</pubDate><description>{second}</description></item>
</channel></rss>"""


@pytest.mark.parametrize("atom", [False, True])
def test_a_feed_entry_reads_the_linked_page_saved_beside_it(tmp_path: Path, atom: bool) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "pier-vote.html").write_text(page(metadata=False), encoding="utf-8")
    path = tmp_path / "latest.xml"  # a feed saved as .xml
    path.write_text(feed("https://ledger.example.org/news/pier-vote.html", atom),
                    encoding="utf-8")
    first, second = documents([str(path)])
    assert first.source_kind == second.source_kind == ("atom" if atom else "rss")
    assert first.id == ("urn:ledger:101" if atom else "ledger-101")  # the entry's own id
    assert ARTICLE[1] in first.text and "cookies" not in first.text  # the page's article
    assert first.source is not None and "<article>" in first.source
    assert (first.title, first.outlet, first.published) == (
        "Pier to be rebuilt", "The Coastal Ledger", date(2024, 5, 14))
    assert "Mara Linden" in (first.author or "")
    assert first.url == "https://ledger.example.org/news/pier-vote.html"
    # No page saved: the entry's own content, its markup flattened to lines.
    assert second.text == ("Ferry crossings to the islands will run twice a day from Monday, "
                           "the operator said.\nWinter times return in October.")
    assert second.published == date(2024, 5, 15)


def test_a_linked_page_outside_the_feeds_folder_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "pier-vote.html").write_text(page(), encoding="utf-8")
    (tmp_path / "feeds").mkdir()
    path = tmp_path / "feeds" / "latest.rss"
    path.write_text(feed("https://ledger.example.org/../pier-vote.html"), encoding="utf-8")
    first, _ = documents([str(path)])
    assert first.text == "The pier will be rebuilt, the council decided."


def warc(records: list[tuple[str, str, bytes]], compress: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for url, content_type, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)],
                                   protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                           http_headers=headers,
                                           warc_headers_dict={"WARC-Date": "2024-06-01T12:00:00Z"})
        writer.write_record(record)
    return buffer.getvalue()


PAGES = [
    ("https://ledger.example.org/2024/05/20/pier", "text/html; charset=utf-8",
     page(metadata=False).encode()),
    ("https://ledger.example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
    ("https://ledger.example.org/ferries", "text/html",
     page("Ferries twice a day", metadata=False,
          paragraphs=[p.replace("pier", "ferry") for p in ARTICLE]).encode()),
]


@pytest.mark.parametrize("compress", [False, True])
def test_a_web_archive_gives_its_pages_and_skips_other_records(
    tmp_path: Path, compress: bool
) -> None:
    path = tmp_path / "capture"  # no suffix: a WARC by its content
    path.write_bytes(warc(PAGES, compress))
    pier, ferries = documents([str(path)])
    assert (pier.source_kind, pier.url) == ("warc", PAGES[0][0])
    assert pier.published == date(2024, 5, 20)  # from the address
    assert ferries.published == date(2024, 6, 1)  # no date on the page: the capture's
    assert ARTICLE[1] in pier.text and "cookies" not in pier.text
    assert pier.outlet == "ledger.example.org" and ferries.title == "Ferries twice a day"


@pytest.mark.parametrize("compress", [False, True])
def test_a_cut_short_archive_is_reported_and_what_was_read_kept(
    tmp_path: Path, compress: bool
) -> None:
    path = tmp_path / "capture.warc.gz" if compress else tmp_path / "capture.warc"
    path.write_bytes(warc(PAGES, compress)[:-200])
    found = list(read_inputs([str(path)]))
    assert [d.url for d in found if isinstance(d, Document)] == [PAGES[0][0]]
    [problem] = [p for p in found if isinstance(p, IngestProblem)]
    assert problem.where == str(path) and "cut short or damaged in record 3" in problem.message


@pytest.mark.parametrize("data, kind", [
    (page().encode("utf-8"), "html"),
    (warc(PAGES[:1], compress=True), "warc"),
])
def test_stdin_is_read_and_sniffed(monkeypatch: pytest.MonkeyPatch, data: bytes,
                                   kind: str) -> None:
    class Stdin:
        buffer = io.BytesIO(data)

    monkeypatch.setattr("sys.stdin", Stdin)
    [document] = documents(["-"])
    assert document.source_kind == kind and document.file is None
    assert ARTICLE[0] in document.text


def test_csv_columns_are_mapped_and_ids_kept(tmp_path: Path) -> None:
    path = tmp_path / "desk.csv"
    path.write_text("uid;headline;body;date\n"
                    f"d-1;Pier vote;\"{ARTICLE[0]}\n{ARTICLE[1]}\";2024-05-14\n"
                    f"d-2;Empty;;2024-05-15\n"
                    f"d-3;Ferries;{ARTICLE[3]};15/05/2024\n", encoding="utf-8")
    columns = parse_column_map("text=body, published=date,id=uid,title=headline")
    found = list(read_inputs([str(path)], columns=columns))
    first = found[0]
    assert isinstance(first, Document)
    assert (first.id, first.title, first.published, first.source_kind) == (
        "d-1", "Pier vote", date(2024, 5, 14), "csv")
    assert first.text == f"{ARTICLE[0]}\n{ARTICLE[1]}"  # a cell may hold several lines
    assert [(p.where, "body" in p.message or "YYYY" in p.message) for p in found[1:]] == [
        (f"{path}:4", True), (f"{path}:5", True)]


def test_jsonl_columns_are_mapped_too(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps({"uid": 17, "body": ARTICLE[0], "by": "Mara Linden"}) + "\n",
                    encoding="utf-8")
    [document] = documents([str(path)], columns={"text": "body", "id": "uid", "author": "by"})
    assert (document.id, document.author, document.text) == ("17", "Mara Linden", ARTICLE[0])


@pytest.mark.parametrize("spec, message", [
    ("body=text", "'body' is not a field"),
    ("text", "not FIELD=COLUMN"),
    ("text=", "not FIELD=COLUMN"),
])
def test_a_bad_column_map_is_a_clear_error(spec: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_column_map(spec)


def test_a_csv_without_the_text_column_names_it(tmp_path: Path) -> None:
    path = tmp_path / "desk.csv"
    path.write_text("uid,body\nd-1,Some words here.\n", encoding="utf-8")
    [problem] = problems([str(path)])
    assert problem.where == str(path) and "'text'" in problem.message and "--map" in problem.message


def test_a_directory_is_walked_for_the_kinds_read(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "note.txt").write_text(ARTICLE[0], encoding="utf-8")
    (tmp_path / "a" / "b" / "pier.htm").write_text(page(), encoding="utf-8")
    (tmp_path / "a" / "b" / "capture").write_bytes(warc(PAGES[:1], compress=True))
    (tmp_path / "a" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (tmp_path / "a" / "blob").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "a" / "notes.docx").write_bytes(b"PK\x03\x04" + bytes(64))
    (tmp_path / "a" / ".git").mkdir()
    (tmp_path / "a" / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (tmp_path / "a" / ".notes.txt").write_text(ARTICLE[1], encoding="utf-8")
    skipped: list[str] = []
    found = documents([str(tmp_path)], not_read=skipped.append)
    assert sorted(d.source_kind for d in found) == ["html", "text", "warc"]
    assert sorted(Path(p).name for p in skipped) == ["blob", "logo.png", "notes.docx"]


def test_binary_and_missing_inputs_named_explicitly_are_problems(tmp_path: Path) -> None:
    image = tmp_path / "photo.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    cut = tmp_path / "note.txt.gz"
    cut.write_bytes(gzip.compress(ARTICLE[0].encode())[:-10])
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text("<?xml version='1.0'?><urlset><url><loc>https://example.org/</loc>"
                       "</url></urlset>", encoding="utf-8")
    empty_page = tmp_path / "blank.html"
    empty_page.write_text("<html><head><title></title></head><body> </body></html>",
                          encoding="utf-8")
    names = [str(image), str(tmp_path / "missing.html"), str(cut), str(sitemap),
             str(empty_page)]
    found = problems(names)
    assert [p.where for p in found] == names
    assert "binary" in found[0].message and "cut short" in found[2].message
    assert "not a page or a feed" in found[3].message and "no text" in found[4].message


def test_a_page_too_short_for_an_article_keeps_its_visible_text(tmp_path: Path) -> None:
    path = tmp_path / "brief.html"
    path.write_text("<html><head><title>Brief</title><style>p {color: red}</style></head>"
                    "<body><p>The ferry is late.</p><p>Crossings resume at noon.</p>"
                    "</body></html>", encoding="utf-8")
    [document] = documents([str(path)])
    assert document.text == "The ferry is late.\nCrossings resume at noon."


def test_an_archive_with_a_wrong_length_is_reported_quietly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = warc(PAGES, compress=False)
    length = data.split(b"Content-Length: ", 1)[1].split(b"\r\n", 1)[0]
    path = tmp_path / "capture.warc"
    # The first record claims ten bytes fewer than it holds.
    path.write_bytes(data.replace(b"Content-Length: " + length,
                                  b"Content-Length: " + str(int(length) - 10).encode(), 1))
    found = list(read_inputs([str(path)]))
    assert any(isinstance(d, Document) for d in found)
    assert any(isinstance(p, IngestProblem) and p.where == str(path)
               and "declared lengths" in p.message for p in found), found
    assert capsys.readouterr().err == ""


def test_an_undated_entry_takes_its_linked_pages_date_before_the_callers(tmp_path: Path) -> None:
    (tmp_path / "pier-vote.html").write_text(page(), encoding="utf-8")  # dated 2024-05-14
    path = tmp_path / "latest.rss"
    path.write_text(feed("https://ledger.example.org/pier-vote.html")
                    .replace("<pubDate>Tue, 14 May 2024 10:00:00 GMT</pubDate>", ""),
                    encoding="utf-8")
    first, second = documents([str(path)], published=date(2020, 1, 1))
    assert (first.published, second.published) == (date(2024, 5, 14), date(2024, 5, 15))


@pytest.mark.parametrize("name, head, kind", [
    ("story.txt", b"id,text\nVilnius, text and photos by the desk", "text"),  # a name says text
    ("-", b"id,text\n1,Vilnius was calm.", "csv"),  # no name: the header tells
    ("feed.xml", b"<?xml version='1.0'?><rss version='2.0'><channel><item><description>"
                 b"&lt;html&gt;<![CDATA[<html><body>quoted page</body></html>]]>", "feed"),
    ("page.xml", b"<?xml version='1.0'?><html><body><p>A page as XHTML.</p></body></html>",
     "html"),
    ("notes.jsonl", b'{"text": "broken\n', "jsonl"),
    ("scan.txt", b"%PDF-1.7\n" + bytes(range(256)) * 4, None),
])
def test_sniffing_reads_content_first_and_names_second(name: str, head: bytes,
                                                       kind: str | None) -> None:
    assert sniff(name, head) == kind
