"""Input readers: turn files, folders, stdin and URLs into ``Article`` records.

``read_inputs(paths)`` is the entry point.  Each path may be

- ``-``: standard input (JSON Lines, JSON, a feed, HTML or one plain-text article, sniffed);
- an ``http://`` or ``https://`` URL (``sources.urls``);
- a directory, read recursively in sorted order, hidden files and folders skipped;
- a file, dispatched by extension (``.gz`` is looked through: ``a.jsonl.gz``):

  ========================  ==========================================
  .jsonl .ndjson            JSON Lines, streamed (``sources.tabular``)
  .json                     a list of records or one record
  .csv .tsv .tab            a header row naming the fields
  .txt .text .md            one article per file (``sources.files``)
  .html .htm .xhtml         one page per file (``sources.html``)
  .xml .rss .atom .rdf      RSS/Atom feed (``sources.feeds``)
  no extension              sniffed from the content
  ========================  ==========================================

Every bad input yields ``Rejected(origin, reason)`` and the batch goes on; nothing is read
before the caller asks for it (generators all the way down).
"""
from __future__ import annotations

import datetime as _dt
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path

from ..model import Article, Rejected
from ..text.dates import parse_date
from .feeds import read_feed_file, read_feed_stream
from .files import (
    SNIFF_BYTES,
    decode_bytes,
    file_extension,
    looks_binary,
    read_sample,
    read_text_file,
    sniff_kind,
    text_to_article,
)
from .html import html_to_article, read_html_file
from .tabular import read_csv, read_json, read_json_data, read_jsonl, read_jsonl_lines
from .urls import read_url

__all__ = ["Article", "Rejected", "read_file", "read_inputs", "read_path", "read_url"]

Reader = Callable[..., Iterator]


def _read_tsv(path, *, default_date=None):
    return read_csv(path, delimiter="\t", default_date=default_date)


READERS: dict[str, Reader] = {
    ".jsonl": read_jsonl, ".ndjson": read_jsonl, ".jsonlines": read_jsonl,
    ".json": read_json,
    ".csv": read_csv, ".tsv": _read_tsv, ".tab": _read_tsv,
    ".txt": read_text_file, ".text": read_text_file, ".md": read_text_file, ".markdown": read_text_file,
    ".html": read_html_file, ".htm": read_html_file, ".xhtml": read_html_file,
    ".xml": read_feed_file, ".rss": read_feed_file, ".atom": read_feed_file, ".rdf": read_feed_file,
}
SNIFFED_READERS: dict[str, Reader] = {
    "jsonl": read_jsonl, "json": read_json, "feed": read_feed_file, "xml": read_feed_file,
    "html": read_html_file, "text": read_text_file,
}


def _guard(origin: str, items: Iterable) -> Iterator[Article | Rejected]:
    """Turn an unexpected error inside a reader into a Rejected; the batch goes on."""
    try:
        yield from items
    except Exception as e:
        yield Rejected(origin, f"unexpected error: {type(e).__name__}: {e}")


def read_file(path: str | os.PathLike, *, default_date: str | None = None) -> Iterator[Article | Rejected]:
    """Articles from one file, chosen by extension (or by content without one)."""
    origin = str(path)
    ext = file_extension(path)
    reader = READERS.get(ext)
    if reader is None and ext and not ext[1:].isdigit():
        yield Rejected(origin, f"unsupported extension '{ext}'")
        return
    try:
        sample = read_sample(path)
    except OSError as e:
        yield Rejected(origin, f"cannot read file: {e.strerror or e}")
        return
    except (EOFError, ValueError) as e:                     # corrupt gzip header
        yield Rejected(origin, f"cannot read file: {e}")
        return
    if not sample.strip():
        yield Rejected(origin, "empty text (empty file)")
        return
    if looks_binary(sample):
        yield Rejected(origin, "binary file, not text")
        return
    if reader is None:
        reader = SNIFFED_READERS.get(sniff_kind(sample), read_text_file)
    yield from _guard(origin, reader(path, default_date=default_date))


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root``, sorted, without hidden files or folders."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def _stdin_lines() -> Iterator[bytes | str]:
    stream = sys.stdin
    buffer = getattr(stream, "buffer", None)
    yield from (buffer if buffer is not None else stream)


def read_stdin(*, default_date: str | None = None) -> Iterator[Article | Rejected]:
    """Standard input: JSON Lines (streamed) when the first line is a JSON object, else
    a JSON document, a feed, an HTML page or one plain-text article (id ``stdin``)."""
    lines = _stdin_lines()
    head: list[bytes | str] = []
    for line in lines:
        head.append(line)
        if line.strip():
            break
    if not head or not head[-1].strip():
        yield Rejected("stdin", "empty input")
        return
    first = head[-1] if isinstance(head[-1], str) else decode_bytes(head[-1])
    if first.strip().startswith("{"):
        try:
            is_object = isinstance(json.loads(first), dict)
        except ValueError:
            is_object = False
        if is_object:
            yield from read_jsonl_lines(chain(head, lines), origin="stdin", stem="stdin",
                                        default_date=default_date)
            return
    data = [ln.encode("utf-8") if isinstance(ln, str) else ln for ln in chain(head, lines)]
    raw = b"".join(data)
    kind = sniff_kind(raw[:SNIFF_BYTES])
    if kind in ("json", "jsonl"):
        yield from read_json_data(raw, origin="stdin", stem="stdin", default_date=default_date)
    elif kind in ("feed", "xml"):
        yield from read_feed_stream(io.BytesIO(raw), origin="stdin", stem="stdin", default_date=default_date)
    elif kind == "html":
        yield html_to_article(raw, id="stdin", origin="stdin", default_date=default_date)
    elif kind == "binary":
        yield Rejected("stdin", "binary data, not text")
    else:
        yield text_to_article(raw, id="stdin", origin="stdin", default_date=default_date)


def read_path(path: str | os.PathLike, *, default_date: str | None = None) -> Iterator[Article | Rejected]:
    """Articles from one path: ``-``, an URL, a directory or a file."""
    p = str(path)
    if p == "-":
        yield from _guard("stdin", read_stdin(default_date=default_date))
        return
    if p.lower().startswith(("http://", "https://")):
        yield from _guard(p, read_url(p, default_date=default_date))
        return
    fs = Path(p)
    if fs.is_dir():
        for f in _walk(fs):
            yield from _guard(str(f), read_file(f, default_date=default_date))
    elif fs.is_file():
        yield from _guard(p, read_file(fs, default_date=default_date))
    elif fs.is_symlink():
        yield Rejected(p, "broken symbolic link")
    elif fs.exists():
        yield Rejected(p, "not a regular file")
    else:
        yield Rejected(p, "no such file or directory")


def read_inputs(paths: list[str] | str, *, default_date: str | _dt.date | None = None
                ) -> Iterator[Article | Rejected]:
    """Read every input path lazily; yields ``Article`` or ``Rejected`` records.

    ``default_date`` (ISO string or date) is the publication date of articles whose input
    gives none.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    dd = parse_date(default_date) if default_date else None
    for p in paths:
        yield from read_path(p, default_date=dd)
