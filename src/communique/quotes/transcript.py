"""Press-conference transcripts and first-person speech.

In a transcript such as a foreign ministry's regular press conference ("Foreign Ministry
Spokesperson Geng Shuang's Regular Press Conference on May 11, 2018"), questions start with
"Q:" and answers with "A:"; answers and opening statements are the spokesperson's words.
``spokesperson`` finds who that is (the person named in the title, resolved for the date);
``answer_paragraphs`` lists the character ranges of the spokesperson's paragraphs.

``first_person_spans`` turns "we", "us" and "our" into mentions of the speaker's government:
inside the spokesperson's answers, and inside any direct quote whose speaker is known
("We firmly oppose this," Zhao said -> China).
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..actors.mentions import MentionFinder, MentionSpan
from ..model import ActorRef, Article, Quote

TITLE = re.compile(r"(?:Spokesperson|Spokesman|Spokeswoman|Spokespersons)\s+([A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,3})"
                   r"(?:'s|’s)?\s+(?:Regular\s+)?Press\s+Conference", re.IGNORECASE)
Q_LINE = re.compile(r"^\s*(?:Q|Question|Reporter|Journalist)\s*[:：]", re.IGNORECASE)
A_LINE = re.compile(r"^\s*(?:A|Answer|[A-Z][\w ]{1,40}?)\s*[:：]\s*")
WE = {"we", "us", "our", "ours"}
I_ME = {"i", "me", "my", "mine"}


def is_transcript(article: Article) -> bool:
    return bool(TITLE.search(article.title or "")) or len(re.findall(r"(?m)^\s*Q\s*[:：]", article.body)) >= 2


def spokesperson(article: Article, finder: MentionFinder) -> ActorRef | None:
    m = TITLE.search(article.title or "") or TITLE.search(article.body[:300])
    if not m:
        return None
    name = m.group(1).strip()
    offices = [("spokesperson_foreign", None)]
    pm = finder.people.resolve(name, article.date, offices, None)
    if pm is None:
        return ActorRef(name=name, code=None, sector="GOV", role="spokesperson", kind="person", method="title")
    return ActorRef(name=pm.person.name, code=pm.code, sector=pm.sector, role=pm.role_title, kb_id=pm.person.id,
                    text=name, kind="person", method="transcript-title", score=0.9)


def answer_paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of the paragraphs that are not questions (answers, statements).  A question
    may run over several paragraphs until the "A:" that answers it; once it has been asked (a
    paragraph ending in "?"), a paragraph without "A:" that asks nothing is the answer, and so is
    every paragraph after a question in a transcript that marks no answer with "A:"."""
    out = []
    pos = 0
    in_question = asked = False
    marked = re.search(r"(?m)^\s*A\s*[:：]", text) is not None
    for para in re.split(r"(\n\s*\n)", text):
        start, end = pos, pos + len(para)
        pos = end
        if not para.strip() or para.startswith("\n"):
            continue
        asks = para.rstrip().rstrip('"\u201d').endswith("?")
        if Q_LINE.match(para):
            in_question, asked = True, asks
            continue
        if re.match(r"^\s*A\s*[:：]", para) or not in_question or not marked or (asked and not asks):
            m = re.match(r"^\s*A\s*[:：]\s*", para)
            out.append((start + (m.end() if m else 0), end))
            in_question = asked = False
        else:
            asked = asked or asks
    return out


def transcript_quotes(article: Article, speaker: ActorRef, text: str) -> list[Quote]:
    return [Quote(article.id, text[s:e].strip(), "direct", s, s + len(text[s:e].rstrip()), speaker, None,
                  "press conference") for s, e in answer_paragraphs(text) if text[s:e].strip()]


def first_person_spans(doc, spans: list[MentionSpan], quotes: list[Quote], article: Article,
                       finder: MentionFinder, speaker: ActorRef | None) -> list[MentionSpan]:
    """Mentions of the speaker's government for "we/us/our" in answers and direct quotes, and of
    the speaker himself for "I/me/my" in what he is quoted saying."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    ranges: list[tuple[int, int, ActorRef]] = []
    if speaker is not None and speaker.code:
        ranges += [(s, e, speaker) for s, e in answer_paragraphs(doc.text)]
    for q in quotes:
        if q.kind == "direct" and q.speaker is not None and q.speaker.code:
            ranges.append((q.start, q.end, q.speaker))
    out = []
    for tok in doc:
        if tok.lower_ in I_ME and tok.i not in taken and tok.pos_ == "PRON":
            who = next((q.speaker for q in quotes if q.kind == "direct" and q.speaker is not None
                        and q.speaker.kind == "person" and q.speaker.code and q.start <= tok.idx < q.end), None)
            if who is not None:
                ref = replace(who, text=tok.text, start=tok.idx, end=tok.idx + len(tok),
                              method=f"coref:I ({who.name})", score=0.7)
                out.append(MentionSpan(ref, tok.i, tok.i + 1, tok.i))
            continue
        if tok.lower_ not in WE or tok.i in taken:
            continue
        for s, e, who in ranges:
            if s <= tok.idx < e:
                code = who.code
                name = finder.kb.country_name(code) or who.name
                ref = ActorRef(name=name, code=code, sector="GOV" if who.kind in ("person", "state", "body") else who.sector,
                               kb_id=code, text=tok.text, start=tok.idx, end=tok.idx + len(tok), kind="state",
                               method=f"coref:we ({who.name})", score=0.7)
                out.append(MentionSpan(ref, tok.i, tok.i + 1, tok.i))
                break
    return out
