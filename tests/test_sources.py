"""Input readers (communique.sources): files, folders, JSONL/CSV/JSON, HTML, feeds, stdin, URLs."""
from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import sys
import threading
from pathlib import Path

import pytest

from communique.model import Article, Rejected
from communique.sources import read_inputs

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def _read(*paths, **kw) -> list:
    return list(read_inputs([str(p) for p in paths], **kw))


def _articles(items) -> list[Article]:
    return [x for x in items if isinstance(x, Article)]


def _rejected(items) -> list[Rejected]:
    return [x for x in items if isinstance(x, Rejected)]


# --------------------------------------------------------------------------- JSON Lines

def _jsonl_lines() -> list[str]:
    return [
        json.dumps({"id": "a1", "date": "2024-01-12T10:00:00Z", "source": "Wire", "url": "https://w.example/a1",
                    "title": "Talks Held", "text": "Blinken met Wang in Beijing.It was cordial."}),
        '{"id": "broken", "text": "no closing brace"',
        json.dumps({"Headline": "No Id Here", "Body": "The text comes from the body field.",
                    "Published": "January 13, 2024"}),
        json.dumps({"id": "notext", "title": "Only a title"}),
        json.dumps({"id": 7, "date": "sometime soon", "content": "Content field, odd date."}),
        "",
        json.dumps(["not", "an", "object"]),
    ]


def test_jsonl_bad_line_is_rejected_and_the_rest_is_read(tmp_path):
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join(_jsonl_lines()) + "\n", encoding="utf-8")
    items = _read(f)
    arts = {a.id: a for a in _articles(items)}
    assert list(arts) == ["a1", "batch:3", "7"]
    a1 = arts["a1"]
    assert a1.date == "2024-01-12" and a1.title == "Talks Held" and a1.source == "Wire"
    assert a1.text == "Blinken met Wang in Beijing. It was cordial."          # cleaned
    assert a1.origin == f"{f}:1"
    b = arts["batch:3"]
    assert (b.title, b.date, b.text) == ("No Id Here", "2024-01-13", "The text comes from the body field.")
    assert arts["7"].date is None and arts["7"].text == "Content field, odd date."
    rej = _rejected(items)
    reasons = {r.origin: r.reason for r in rej}
    assert "invalid JSON on line 2" in reasons[f"{f}:2"]
    assert "no text" in reasons[f"{f}:4"]
    assert "not a JSON object" in reasons[f"{f}:7"]
    assert len(rej) == 3


def test_jsonl_gz_is_streamed_and_a_truncated_tail_is_rejected(tmp_path):
    lines = [json.dumps({"id": f"n{i}", "text": f"Article number {i} says the talks went well. " * 20})
             for i in range(300)]
    payload = gzip.compress(("\n".join(lines) + "\n").encode("utf-8"))
    good = tmp_path / "big.jsonl.gz"
    good.write_bytes(payload)
    it = read_inputs([str(good)])
    first = next(it)                                   # lazily: the first record comes at once
    assert isinstance(first, Article) and first.id == "n0"
    assert sum(1 for _ in it) == 299

    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(payload[: len(payload) // 2])
    items = _read(cut)
    arts = _articles(items)
    assert 0 < len(arts) < 300
    assert [a.id for a in arts] == [f"n{i}" for i in range(len(arts))]
    assert isinstance(items[-1], Rejected) and "cannot read past line" in items[-1].reason


def test_jsonl_text_with_a_header_gives_title_date_and_url(tmp_path):
    f = tmp_path / "h.jsonl"
    text = (" date 2022-06-28 https://news.example/x.html\n\nChina Warns US Over Taiwan\n\n"
            "BEIJING: The ministry said on Tuesday.")
    f.write_text(json.dumps({"id": "h1", "text": text}) + "\n", encoding="utf-8")
    (a,) = _read(f)
    assert (a.date, a.url, a.title, a.dateline) == ("2022-06-28", "https://news.example/x.html",
                                                    "China Warns US Over Taiwan", "Beijing")
    assert a.source == "news.example"
    assert a.text == "BEIJING: The ministry said on Tuesday."
    assert a.body == "China Warns US Over Taiwan\n\nBEIJING: The ministry said on Tuesday."


def test_title_repeated_as_first_line_is_not_duplicated(tmp_path):
    f = tmp_path / "dup.jsonl"
    title = "Poll: Colleges Do Not Matter"
    rec = {"id": "d", "title": title, "text": title + "\n\nThe text."}
    f.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    (a,) = _read(f)
    assert a.text == "The text."
    assert a.body == "Poll: Colleges Do Not Matter\n\nThe text."


# --------------------------------------------------------------------------- JSON, CSV, TSV

def test_json_list_and_single_object(tmp_path):
    lst = tmp_path / "list.json"
    records = [{"text": "First one."}, {"id": "x", "text": "Second one."}, 5]
    lst.write_text(json.dumps(records), encoding="utf-8")
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"title": "Single Story Here", "text": "Only one.", "date": "2024/01/12"}),
                   encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    items = _read(lst, one, bad)
    assert [a.id for a in _articles(items)] == ["list:1", "x", "one"]
    assert _articles(items)[2].date == "2024-01-12"
    rej = _rejected(items)
    assert [r.origin for r in rej] == [f"{lst}:3", str(bad)]
    assert "invalid JSON" in rej[1].reason


def test_csv_case_insensitive_columns_and_bad_rows(tmp_path):
    f = tmp_path / "news.csv"
    f.write_text(
        'ID,Headline,Body,Publish_Date,URL\n'
        'c1,Talks Resume,"Beijing and Washington resumed talks.\n\nA second paragraph, quoted.",12 Jan 2024,'
        'https://www.example.com/c1\n'
        ',Untitled,Text of a row without id.,not a date,\n'
        'c3,Empty,,2024-01-12,\n',
        encoding="utf-8")
    items = _read(f)
    arts = _articles(items)
    assert [a.id for a in arts] == ["c1", "news:5"]          # c1 spans lines 2-4
    c1 = arts[0]
    assert c1.title == "Talks Resume" and c1.date == "2024-01-12"
    assert c1.text == "Beijing and Washington resumed talks.\n\nA second paragraph, quoted."
    assert c1.source == "example.com"
    assert arts[1].date is None
    (rej,) = _rejected(items)
    assert rej.origin == f"{f}:6" and "no text" in rej.reason


def test_csv_without_text_column_and_tsv(tmp_path):
    nocol = tmp_path / "meta.csv"
    nocol.write_text("id,title,date\n1,A,2024-01-01\n", encoding="utf-8")
    tsv = tmp_path / "t.tsv"
    tsv.write_text("id\ttext\tdate\nt1\tTab separated text.\t2024-01-12T00:00:00\n", encoding="utf-8")
    items = _read(nocol, tsv)
    assert isinstance(items[0], Rejected) and "no text column" in items[0].reason
    assert "id, title, date" in items[0].reason
    (a,) = _articles(items)
    assert (a.id, a.text, a.date) == ("t1", "Tab separated text.", "2024-01-12")


# --------------------------------------------------------------------------- text files and folders

def test_text_file_header_and_cleaning(tmp_path):
    f = tmp_path / "story_1.txt"
    f.write_bytes(" date 2024-01-13 https://www.outlet.example/s\r\n\r\n"
                  "Blinken Meets Liu in Washington\r\n\r\n"
                  "WASHINGTON — Talks were held on Friday.They went well.\r\n\r\n\r\n\r\nRead more: other\r\n"
                  .encode())
    (a,) = _read(f)
    assert a.id == "story_1" and a.origin == str(f)
    assert (a.date, a.title, a.dateline, a.source) == ("2024-01-13", "Blinken Meets Liu in Washington",
                                                       "Washington", "outlet.example")
    assert a.text == "WASHINGTON — Talks were held on Friday. They went well."


def test_folder_recursive_sorted_with_bad_files(tmp_path):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / ".hidden").mkdir()
    (d / "b.txt").write_text("Second file text.", encoding="utf-8")
    (d / "a.txt").write_text("First file text.", encoding="utf-8")
    (d / "sub" / "c.md").write_text("Markdown text in a subfolder.", encoding="utf-8")
    (d / ".secret.txt").write_text("hidden", encoding="utf-8")
    (d / ".hidden" / "x.txt").write_text("hidden too", encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "blank.txt").write_text("  \n\n\t\n", encoding="utf-8")
    (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (d / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (d / "notes.docx").write_bytes(b"PK\x03\x04")
    (d / "README").write_text("A file without extension is sniffed as text.", encoding="utf-8")
    items = _read(d)
    assert [a.id for a in _articles(items)] == ["README", "a", "b", "c"]
    reasons = {Path(r.origin).name: r.reason for r in _rejected(items)}
    assert set(reasons) == {"empty.txt", "blank.txt", "image.txt", "photo.png", "notes.docx"}
    assert "empty" in reasons["empty.txt"] and "empty" in reasons["blank.txt"]
    assert "binary" in reasons["image.txt"]
    assert "unsupported extension '.png'" in reasons["photo.png"]


def test_missing_unreadable_and_broken_link(tmp_path):
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    items = _read(tmp_path / "missing.txt", link)
    assert [type(x) for x in items] == [Rejected, Rejected]
    assert "no such file" in items[0].reason
    assert "link" in items[1].reason
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        locked = tmp_path / "locked.txt"
        locked.write_text("secret", encoding="utf-8")
        locked.chmod(0)
        (r,) = _read(locked)
        assert isinstance(r, Rejected) and "cannot read" in r.reason


def test_latin1_and_utf16_text_files(tmp_path):
    (tmp_path / "l1.txt").write_bytes("Président Macron a parlé à Pékin.".encode("cp1252"))
    (tmp_path / "u16.txt").write_bytes("Zürich talks ended.".encode("utf-16"))
    a, b = _read(tmp_path / "l1.txt", tmp_path / "u16.txt")
    assert a.text == "Président Macron a parlé à Pékin."
    assert b.text == "Zürich talks ended."


def test_default_date_only_fills_missing_dates(tmp_path):
    (tmp_path / "nodate.txt").write_text("No date here.", encoding="utf-8")
    (tmp_path / "dated.txt").write_text("date 2020-05-01\nDated text.", encoding="utf-8")
    items = _read(tmp_path, default_date="March 3, 2021")
    assert {a.id: a.date for a in items} == {"dated": "2020-05-01", "nodate": "2021-03-03"}


# --------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Talks in Beijing | Example News</title>
<meta property="article:published_time" content="2024-01-12T10:00:00+08:00">
<link rel="canonical" href="https://news.example/world/talks">
<script>var tracking = "do not keep";</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>China and US Hold Talks in Beijing</h1>
<p>Chinese Foreign Minister Wang Yi met US Secretary of State Antony Blinken in Beijing on Friday,
the ministry said in a statement published after the meeting.</p>
<p>The two sides discussed Taiwan, trade and the war in Ukraine, according to the statement, which
called the talks candid and constructive.</p>
<p>Both sides agreed to keep channels of communication open and to meet again later this year.</p>
</article>
<footer>Copyright 2024 Example News. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>"""


def test_html_page_main_text_title_date(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(PAGE, encoding="utf-8")
    (a,) = _read(f)
    assert isinstance(a, Article), a
    assert a.id == "page" and a.date == "2024-01-12"
    assert a.title == "China and US Hold Talks in Beijing"
    assert "Wang Yi met US Secretary of State Antony Blinken in Beijing on Friday" in a.text
    assert "meet again later this year" in a.text
    for noise in ("tracking", "Home", "Copyright", "Sport"):
        assert noise not in a.text
    assert a.url == "https://news.example/world/talks" and a.source == "news.example"


TINY = ("<html><head><title>Tiny Page Title | Site Name</title></head><body><nav>Menu</nav>"
        "<div><p>Short text here.</p><p>Another line.</p></div>"
        "<script>x()</script></body></html>")


def test_html_tiny_page_and_empty_page(tmp_path):
    tiny = tmp_path / "tiny.htm"
    tiny.write_text(TINY, encoding="utf-8")
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><script>only()</script></body></html>", encoding="utf-8")
    items = _read(tiny, empty)
    a = items[0]
    assert isinstance(a, Article)
    assert "Short text here." in a.text and "Another line." in a.text and "x()" not in a.text
    assert a.title == "Tiny Page Title"
    assert isinstance(items[1], Rejected) and "no text" in items[1].reason


def test_html_lxml_fallback_when_trafilatura_finds_nothing(tmp_path, monkeypatch):
    from communique.sources import html as html_reader

    monkeypatch.setattr(html_reader, "_trafilatura", lambda html, url: None)
    tiny = tmp_path / "tiny.html"
    tiny.write_text(TINY, encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    a, b = _read(tiny, page)
    assert a.text == "Short text here.\n\nAnother line."          # no nav, no script
    assert a.title == "Tiny Page Title"
    assert b.title == "China and US Hold Talks in Beijing"
    assert b.text.startswith("Chinese Foreign Minister Wang Yi met")          # the h1 is the title
    assert b.text.endswith("meet again later this year.")
    assert "Home" not in b.text and "Copyright" not in b.text and b.date == "2024-01-12"


# --------------------------------------------------------------------------- feeds

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>World Desk</title><link>https://desk.example/</link>
<item><title>Seoul and Tokyo Agree on Talks</title><link>https://desk.example/a</link>
<guid isPermaLink="false">desk-1</guid><pubDate>Fri, 12 Jan 2024 10:00:00 GMT</pubDate>
<description><![CDATA[<p>Short <b>summary</b>.</p>]]></description>
<content:encoded><![CDATA[<p>South Korea and Japan agreed on Friday to hold talks.</p><p>Officials said more
meetings would follow.</p><script>bad()</script>]]></content:encoded></item>
<item><title>Headline Only Item</title><link>https://desk.example/b</link><dc:date>2024-01-13</dc:date></item>
<item><description>Plain description &amp; more.</description><source url="https://r.example">Reuters</source></item>
<item><link>https://desk.example/empty</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:feed</id>
<updated>2024-01-14T00:00:00Z</updated>
<entry><title type="html">Kyiv &amp;amp; Warsaw Sign Deal</title><id>urn:entry:1</id>
<link rel="alternate" href="https://atom.example/1"/><link rel="related" href="https://atom.example/rel"/>
<published>2024-01-12T08:00:00+02:00</published><updated>2024-01-13T00:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Ukraine and Poland signed a deal.</p>
<p>The deal covers grain.</p></div></content></entry>
<entry><title>Summary Entry</title><id>urn:entry:2</id><updated>2024-01-14T09:00:00Z</updated>
<summary type="html">&lt;p&gt;Escaped &lt;em&gt;HTML&lt;/em&gt; summary.&lt;/p&gt;</summary></entry>
</feed>"""


def test_rss_feed(tmp_path):
    f = tmp_path / "desk.rss"
    f.write_text(RSS, encoding="utf-8")
    items = _read(f)
    arts = _articles(items)
    assert [a.id for a in arts] == ["desk-1", "https://desk.example/b", "desk:3"]
    a = arts[0]
    assert (a.title, a.date, a.url, a.source) == ("Seoul and Tokyo Agree on Talks", "2024-01-12",
                                                  "https://desk.example/a", "World Desk")
    assert a.text == ("South Korea and Japan agreed on Friday to hold talks.\n\n"
                      "Officials said more meetings would follow.")
    assert arts[1].text == "Headline Only Item" and arts[1].date == "2024-01-13"
    assert arts[2].text == "Plain description & more." and arts[2].source == "Reuters"
    (rej,) = _rejected(items)
    assert rej.origin == f"{f}:4" and "no title and no text" in rej.reason


def test_atom_feed_sniffed_without_extension(tmp_path):
    f = tmp_path / "atomfeed"
    f.write_text(ATOM, encoding="utf-8")
    arts = _read(f)
    assert all(isinstance(a, Article) for a in arts) and len(arts) == 2
    a, b = arts
    assert (a.id, a.title, a.date) == ("urn:entry:1", "Kyiv & Warsaw Sign Deal", "2024-01-12")
    assert (a.url, a.source) == ("https://atom.example/1", "Atom Desk")
    assert a.text == "Ukraine and Poland signed a deal.\n\nThe deal covers grain."
    assert (b.date, b.text) == ("2024-01-14", "Escaped HTML summary.")


def test_xml_that_is_not_a_feed_and_broken_xml(tmp_path):
    other = tmp_path / "data.xml"
    other.write_text("<?xml version='1.0'?><catalog><book>x</book></catalog>", encoding="utf-8")
    broken = tmp_path / "broken.rss"
    broken.write_text("<rss><channel><item><title>One Good Item</title><description>Fine.</description>"
                      "</item><item><title>Broken", encoding="utf-8")
    items = _read(other, broken)
    assert isinstance(items[0], Rejected) and "not an RSS/Atom feed" in items[0].reason
    assert isinstance(items[1], Article) and items[1].title == "One Good Item"
    assert isinstance(items[2], Rejected) and "invalid XML" in items[2].reason


# --------------------------------------------------------------------------- stdin

def test_stdin_jsonl(monkeypatch):
    data = ("\n" + json.dumps({"id": "s1", "text": "From stdin."}) + "\n{bad\n"
            + json.dumps({"text": "No id."}) + "\n")
    monkeypatch.setattr(sys, "stdin", io.StringIO(data))
    items = list(read_inputs(["-"]))
    assert [type(x).__name__ for x in items] == ["Article", "Rejected", "Article"]
    assert items[0].id == "s1" and items[2].id == "stdin:4"
    assert items[1].origin == "stdin:3" and "line 3" in items[1].reason


def test_stdin_plain_text_through_a_byte_buffer(monkeypatch):
    raw = "Talks End in Geneva\n\nGENEVA (AP) — The talks ended on Friday.".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    (a,) = read_inputs(["-"])
    assert (a.id, a.origin, a.title, a.dateline) == ("stdin", "stdin", "Talks End in Geneva", "Geneva")
    assert a.text == "GENEVA (AP) — The talks ended on Friday."


def test_stdin_empty(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n\n"))
    (r,) = read_inputs(["-"])
    assert isinstance(r, Rejected) and r.origin == "stdin"


# --------------------------------------------------------------------------- URLs

@pytest.fixture
def http_root(tmp_path):
    root = tmp_path / "www"
    root.mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_urls_html_feed_text_and_errors(http_root):
    root, base = http_root
    (root / "page.html").write_text(PAGE, encoding="utf-8")
    (root / "feed.xml").write_text(RSS, encoding="utf-8")
    (root / "note.txt").write_text("A plain text note about talks.", encoding="utf-8")
    (root / "blob.bin").write_bytes(bytes(range(256)) * 4)
    items = list(read_inputs([f"{base}/page.html", f"{base}/feed.xml", f"{base}/note.txt",
                              f"{base}/missing.html", f"{base}/blob.bin"]))
    page = items[0]
    assert isinstance(page, Article) and page.id == f"{base}/page.html"
    assert page.date == "2024-01-12" and "Wang Yi met" in page.text
    feed = [x for x in items if isinstance(x, Article) and x.origin.startswith(f"{base}/feed.xml")]
    assert [a.id for a in feed] == ["desk-1", "https://desk.example/b", "feed.xml:3"]
    note = [x for x in items if isinstance(x, Article) and x.id == f"{base}/note.txt"]
    assert note and note[0].text == "A plain text note about talks."
    rej = {r.origin: r.reason for r in _rejected(items)}
    assert "404" in rej[f"{base}/missing.html"]
    assert "binary" in rej[f"{base}/blob.bin"]


def test_url_network_failure_is_rejected_not_raised():
    import socket

    with socket.socket() as s:                                  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (r,) = read_inputs([f"http://127.0.0.1:{port}/x.html"])
    assert isinstance(r, Rejected) and "network error" in r.reason


# --------------------------------------------------------------------------- the real seeds

def _seed(articles, prefix):
    return next(a for a in articles if a.id.startswith(prefix))


def test_seed_articles():
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("shared seeds not available")
    items = _read(seeds)
    assert not _rejected(items)
    arts = _articles(items)
    assert len(arts) == 4
    s0, s1, s2, s3 = (_seed(arts, p) for p in ("000", "001", "002", "003"))
    assert s0.title is None and s0.text.startswith("US Secretary of State Antony Blinken")
    assert s1.title == ("US Secretary of State Blinken meets with Chinese Foreign Minister, "
                        "expresses concern over human rights violations in China")
    assert s1.text.startswith("US Secretary of State Anthony Blanken met")
    assert s2.dateline == "Beijing" and s2.text.startswith("BEIJING: Chinese Foreign Minister Qin Gang")
    assert "Norway. The United States" in s2.text
    assert "Qin’s" in s2.text and "´" not in s2.text
    assert s3.date == "2022-06-28"
    assert s3.title == "Beijing Asks US to ‘Stop All Forms of Official Interaction With Taiwan’"
    assert s3.url.startswith("https://sputniknews.com/20220628/")
    assert not s3.text.lstrip().startswith("date")
    assert 'separatists." “China firmly' in s3.text and "Tuesday. Zhao made" in s3.text
