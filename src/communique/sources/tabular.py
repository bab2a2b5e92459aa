"""Record-oriented inputs: JSON Lines, JSON and CSV/TSV.

Every record is a mapping with (case-insensitive) fields

    id, date, source, url, title, text

Accepted alternatives: ``body``/``content`` for text, ``published``/``publish_date`` for
date, ``headline`` for title (see the ``*_KEYS`` tuples).  A record without an id gets
``<file stem>:<line>``.  JSON Lines and CSV are streamed (gzip too), so a file of any size is
read in bounded memory; a bad line or record yields ``Rejected`` and the rest of the file
is still read.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from ..model import Rejected
from .files import Item, build_article, decode_bytes, file_stem, open_binary

TEXT_KEYS = ("text", "body", "content", "article", "full_text", "fulltext", "story", "maintext")
TITLE_KEYS = ("title", "headline")
DATE_KEYS = ("date", "published", "publish_date", "published_date", "published_at", "pubdate",
             "publication_date", "date_publish", "datetime")
ID_KEYS = ("id", "article_id", "doc_id", "docid", "uid", "guid")
SOURCE_KEYS = ("source", "outlet", "publisher", "source_name", "sitename", "site")
URL_KEYS = ("url", "link", "uri")
# a JSON object holding a list of articles under one of these keys
CONTAINER_KEYS = ("articles", "items", "records", "data", "results", "documents", "docs")

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _pick(rec: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for k in keys:
        v = rec.get(k)
        if v not in (None, ""):
            return v
    return None


def _as_str(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, dict):                     # {"name": "Reuters", ...} (news APIs)
        v = v.get("name") or v.get("title") or v.get("id")
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    s = str(v).strip() if v is not None else ""
    return s or None


def record_to_article(rec: dict[str, Any], *, origin: str, fallback_id: str,
                      default_date: str | None = None) -> Item:
    """One record (any mapping) -> ``Article`` or ``Rejected``."""
    low = {str(k).strip().lower(): v for k, v in rec.items()}
    text = _pick(low, TEXT_KEYS)
    if text is None:
        return Rejected(origin, "record has no text (expected a field " + ", ".join(TEXT_KEYS[:3]) + ")")
    if not isinstance(text, str):
        return Rejected(origin, f"record text is not a string ({type(text).__name__})")
    return build_article(
        text, id=_as_str(_pick(low, ID_KEYS)) or fallback_id, origin=origin,
        title=_as_str(_pick(low, TITLE_KEYS)), date=_as_str(_pick(low, DATE_KEYS)),
        source=_as_str(_pick(low, SOURCE_KEYS)), url=_as_str(_pick(low, URL_KEYS)),
        default_date=default_date)


# --------------------------------------------------------------------------- JSON Lines

def _decode_line(line: bytes | str) -> str:
    return line if isinstance(line, str) else decode_bytes(line)


def read_jsonl_lines(lines: Iterable[bytes | str], *, origin: str, stem: str,
                     default_date: str | None = None) -> Iterator[Item]:
    """JSON Lines from any iterable of lines; line numbers start at 1."""
    n = 0
    it = iter(lines)
    while True:
        try:
            line = next(it)
        except StopIteration:
            return
        except (OSError, EOFError, ValueError) as e:          # truncated/corrupt gzip, I/O error
            yield Rejected(origin, f"cannot read past line {n}: {e}")
            return
        n += 1
        s = _decode_line(line).strip().lstrip("\ufeff")
        if not s:
            continue
        where = f"{origin}:{n}"
        try:
            rec = json.loads(s)
        except ValueError as e:
            yield Rejected(where, f"invalid JSON on line {n}: {e}")
            continue
        if not isinstance(rec, dict):
            yield Rejected(where, f"line {n} is not a JSON object ({type(rec).__name__})")
            continue
        yield record_to_article(rec, origin=where, fallback_id=f"{stem}:{n}", default_date=default_date)


def read_jsonl(path: str | os.PathLike, *, default_date: str | None = None) -> Iterator[Item]:
    origin = str(path)
    try:
        fh = open_binary(path)
    except OSError as e:
        yield Rejected(origin, f"cannot read file: {e.strerror or e}")
        return
    with fh:
        yield from read_jsonl_lines(fh, origin=origin, stem=file_stem(path), default_date=default_date)


# --------------------------------------------------------------------------- JSON

def read_json_data(data: bytes | str, *, origin: str, stem: str,
                   default_date: str | None = None) -> Iterator[Item]:
    """A JSON document: a list of records, one record, or an object holding a list."""
    text = data if isinstance(data, str) else decode_bytes(data)
    try:
        doc = json.loads(text)
    except ValueError as e:
        # JSON Lines saved as .json?
        lines = text.splitlines()
        first = next((ln for ln in lines if ln.strip()), "")
        try:
            ok = isinstance(json.loads(first), dict) and len(lines) > 1
        except ValueError:
            ok = False
        if ok:
            yield from read_jsonl_lines(lines, origin=origin, stem=stem, default_date=default_date)
        else:
            yield Rejected(origin, f"invalid JSON: {e}")
        return
    if isinstance(doc, dict):
        low = {str(k).lower(): v for k, v in doc.items()}
        if _pick(low, TEXT_KEYS) is None:
            for key in CONTAINER_KEYS:
                if isinstance(low.get(key), list):
                    doc = low[key]
                    break
    if isinstance(doc, dict):
        yield record_to_article(doc, origin=origin, fallback_id=stem, default_date=default_date)
        return
    if not isinstance(doc, list):
        yield Rejected(origin, f"JSON is neither an object nor a list ({type(doc).__name__})")
        return
    for i, rec in enumerate(doc, 1):
        where = f"{origin}:{i}"
        if isinstance(rec, dict):
            yield record_to_article(rec, origin=where, fallback_id=f"{stem}:{i}", default_date=default_date)
        else:
            yield Rejected(where, f"item {i} is not a JSON object ({type(rec).__name__})")


def read_json(path: str | os.PathLike, *, default_date: str | None = None) -> Iterator[Item]:
    origin = str(path)
    try:
        with open_binary(path) as fh:
            data = fh.read()
    except OSError as e:
        yield Rejected(origin, f"cannot read file: {e.strerror or e}")
        return
    yield from read_json_data(data, origin=origin, stem=file_stem(path), default_date=default_date)


# --------------------------------------------------------------------------- CSV / TSV

def _detect_encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as e:
        if e.start >= len(sample) - 3:           # a character cut by the end of the sample
            return "utf-8"
        return "cp1252"


def _detect_delimiter(header_line: str, default: str) -> str:
    if default == "\t":
        return default
    counts = {d: header_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] > 0 and counts[","] == 0 else default


def read_csv(path: str | os.PathLike, *, delimiter: str = ",",
             default_date: str | None = None) -> Iterator[Item]:
    """CSV (or TSV with ``delimiter="\\t"``) with a header row naming the fields."""
    origin = str(path)
    try:
        raw = open_binary(path)
    except OSError as e:
        yield Rejected(origin, f"cannot read file: {e.strerror or e}")
        return
    with raw:
        sample = raw.peek(65536)[:65536] if hasattr(raw, "peek") else b""
        encoding = _detect_encoding(sample)
        stream = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
        first_line = sample.decode(encoding, errors="ignore").split("\n", 1)[0]
        reader = csv.reader(stream, delimiter=_detect_delimiter(first_line, delimiter))
        try:
            header = next(reader, None)
        except csv.Error as e:
            yield Rejected(origin, f"invalid CSV header: {e}")
            return
        if not header:
            yield Rejected(origin, "empty CSV file")
            return
        names = [h.strip().lstrip("\ufeff").lower() for h in header]
        if not any(k in names for k in TEXT_KEYS):
            yield Rejected(origin, "CSV has no text column (columns: " + ", ".join(names)
                           + "; expected one of: " + ", ".join(TEXT_KEYS[:3]) + ")")
            return
        stem = file_stem(path)
        last_line = reader.line_num
        while True:
            start = last_line + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except (csv.Error, OSError, EOFError, ValueError) as e:
                yield Rejected(f"{origin}:{start}", f"cannot parse CSV from line {start}: {e}")
                return
            last_line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            rec: dict[str, Any] = {}
            for name, value in zip(names, row):
                if name and name not in rec:
                    rec[name] = value
            yield record_to_article(rec, origin=f"{origin}:{start}", fallback_id=f"{stem}:{start}",
                                    default_date=default_date)
