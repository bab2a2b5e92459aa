"""HTML pages: main text, title and date.

The main text comes from trafilatura (boilerplate removal); when it finds nothing (very
short pages, unusual markup) a simple lxml extraction takes over: scripts, navigation,
headers and footers are dropped and the text of ``<article>``, ``<main>`` or ``<body>`` is
kept with paragraph breaks.  The publication date is read from the page's own metadata
(``article:published_time``, JSON-LD ``datePublished``...), then trafilatura's guess, then
the first ``<time datetime>``.  ``html_to_text`` is also used by the feed reader for HTML
descriptions.
"""
from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator

from ..model import Rejected
from ..text.dates import parse_date
from .files import (
    Item,
    build_article,
    decode_bytes,
    file_stem,
    read_document_bytes,
)

log = logging.getLogger(__name__)

BLOCK_TAGS = frozenset(["address", "article", "aside", "blockquote", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul", "body", "html", "caption"])
SKIP_TAGS = frozenset(["script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "button", "select", "input", "textarea", "head"])
NOISE_TAGS = ("nav", "header", "footer", "aside", "form", "menu")

# <meta name|property|itemprop="..." content="date"> that hold the publication date
META_DATE_KEYS = frozenset(["article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate", "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date", "sailthru.date", "parsely-pub-date", "article.published", "publication_date", "original-publish-date", "citation_publication_date"])
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_WS = re.compile(r"[ \t\r\n\f\v]+")


# --------------------------------------------------------------------------- HTML -> text

def _element_to_text(root) -> str:
    """Text of an lxml element with paragraph breaks between block elements."""
    from lxml import etree

    parts: list[str] = []
    skipping = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in SKIP_TAGS:
            if event == "start":
                skipping += 1
            else:
                skipping -= 1
                if not skipping and el.tail:
                    parts.append(_WS.sub(" ", el.tail))
            continue
        if skipping:
            continue
        if event == "start":
            if tag == "br":
                parts.append("\n")
            elif tag in BLOCK_TAGS:
                parts.append("\n\n")
            if el.text and isinstance(el.tag, str):
                parts.append(_WS.sub(" ", el.text))
        else:
            if tag in BLOCK_TAGS:
                parts.append("\n\n")
            if el.tail and el is not root:
                parts.append(_WS.sub(" ", el.tail))
    text = "".join(parts)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def html_to_text(fragment: str) -> str:
    """Strip HTML from a fragment (feed descriptions), keeping paragraph breaks."""
    if not fragment:
        return ""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    return _element_to_text(root)


# --------------------------------------------------------------------------- pages

def _parse_document(html: str):
    import lxml.html
    from lxml import etree

    try:
        return lxml.html.document_fromstring(_XML_DECL.sub("", html))
    except (etree.ParserError, ValueError):
        return None


def _meta_title(doc) -> str | None:
    """og:title, else the first <h1>, else <title> without a " | Site" suffix."""
    og = [v.strip() for v in doc.xpath("//meta[@property='og:title']/@content") if v and v.strip()]
    if og:
        return " ".join(og[0].split())
    for h1 in doc.xpath("//h1"):
        t = " ".join(h1.text_content().split())
        if t:
            return t
    titles = [" ".join(t.split()) for t in doc.xpath("//title/text()") if t and t.strip()]
    if titles:
        return re.split(r"\s+[|–—-]\s+[^|–—-]+$", titles[0])[0] or titles[0]
    return None


def _meta_date(doc, html: str) -> str | None:
    for meta in doc.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in META_DATE_KEYS:
            d = parse_date(meta.get("content"))
            if d:
                return d
    m = _JSONLD_DATE.search(html)
    return parse_date(m.group(1)) if m else None


def _time_date(doc) -> str | None:
    for value in doc.xpath("//time/@datetime"):
        d = parse_date(str(value))
        if d:
            return d
    return None


def _meta_url(doc) -> str | None:
    for xp in ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"):
        vals = [v.strip() for v in doc.xpath(xp) if v and v.strip().startswith(("http://", "https://"))]
        if vals:
            return vals[0]
    return None


def _fallback_text(doc) -> str:
    """Simple extraction: drop noise, take <article>/<main>/<body> text."""
    import copy

    doc = copy.deepcopy(doc)
    for el in doc.xpath("|".join(f"//{t}" for t in (*SKIP_TAGS, *NOISE_TAGS))):
        if el.getparent() is not None:
            el.drop_tree()
    candidates = doc.xpath("//article") or doc.xpath("//main") or doc.xpath("//body") or [doc]
    best = max(candidates, key=lambda el: len(el.text_content() or ""))
    return _element_to_text(best)


def _trafilatura(html: str, url: str | None):
    try:
        import trafilatura
    except ImportError:                                    # pragma: no cover - declared dependency
        return None
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    try:
        return trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as e:                                 # trafilatura bugs must not stop a batch
        log.debug("trafilatura failed: %s", e)
        return None


def extract_html(data: bytes | str, *, url: str | None = None, encoding: str | None = None) -> dict:
    """Extract ``{"text", "title", "date", "url", "sitename"}`` from an HTML page."""
    if isinstance(data, bytes):
        if not encoding:
            m = _CHARSET.search(data[:4096])
            encoding = m.group(1).decode("ascii") if m else None
        html = decode_bytes(data, encoding)
    else:
        html = data
    doc = _parse_document(html)
    result = {"text": "", "title": None, "date": None, "url": url, "sitename": None}
    if doc is None:
        return result
    extracted = _trafilatura(html, url)
    if extracted is not None:
        result["text"] = (getattr(extracted, "text", None) or "").strip()
        result["title"] = getattr(extracted, "title", None)
        result["date"] = parse_date(getattr(extracted, "date", None))
        result["sitename"] = getattr(extracted, "sitename", None)
    if not result["text"]:
        result["text"] = _fallback_text(doc)
    result["title"] = result["title"] or _meta_title(doc)
    result["date"] = _meta_date(doc, html) or result["date"] or _time_date(doc)
    result["url"] = url or _meta_url(doc)
    return result


def html_to_article(data: bytes | str, *, id: str, origin: str, url: str | None = None,
                    default_date: str | None = None, encoding: str | None = None) -> Item:
    page = extract_html(data, url=url, encoding=encoding)
    if not page["text"].strip():
        return Rejected(origin, "no text found in HTML page")
    return build_article(page["text"], id=id, origin=origin, title=page["title"], date=page["date"],
                         source=page["sitename"], url=page["url"], default_date=default_date)


def read_html_file(path: str | os.PathLike, *, default_date: str | None = None) -> Iterator[Item]:
    """One HTML file = one article; id = file stem."""
    data = read_document_bytes(path, "HTML")
    if isinstance(data, Rejected):
        yield data
        return
    yield html_to_article(data, id=file_stem(path), origin=str(path), default_date=default_date)
