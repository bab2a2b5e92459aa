"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds, parsed with the standard library.

Each ``<item>``/``<entry>`` becomes an Article: title, link, date (``pubDate``,
``published``, ``updated``, ``dc:date``), text from ``content:encoded`` / Atom ``content``,
else ``description`` / ``summary``, stripped of HTML.  An item with a title but no
description is kept with its headline as text (headlines are codable); an item with
neither is rejected.  The id is the item's ``guid``/``id``, else its link, else
``<file stem>:<n>``.  The source is the item's ``<source>``, else the feed title, else the
link's domain.

The feed is parsed incrementally (``iterparse``) and each item is released once read,
so large feed files use bounded memory.
"""
from __future__ import annotations

import copy
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import IO

from ..model import Rejected
from .files import Item, build_article, file_stem, open_binary
from .html import html_to_text

FEED_ROOTS = ("rss", "feed", "RDF")
ITEM_TAGS = ("item", "entry")
CONTENT_TAGS = ("encoded", "content")            # content:encoded (RSS), content (Atom)
SUMMARY_TAGS = ("description", "summary")
DATE_TAGS = ("pubDate", "published", "date", "issued", "updated", "modified")
ID_TAGS = ("guid", "id")


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(el: ET.Element) -> dict[str, list[ET.Element]]:
    out: dict[str, list[ET.Element]] = {}
    for child in el:
        out.setdefault(_local(child.tag), []).append(child)
    return out


def _text_of(el: ET.Element) -> str:
    """Text of a feed element; HTML (escaped or XHTML) is stripped."""
    kind = (el.get("type") or "").lower()
    if kind == "xhtml" or (len(el) and kind != "text"):
        parts = [el.text or ""]
        for child in el:
            child = copy.deepcopy(child)
            for sub in child.iter():                      # <html:p> -> <p>
                sub.tag = _local(sub.tag)
                sub.attrib.clear()
            parts.append(ET.tostring(child, encoding="unicode", method="html"))
        return html_to_text("".join(parts))
    raw = el.text or ""
    if kind == "text":
        return raw.strip()
    return html_to_text(raw)


def _first_text(kids: dict[str, list[ET.Element]], names: tuple[str, ...]) -> str | None:
    for name in names:
        for el in kids.get(name, ()):
            t = _text_of(el).strip()
            if t:
                return t
    return None


def _link(kids: dict[str, list[ET.Element]]) -> str | None:
    for el in kids.get("link", ()):
        href = el.get("href")
        if href and (el.get("rel") in (None, "alternate")):
            return href.strip()
        if not href and el.text and el.text.strip():
            return el.text.strip()
    for el in kids.get("guid", ()):                       # RSS guid that is a permalink
        if (el.get("isPermaLink") or "true").lower() == "true" and (el.text or "").startswith("http"):
            return el.text.strip()
    return None


def _item_to_article(el: ET.Element, *, n: int, origin: str, stem: str, feed_title: str | None,
                     default_date: str | None) -> Item:
    kids = _children(el)
    where = f"{origin}:{n}"
    title = _first_text(kids, ("title",))
    text = _first_text(kids, CONTENT_TAGS) or _first_text(kids, SUMMARY_TAGS)
    link = _link(kids)
    if not text and not title:
        return Rejected(where, f"feed item {n} has no title and no text")
    date = None
    for name in DATE_TAGS:
        for d in kids.get(name, ()):
            if d.text and d.text.strip():
                date = d.text.strip()
                break
        if date:
            break
    item_id = None
    for name in ID_TAGS:
        for i in kids.get(name, ()):
            if i.text and i.text.strip():
                item_id = i.text.strip()
                break
        if item_id:
            break
    source = None
    for src in kids.get("source", ()):
        if len(src):                                      # Atom <source><title>..</title></source>
            source = _first_text(_children(src), ("title",))
        elif src.text and src.text.strip():              # RSS <source url="...">Name</source>
            source = src.text.strip()
    source = source or feed_title
    return build_article(text or title, id=item_id or link or f"{stem}:{n}", origin=where, title=title,
                         date=date, source=source, url=link, default_date=default_date)


def read_feed_stream(stream: IO[bytes], *, origin: str, stem: str,
                     default_date: str | None = None) -> Iterator[Item]:
    """Articles from an RSS/Atom document read from a binary stream."""
    stack: list[ET.Element] = []
    root_name = None
    feed_title = None
    n = 0
    try:
        for event, el in ET.iterparse(stream, events=("start", "end")):
            name = _local(el.tag)
            if event == "start":
                if root_name is None:
                    root_name = name
                    if name not in FEED_ROOTS:
                        yield Rejected(origin, f"not an RSS/Atom feed (root element <{name}>)")
                        return
                stack.append(el)
                continue
            stack.pop()
            parent = _local(stack[-1].tag) if stack else ""
            if name == "title" and parent in ("channel", "feed") and feed_title is None:
                feed_title = " ".join((el.text or "").split()) or None
            elif name in ITEM_TAGS:
                n += 1
                yield _item_to_article(el, n=n, origin=origin, stem=stem, feed_title=feed_title,
                                       default_date=default_date)
                el.clear()
                if stack:
                    stack[-1].remove(el)                  # release the item
    except ET.ParseError as e:
        yield Rejected(origin, f"invalid XML: {e}")
        return
    except (OSError, EOFError) as e:
        yield Rejected(origin, f"cannot read feed: {e}")
        return
    if root_name is None:
        yield Rejected(origin, "empty XML document")
    elif n == 0:
        yield Rejected(origin, "feed has no items")


def read_feed_file(path: str | os.PathLike, *, default_date: str | None = None) -> Iterator[Item]:
    origin = str(path)
    try:
        fh = open_binary(path)
    except OSError as e:
        yield Rejected(origin, f"cannot read file: {e.strerror or e}")
        return
    with fh:
        yield from read_feed_stream(fh, origin=origin, stem=file_stem(path), default_date=default_date)
