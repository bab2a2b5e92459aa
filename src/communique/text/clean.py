"""Text cleaning applied to every article before analysis.

``clean_text`` makes raw article text predictable for the later stages without
rewriting it: every character offset computed later refers to the cleaned text, so
the cleaning only touches what is broken or invisible.

Steps, in order:

1. line endings ``\\r\\n`` / ``\\r`` / U+2028 / U+2029 become ``\\n``;
2. mojibake repair: UTF-8 text that was decoded as cp1252 or latin-1 (``â€™`` -> ``’``,
   ``Ã©`` -> ``é``, also when it happened twice).  A run is repaired only when its bytes
   decode as strict UTF-8 into a plausible character, so genuine text such as
   ``São Paulo`` or ``CAFÉ”`` is left alone;
3. non-breaking and other special spaces become a plain space; zero-width characters,
   soft hyphens, direction marks and stray control characters are removed;
4. Unicode NFC;
5. odd apostrophes: ``´`` (and a backtick) used as an apostrophe become ``’``.  Typographic
   quotes ``“ ” ‘ ’`` and straight quotes are kept as they are;
6. whole-line boilerplate (``Read more: ...``, ``Advertisement``, ``Subscribe ...``,
   ``Click here ...`` ...) is removed;
7. trailing spaces on every line are stripped;
8. a missing space after sentence-final punctuation glued to the next sentence is
   inserted (``Norway.The`` -> ``Norway. The``; ``separatists."“China`` ->
   ``separatists." “China``), but not in abbreviations and initials (``U.S.A``, ``e.g.``,
   ``J.K.``), decimals, URLs, e-mail addresses or domain names;
9. a hyphen that stands for a lost space between two words is made a space again
   (``Meanwhile,-Paris``, ``the-European``, ``rival-Emmanuel Macron``, ``week.-The``): after a
   comma, colon, semicolon, closing quote or sentence end, after a function word, and between
   a lowercase word and a name.  Real compounds are kept: prefixes (``anti-Iranian``,
   ``post-Brexit``, ``al-Qaeda``), acronyms (``voter-ID``), abbreviations (``Rep.-elect``),
   ``in-depth``, ``A-Team``;
10. runs of two or more blank lines become one blank line; leading and trailing
   whitespace of the whole text is removed.

The function is idempotent: ``clean_text(clean_text(s)) == clean_text(s)``.
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["clean_text", "fix_mojibake"]

# --------------------------------------------------------------------------- mojibake

# The character each byte 0x80-0xFF becomes when UTF-8 bytes are wrongly decoded as
# cp1252; the five bytes cp1252 leaves undefined come through as latin-1 C1 controls.
_BYTE_TO_CHAR: dict[int, str] = {}
for _b in range(0x80, 0x100):
    try:
        _BYTE_TO_CHAR[_b] = bytes([_b]).decode("cp1252")
    except UnicodeDecodeError:
        _BYTE_TO_CHAR[_b] = chr(_b)
_CHAR_TO_BYTE: dict[str, int] = {c: b for b, c in _BYTE_TO_CHAR.items()}
# Plain latin-1 decoding gives C1 controls for 0x80-0x9F where cp1252 has punctuation.
for _b in range(0x80, 0xA0):
    _CHAR_TO_BYTE.setdefault(chr(_b), _b)


def _char_class(lo: int, hi: int) -> str:
    chars = {_BYTE_TO_CHAR[b] for b in range(lo, hi + 1)}
    if hi <= 0x9F or lo <= 0x9F:
        chars |= {chr(b) for b in range(max(lo, 0x80), min(hi, 0x9F) + 1)}
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


_CONT = _char_class(0x80, 0xBF)
_LEAD2 = _char_class(0xC2, 0xDF)
_LEAD3 = _char_class(0xE0, 0xEF)
_LEAD4 = _char_class(0xF0, 0xF4)
_MOJIBAKE = re.compile(f"(?:{_LEAD2}{_CONT}|{_LEAD3}{_CONT}{{2}}|{_LEAD4}{_CONT}{{3}})+")
# "â€" left alone at the end of a quotation: the third byte of ” (0x9D, undefined in
# cp1252) was dropped on the way.
_ORPHAN_CLOSE_QUOTE = re.compile("â€(?=[\\s.,;:!?)\\]]|$)")
_MOJIBAKE_HINT = re.compile("[\u00c2-\u00f4]")


_CP1252_CHARS = frozenset(_BYTE_TO_CHAR.values())


def _plausible(ch: str) -> bool:
    """Characters that a repair may produce (what real news text contains).

    C1 controls are accepted because they occur in the intermediate result of a double
    encoding; the ones left at the end are removed with the other control characters.
    """
    cp = ord(ch)
    if 0x80 <= cp <= 0x9F or ch in _CP1252_CHARS:
        return True
    if unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs", "Mn", "Me"):
        return False
    return (0xA0 <= cp <= 0x17F          # latin-1 supplement, latin extended A
            or 0x1CD <= cp <= 0x1DC      # pinyin tone letters (ǎ ǐ ǒ ǔ ǚ)
            or 0x218 <= cp <= 0x21B      # Romanian ș ț
            or 0x370 <= cp <= 0x52F      # greek, cyrillic
            or 0x5D0 <= cp <= 0x5EA      # hebrew letters
            or 0x600 <= cp <= 0x6FF      # arabic
            or 0xE00 <= cp <= 0xE7F      # thai
            or 0x1E00 <= cp <= 0x1EFF    # latin extended additional (Vietnamese)
            or 0x2000 <= cp <= 0x206F    # general punctuation: ’ “ ” – — …
            or 0x20A0 <= cp <= 0x20CF    # currency symbols: €
            or 0x2100 <= cp <= 0x215F    # letterlike: ™ №
            or 0x2190 <= cp <= 0x21FF    # arrows
            or 0x3000 <= cp <= 0x30FF    # CJK punctuation, kana
            or 0x3400 <= cp <= 0x9FFF    # CJK ideographs
            or 0xAC00 <= cp <= 0xD7AF    # hangul
            or 0xFF00 <= cp <= 0xFFEF    # fullwidth forms
            or 0x1F300 <= cp <= 0x1FAFF)  # emoji


def _is_latin_or_punct(ch: str) -> bool:
    cp = ord(ch)
    return (cp <= 0x17F or 0x1CD <= cp <= 0x1DC or 0x218 <= cp <= 0x21B or 0x1E00 <= cp <= 0x1EFF
            or 0x2000 <= cp <= 0x215F or ch in _CP1252_CHARS)


def _repair_run(m: re.Match) -> str:
    run = m.group(0)
    try:
        fixed = bytes(_CHAR_TO_BYTE[c] for c in run).decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return run
    if not all(_plausible(c) for c in fixed):
        return run
    # A non-latin letter glued to a latin letter ("ESPAÑ”" -> "ESPAє", "café…”" -> "caf酔")
    # is genuine text followed by punctuation, not mojibake.  Mojibake of punctuation and
    # latin letters is always fixed.
    start = m.start()
    if start > 0 and m.string[start - 1].isascii() and m.string[start - 1].isalpha():
        if not all(_is_latin_or_punct(c) for c in fixed):
            return run
    return fixed


def fix_mojibake(s: str) -> str:
    """Repair UTF-8 text that was decoded as cp1252/latin-1 (possibly twice)."""
    if not _MOJIBAKE_HINT.search(s):
        return s
    for _ in range(3):                   # double (or triple) encoding: repeat while it helps
        fixed = _MOJIBAKE.sub(_repair_run, s)
        if fixed == s:
            break
        s = fixed
    return _ORPHAN_CLOSE_QUOTE.sub("”", s)


# --------------------------------------------------------------------------- characters

_SPACES = dict.fromkeys(map(ord, "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
                                "\u2008\u2009\u200a\u202f\u205f\u3000"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061"
                                    "\u2062\u2063\u2064\u202a\u202b\u202c\u202d\u202e\ufeff"), None)
_CONTROLS = {c: None for c in list(range(0x20)) + list(range(0x7F, 0xA0))
             if chr(c) not in "\n\t"}
_CONTROLS[0x0B] = "\n"                   # vertical tab
_CONTROLS[0x0C] = "\n"                   # form feed
_CONTROLS[0x85] = "\n"                   # NEL (after the mojibake repair, where it can be a byte)
_CHAR_TABLE = {**_CONTROLS, **_SPACES, **_INVISIBLE}

# ´ used as an apostrophe (Qin´s, countries´ views); a backtick only between letters (don`t)
_ODD_APOSTROPHE = re.compile(r"(?<=[^\W\d_])(?:´(?=[^\W\d_]|\s|[.,;:!?)\]]|$)|`(?=[^\W\d_]))")

# --------------------------------------------------------------------------- boilerplate

_BOILERPLATE = re.compile(
    r"""^[^\w"“‘']{0,3}\s*(?:
        (?:read\s+more|also\s+read|read\s+also|see\s+also|more\s+on\s+this|related|recommended
           |watch|listen|read\s+next|most\s+read|more\s+stories)\s*[:|»>].*
      | (?:read\s+more|also\s+read|read\s+also|see\s+also|read\s+next|more\s+stories
           |related(?:\s+(?:articles?|stories|story|coverage|content|reading|news))?)
           \s*(?:[-–—]\s*.*)?$
      | read\s+more\s+(?:about|at|here|on|from|in)\b.*
      | advertisement(?:\s*[-–—:]?\s*(?:scroll|continue)\b.*)?$
      | story\s+continues\s+(?:below|after)\s+(?:this\s+)?(?:advertisement|ad)$
      | continue\s+reading(?:\s+the\s+main\s+story)?$
      | subscribe\b.*
      | click\s+here\b.*
      | sign\s+up\s+(?:for|to)\s+(?:our|the)\b.*\bnewsletters?\b.*
      | follow\s+us\s+on\b.*
      | share\s+this\s+(?:article|story)$
    )""",
    re.IGNORECASE | re.VERBOSE,
)
MAX_BOILERPLATE_LINE = 300


def _is_boilerplate(line: str) -> bool:
    s = line.strip()
    return bool(s) and len(s) <= MAX_BOILERPLATE_LINE and bool(_BOILERPLATE.match(s))


# --------------------------------------------------------------------------- glued sentences

# sentence-final punctuation, at most one closing quote/bracket, then the start of the
# next sentence: an uppercase letter or an opening quote
_GLUED = re.compile(r"([.!?])([\"'”’)\]]?)(?=[A-Z“‘]|\"[A-Z])")
_URLISH = re.compile(r"://|^www\.|@|\.(?:com|org|net|gov|edu|int|io|co|info|html?|php|aspx?)\b",
                     re.IGNORECASE)
_CLOSERS = "\"'”’)]"
_NEXT_WORD = re.compile(r"[^\W\d_]+")
# two-letter words that often start a sentence; other short capitalised words after a
# full stop are usually part of a name (Mail.Ru, Hill.TV)
_SHORT_STARTERS = frozenset(["A", "I", "He", "It", "In", "On", "As", "At", "If", "No", "So", "Or", "An", "To", "By", "Do", "We", "My", "Up", "Go", "Oh", "Mr", "Ms", "Dr", "St", "US", "UN", "UK", "EU"])


def _token_around(s: str, i: int) -> str:
    a = i
    while a > 0 and not s[a - 1].isspace():
        a -= 1
    b = i
    while b < len(s) and not s[b].isspace():
        b += 1
    return s[a:b]


def _should_split(s: str, m: re.Match) -> bool:
    p = m.start(1)
    if p == 0:
        return False
    prev = s[p - 1]
    if prev in _CLOSERS:
        q = p - 1
        while q > 0 and s[q - 1] in _CLOSERS:
            q -= 1
        if q == 0 or not (s[q - 1].isalnum() or s[q - 1] in ".!?"):
            return False
    elif prev.isdigit():
        q = p
        while q > 0 and s[q - 1].isdigit():
            q -= 1
        if q > 0 and s[q - 1] in ".,":     # 2.0.Beta, 1,5.X: a version or number, not a sentence end
            return False
    elif prev.isalpha():
        q = p
        while q > 0 and s[q - 1].isalpha():
            q -= 1
        word = s[q:p]
        # one-letter words are initials or abbreviations (U.S.A, J.K., e.g.);
        # all-capital words are acronyms or file extensions (ASP.NET, report.PDF)
        if len(word) < 2 or not any(c.islower() for c in word):
            return False
        if q > 0 and s[q - 1] == ".":   # "e.g" / "a.m" / "Ph.D": part of an abbreviation
            return False
    else:
        return False
    nxt = s[m.end():m.end() + 2]
    if len(nxt) == 2 and nxt[0].isupper() and nxt[1] == ".":   # Ph.D., U.S.: an abbreviation
        return False
    w = _NEXT_WORD.match(s, m.end())
    if w and len(w.group(0)) <= 2 and w.group(0) not in _SHORT_STARTERS:   # Mail.Ru, Hill.TV
        return False
    if w and s[w.end():w.end() + 1] == "." and s[w.end() + 1:w.end() + 2].isupper():
        return False                    # a dotted chain: Think.Eat.Save, a name, not two sentences
    if _URLISH.search(_token_around(s, p)):
        return False
    return True


def _split_glued(s: str) -> str:
    if not _GLUED.search(s):
        return s
    out: list[str] = []
    last = 0
    for m in _GLUED.finditer(s):
        if _should_split(s, m):
            out.append(s[last:m.end()])
            out.append(" ")
            last = m.end()
    out.append(s[last:])
    return "".join(out)


# --------------------------------------------------------------------------- lost spaces as hyphens

# "word-word" with nothing else attached on the left (not the middle of "state-of-the-art")
_HYPHEN_JOIN = re.compile(r"(?<![\w-])([^\s-]+)-(?=[A-Za-z\"“‘'])")
# function words that never start a hyphenated compound ...
_GLUE_WORDS = {"the", "of", "and", "but", "from", "with", "that", "which", "who", "was", "were", "said",
               "its", "their", "his", "her", "this", "these", "those"}
# ... and these when a name follows ("at-Mayo", "as-Haiti's"; not "in-depth", "at-risk")
_GLUE_BEFORE_NAMES = _GLUE_WORDS | {"a", "an", "as", "at", "on", "in", "to", "by", "for", "or", "is", "are",
                                    "has", "had", "have", "after", "before", "while", "when", "where", "than"}
# Arabic articles assimilated to the name ("as-Sahab", "an-Nusra", "at-Tawhid") are not glue
_ARABIC_ARTICLES = {"as", "an", "at", "ad", "ar", "az", "ash"}
# lowercase first halves of real compounds with a name ("anti-Iranian", "post-Brexit", "al-Qaeda")
_NAME_PREFIXES = {"anti", "pro", "post", "pre", "mid", "non", "ex", "then", "now", "un", "intra", "inter",
                  "trans", "pan", "neo", "semi", "sub", "super", "ultra", "co", "de", "re", "multi",
                  "counter", "self", "all", "half", "one", "cross", "al", "el", "ash", "ad", "ar", "az",
                  "ul", "ud", "ed", "es", "bin", "ibn", "abu", "bint", "ben", "van", "von", "da", "du",
                  "le", "la", "di", "der", "den", "dos", "das", "wal", "majority", "minority", "quasi", "pseudo"}
# a verb in the past glued to its subject, with its object after it ("Turkey-summoned the Dutch
# envoy"; a compound adjective, "Iran-backed militias", is never followed by an article)
_VERB_AFTER_NAME = re.compile(r"[a-z]+ed (?:the|a|an|its|his|her|their) ")
_ABBREVIATION = re.compile(r"(?:[A-Za-z]\.){2,}$|^[A-Z][a-z]{0,3}\.$")


def _lost_space(left: str, right: str) -> bool:
    """Whether the hyphen in ``left-right`` stands for a lost space (see step 9)."""
    name = right[0].isupper() and right[1:2].islower()
    word = left.strip("\"“”‘’'()[]")
    if left[-1] in ",;:\"”)" and any(c.isalnum() for c in left):
        return True
    if left[-1] in ".!?":
        return right[0].isupper() and not _ABBREVIATION.search(word)
    if word in ("Mr", "Ms", "Mrs", "Dr"):
        return name                     # "Ms-DeVos"
    if not word.isalpha() or word.isupper() or len(word) < 2:
        return False
    low = word.lower()
    if low in _ARABIC_ARTICLES and right[0].lower() == low[-1]:
        return False
    if low in _GLUE_WORDS or (low in _GLUE_BEFORE_NAMES and right[0].isupper()):
        return True
    return word.islower() and name and len(word) > 2 and low not in _NAME_PREFIXES and not low.endswith("ly")


def _unglue_hyphens(line: str) -> str:
    if "-" not in line:
        return line
    out = list(line)
    for m in _HYPHEN_JOIN.finditer(line):
        right = line[m.end():m.end() + 2]
        if _lost_space(m.group(1), right.lstrip("\"“‘'") or right) or (
                m.group(1)[:1].isupper() and m.group(1)[1:].isalpha() and _VERB_AFTER_NAME.match(line, m.end())):
            out[m.end(1)] = " "
    return "".join(out)


# --------------------------------------------------------------------------- main entry

_NEWLINES = re.compile(r"\r\n?|\u2028")
_MANY_BLANKS = re.compile(r"\n{3,}")


def clean_text(s: str) -> str:
    """Clean article text (see the module docstring for the exact steps)."""
    if not s:
        return ""
    s = _NEWLINES.sub("\n", s).replace("\u2029", "\n\n")
    s = fix_mojibake(s)
    s = s.translate(_CHAR_TABLE)
    s = unicodedata.normalize("NFC", s)
    s = _ODD_APOSTROPHE.sub("’", s)
    lines = [ln.rstrip() for ln in s.split("\n") if not _is_boilerplate(ln)]
    s = "\n".join(_unglue_hyphens(_split_glued(ln)) for ln in lines)
    s = _MANY_BLANKS.sub("\n\n", s)
    return s.strip()
