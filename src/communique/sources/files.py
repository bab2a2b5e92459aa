"""Plain-text articles, and the helpers every reader shares.

One text file is one article: its id is the file stem, and its header (a
``date YYYY-MM-DD URL`` line, a headline, a dateline) is detected by
``communique.text.header``.  ``build_article`` is the single place where raw text and
record fields become an ``Article`` (cleaned text, title, date, dateline) or a
``Rejected`` -- the other readers (tabular, html, feeds, urls) all go through it.
"""
from __future__ import annotations

import gzip
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from ..model import Article, Rejected
from ..text.clean import clean_text
from ..text.dates import parse_date
from ..text.header import find_dateline, split_header

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024   # one article (text or HTML page) larger than this is refused
SNIFF_BYTES = 8192
GZIP_MAGIC = b"\x1f\x8b"
BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

Item = Article | Rejected


# --------------------------------------------------------------------------- paths and bytes

def file_stem(path: str | os.PathLike) -> str:
    """``abp.jsonl.gz`` -> ``abp``; ``001_x.txt`` -> ``001_x``."""
    name = Path(path).name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    stem = Path(name).stem
    return stem or name


def file_extension(path: str | os.PathLike) -> str:
    """Lower-case extension, looking through ``.gz``: ``a.jsonl.gz`` -> ``.jsonl``."""
    name = Path(path).name.lower()
    name = name.removesuffix(".gz")
    return Path(name).suffix


def open_binary(path: str | os.PathLike) -> IO[bytes]:
    """Open a file for reading bytes, decompressing gzip transparently (by magic number)."""
    fh = open(path, "rb")
    try:
        magic = fh.read(2)
        fh.seek(0)
    except BaseException:
        fh.close()
        raise
    if magic == GZIP_MAGIC:
        fh.close()
        return gzip.open(path, "rb")
    return fh


def read_sample(path: str | os.PathLike, size: int = SNIFF_BYTES) -> bytes:
    with open_binary(path) as fh:
        return fh.read(size)


def looks_binary(sample: bytes) -> bool:
    """True for data that is not text (images, PDFs, archives, executables)."""
    if not sample:
        return False
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):      # UTF-16 text has NULs
        return False
    if b"\x00" in sample:
        return True
    text = sample.decode("utf-8", errors="ignore") or sample.decode("latin-1")
    controls = sum(1 for c in text if (ord(c) < 32 and c not in "\n\r\t\f\b\x1b") or 0x7F <= ord(c) < 0xA0)
    return controls > 0.05 * len(text)


def decode_bytes(data: bytes, encoding: str | None = None) -> str:
    """Decode text: BOM, then the declared encoding, then UTF-8, then cp1252 / latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if encoding:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


_FIRST_ELEMENT = re.compile(
    r"^(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<([A-Za-z][\w:.\-]*)", re.DOTALL | re.IGNORECASE)


def sniff_kind(sample: bytes) -> str:
    """Guess the kind of a document from its first bytes.

    Returns one of ``binary``, ``empty``, ``feed``, ``html``, ``xml``, ``jsonl``,
    ``json`` or ``text``.
    """
    if not sample.strip():
        return "empty"
    if looks_binary(sample):
        return "binary"
    for bom in BOMS:
        if sample.startswith(bom):
            text = decode_bytes(sample)
            break
    else:
        text = sample.decode("utf-8", errors="ignore")
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("{"):
        first = head.split("\n", 1)[0].strip()
        return "jsonl" if first.endswith("}") else "json"
    if head.startswith("["):
        return "json"
    m = _FIRST_ELEMENT.match(head)
    if m:
        root = m.group(1).lower()
        if root in ("rss", "feed", "rdf:rdf") or root.endswith(":rdf"):
            return "feed"
        if root in ("html", "head", "body", "div", "article", "p", "section", "main"):
            return "html"
        return "xml"
    if re.search(r"<(html|body|article|p)[\s>]", head[:2000], re.IGNORECASE):
        return "html"
    return "text"


def source_from_url(url: str | None) -> str | None:
    """The outlet's domain for an article URL: ``https://www.bbc.com/x`` -> ``bbc.com``."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    host = host.lower()
    host = host.removeprefix("www.")
    return host or None


# --------------------------------------------------------------------------- article assembly

def _single_line(s: str | None) -> str | None:
    if s is None:
        return None
    s = " ".join(clean_text(str(s)).split())
    return s or None


def _same_title(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return " ".join(s.casefold().split()).strip(" .:;,!?\"'“”‘’")
    return norm(a) == norm(b)


def build_article(raw_text: str | None, *, id: str, origin: str, title: str | None = None,
                  date=None, source: str | None = None, url: str | None = None,
                  dateline: str | None = None, default_date: str | None = None) -> Item:
    """Make an ``Article`` from raw text and whatever fields the input gave.

    The text is cleaned; a header in the text (date line, headline, dateline) fills the
    fields the input did not give.  A headline repeated as the first line of the text is
    removed from ``text`` (``Article.body`` puts it back in front).  The date is normalised
    by ``parse_date``; an unparseable date gives None (then the header date, then
    ``default_date``).  Empty text gives ``Rejected``.
    """
    text = clean_text(raw_text or "")
    if not text:
        return Rejected(origin, "empty text")
    title = _single_line(title)
    if title:
        header = split_header(text, detect_title=False)
        rest = header["text"]
        first, sep, remainder = rest.partition("\n")
        if sep and remainder.strip() and _same_title(first, title):
            rest = remainder.lstrip("\n")
        found_dateline = find_dateline(rest)
    else:
        header = split_header(text)
        title = header["title"]
        rest = header["text"]
        found_dateline = header["dateline"]
    if not rest.strip():
        rest = title or ""
    if not rest.strip():
        return Rejected(origin, "empty text")
    iso = parse_date(date) if date not in (None, "") else None
    iso = iso or header["date"] or parse_date(default_date)
    url = (str(url).strip() or None) if url else header["url"]
    source = _single_line(source) or source_from_url(url)
    return Article(id=str(id), text=rest, title=title, date=iso, source=source, url=url,
                   origin=origin, dateline=dateline or found_dateline)


# --------------------------------------------------------------------------- text files

def read_document_bytes(path: str | os.PathLike, kind: str = "text") -> bytes | Rejected:
    """The bytes of a one-article file, or the reason it cannot be one (too large, unreadable,
    binary)."""
    origin = str(path)
    try:
        size = os.path.getsize(path)
        if size > MAX_DOCUMENT_BYTES:
            return Rejected(origin, f"file too large for one article ({size // 1_000_000} MB)")
        with open_binary(path) as fh:
            data = fh.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as e:
        return Rejected(origin, f"cannot read file: {e.strerror or e}")
    if looks_binary(data[:SNIFF_BYTES]):
        return Rejected(origin, f"binary file, not {kind}")
    return data


def read_text_file(path: str | os.PathLike, *, default_date: str | None = None) -> Iterator[Item]:
    """One plain-text (or Markdown) file = one article; id = file stem."""
    data = read_document_bytes(path, "text")
    if isinstance(data, Rejected):
        yield data
        return
    yield build_article(decode_bytes(data), id=file_stem(path), origin=str(path), default_date=default_date)


def text_to_article(data: bytes | str, *, id: str, origin: str, url: str | None = None,
                    default_date: str | None = None, encoding: str | None = None) -> Item:
    """A text document already in memory (stdin, an URL): one article."""
    if isinstance(data, bytes):
        if looks_binary(data[:SNIFF_BYTES]):
            return Rejected(origin, "binary data, not text")
        data = decode_bytes(data, encoding)
    return build_article(data, id=id, origin=origin, url=url, default_date=default_date)
