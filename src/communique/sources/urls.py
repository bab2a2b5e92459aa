"""http(s):// inputs: fetch one URL and read it as an HTML page, a feed or plain text.

The content type decides (HTML, RSS/Atom/XML, text, JSON), with content sniffing when the
server says nothing useful.  Every failure -- DNS, refused connection, timeout, HTTP
error status, oversized or binary body -- yields ``Rejected``; this module never raises.
"""
from __future__ import annotations

import http.client
import io
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlsplit

from ..model import Rejected
from .feeds import read_feed_stream
from .files import MAX_DOCUMENT_BYTES, Item, sniff_kind, text_to_article
from .html import html_to_article
from .tabular import read_json_data, read_jsonl_lines

TIMEOUT_SECONDS = 20.0
USER_AGENT = "communique/0.1 (political event coder; +https://pypi.org/project/communique/)"
ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
          "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")


def _stem_for(url: str) -> str:
    parts = urlsplit(url)
    last = [p for p in parts.path.split("/") if p]
    return last[-1] if last else (parts.hostname or "url")


def fetch(url: str, *, timeout: float = TIMEOUT_SECONDS) -> tuple[bytes, str, str | None, str]:
    """GET ``url``; returns (body, content type, charset, final URL).  Raises on failure."""
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        body = resp.read(MAX_DOCUMENT_BYTES + 1)
        if len(body) > MAX_DOCUMENT_BYTES:
            raise ValueError(f"response larger than {MAX_DOCUMENT_BYTES // 1_000_000} MB")
        return (body, resp.headers.get_content_type(), resp.headers.get_content_charset(),
                resp.geturl() or url)


def _kind(body: bytes, ctype: str) -> str:
    sniffed = sniff_kind(body[:8192])
    if sniffed in ("binary", "empty"):
        return sniffed
    if "rss" in ctype or "atom" in ctype:
        return "feed"
    if "html" in ctype:
        return "html" if sniffed != "feed" else "feed"
    if "xml" in ctype:
        return sniffed if sniffed in ("feed", "html") else "xml"
    if "ndjson" in ctype or "jsonl" in ctype or "json-seq" in ctype:
        return "jsonl"
    if "json" in ctype:
        return "json"
    if ctype.startswith("text/") or ctype in ("", "application/octet-stream"):
        return sniffed
    return "unsupported"


def read_url(url: str, *, default_date: str | None = None,
             timeout: float = TIMEOUT_SECONDS) -> Iterator[Item]:
    """Articles (or Rejected) from one http(s) URL."""
    try:
        body, ctype, charset, final = fetch(url, timeout=timeout)
    except urllib.error.HTTPError as e:
        yield Rejected(url, f"HTTP error {e.code} {e.reason}")
        return
    except urllib.error.URLError as e:
        yield Rejected(url, f"network error: {e.reason}")
        return
    except TimeoutError:
        yield Rejected(url, f"network error: timed out after {timeout:g} s")
        return
    except (OSError, ValueError, http.client.HTTPException) as e:
        yield Rejected(url, f"network error: {type(e).__name__}: {e}")
        return
    except Exception as e:                                   # never let one URL stop the batch
        yield Rejected(url, f"cannot fetch: {type(e).__name__}: {e}")
        return

    kind = _kind(body, ctype)
    try:
        if kind == "html":
            yield html_to_article(body, id=url, origin=url, url=final, default_date=default_date,
                                  encoding=charset)
        elif kind == "feed":
            yield from read_feed_stream(io.BytesIO(body), origin=url, stem=_stem_for(url),
                                        default_date=default_date)
        elif kind == "text":
            yield text_to_article(body, id=url, origin=url, url=final, default_date=default_date,
                                  encoding=charset)
        elif kind == "jsonl":
            yield from read_jsonl_lines(body.splitlines(), origin=url, stem=_stem_for(url),
                                        default_date=default_date)
        elif kind == "json":
            yield from read_json_data(body, origin=url, stem=_stem_for(url), default_date=default_date)
        elif kind == "empty":
            yield Rejected(url, "empty response")
        elif kind == "binary":
            yield Rejected(url, f"binary content ({ctype}), not text")
        elif kind == "xml":
            yield Rejected(url, "XML document is not an RSS/Atom feed")
        else:
            yield Rejected(url, f"unsupported content type {ctype}")
    except Exception as e:
        yield Rejected(url, f"cannot read response: {type(e).__name__}: {e}")
