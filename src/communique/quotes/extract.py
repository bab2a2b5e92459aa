"""Direct and reported speech with its speaker and addressee.

Direct quotes are found on the characters (all quote styles, quotes running over a paragraph
break, split quotes); the speaker is the subject of the nearest reporting verb outside the
quote in the same sentence, or of a sentence ending in a colon just before it, or the speaker of
the previous quote in the paragraph.  Reported speech is a reporting verb with a clausal
complement ("X said that ...", "..., a spokesperson said", "X told Y ...").
In press-conference transcripts ("Q: ... / A: ..." or "Reporter: ... / Spokesperson: ..."),
answers are given to the spokesperson named in the title.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..actors.mentions import MentionSpan
from ..events.arguments import ArgumentFinder
from ..model import ActorRef, Article, Quote

SAY_VERBS = {"say", "tell", "add", "state", "stress", "note", "warn", "insist", "write", "declare",
             "reiterate", "urge", "argue", "claim", "describe", "explain", "remark", "comment", "announce",
             "emphasize", "emphasise", "underline", "underscore", "affirm", "assert", "acknowledge",
             "admit", "contend", "maintain", "report", "reply", "respond", "answer", "tweet", "post",
             "caution", "complain", "suggest", "observe", "point", "vow", "pledge", "promise", "accuse",
             "call", "ask", "demand", "predict", "confirm", "deny", "repeat", "recall", "mention",
             "reveal", "disclose", "allege", "indicate", "conclude", "hope", "believe", "think"}
INDIRECT_VERBS = SAY_VERBS - {"call", "ask", "demand", "accuse", "describe", "urge", "post", "point"}
DOCUMENT_WORDS = {"statement", "report", "communique", "communiqué", "readout", "release", "declaration",
                  "letter", "note", "transcript"}
OPENERS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c"}


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans (inside the marks) of direct quotations."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        close = None
        if ch in OPENERS:
            close = {OPENERS[ch], "\u201d", '"'}
        elif ch == '"':
            close = {'"', "\u201d"}
        elif ch == "\u2018" and (i == 0 or not text[i - 1].isalnum()):
            close = {"\u2019"}
        if close is None:
            i += 1
            continue
        j = i + 1
        end = None
        while j < n:
            c = text[j]
            if c in close and (c != "\u2019" or j + 1 >= n or not text[j + 1].isalpha()):
                end = j
                break
            if c == "\n" and text[j:j + 2] == "\n\n" or (c == "\n" and ch != "\u2018"):
                end = j            # a quote running to the end of its paragraph
                break
            if c in OPENERS and ch in OPENERS:
                end = j
                break
            j += 1
        if end is None:
            end = n
        s, e = i + 1, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s >= 2 and (e - s > 3 or text[s:e].isalpha()):
            spans.append((s, e))
        i = end + 1 if end < n and text[end] in close else end
    return spans


class QuoteExtractor:
    def extract(self, doc, spans: list[MentionSpan], article: Article) -> list[Quote]:
        text = doc.text
        self._prepare(doc)
        af = ArgumentFinder(doc, spans)
        qspans = find_quote_spans(text)
        in_quote = [False] * len(doc)
        char2tok = {}
        for t in doc:
            char2tok[t.idx] = t.i
        for s, e in qspans:
            for t in doc.char_span(s, e, alignment_mode="expand") or []:
                in_quote[t.i] = True
        quotes: list[Quote] = []
        prev_speaker: ActorRef | None = None
        prev_para = -1
        for s, e in qspans:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            para = text.count("\n\n", 0, s)
            speaker, addressee, cue = self._speaker(doc, span, af, in_quote)
            if speaker is None:
                # no reporting verb: the subject of the sentence uses the words ("US law ... a matter
                # of 'grave concern'")
                root = self._sents_of(span)[0].root
                subj = af.subject(root) if not in_quote[root.i] else []
                if subj:
                    speaker, cue = subj[0].ref, "subject"
            if speaker is None and prev_speaker is not None and para - prev_para <= 1:
                speaker, cue = prev_speaker, "continuation"
            if speaker is not None:
                prev_speaker, prev_para = speaker, para
            quotes.append(Quote(article.id, text[s:e], "direct", s, e, speaker, addressee, cue))
        quotes += self._indirect(doc, af, in_quote, article, quotes)
        self._to_spokesperson(quotes, spans)
        return quotes

    @staticmethod
    def _to_spokesperson(quotes: list[Quote], spans: list[MentionSpan]) -> None:
        """Words a ministry or government "said" were spoken by its spokesperson when the
        article names exactly one spokesperson of that country."""
        people: dict[str, dict] = {}
        for s in spans:
            r = s.ref
            if r.kind == "person" and r.code and "spokes" in ((r.role or "") + " " + r.text).lower():
                people.setdefault(r.code, {})[r.kb_id or r.name] = r
        for q in quotes:
            sp = q.speaker
            if sp is None or sp.kind == "person" or not sp.code:
                continue
            cands = people.get(sp.code, {})
            if len(cands) == 1:
                q.speaker = next(iter(cands.values()))

    # ------------------------------------------------------------------ sentences (cached per doc)
    def _prepare(self, doc):
        self._doc_sents = list(doc.sents)
        self._starts = [s.start for s in self._doc_sents]

    def _sent_at(self, i: int):
        return self._doc_sents[bisect_right(self._starts, i) - 1]

    def _sents_of(self, span):
        a = bisect_right(self._starts, span.start) - 1
        b = bisect_right(self._starts, span.end - 1) - 1
        return self._doc_sents[a:b + 1]

    # ------------------------------------------------------------------ speakers
    def _speaker(self, doc, qspan, af: ArgumentFinder, in_quote):
        sents = self._sents_of(qspan)
        first = sents[0]
        cands = []
        according = None
        for sent in sents:
            for t in sent:
                if in_quote[t.i] or t.lemma_.lower() not in SAY_VERBS or t.pos_ not in ("VERB", "AUX"):
                    continue
                d = min(abs(t.i - qspan.start), abs(t.i - (qspan.end - 1)))
                cands.append((d, t))
            # "according to X" (used when no reporting verb names a speaker)
            for t in sent:
                if t.lower_ == "according" and not in_quote[t.i]:
                    for c in t.children:
                        if c.lower_ == "to":
                            for p in c.children:
                                acts = af.actors_at(p)
                                if acts:
                                    according = according or acts[0].ref
        # a sentence ending with ":" just before the quote
        if first.start > 0 and not cands:
            prev = self._sent_at(first.start - 1)
            if prev.text.rstrip().endswith(":") or doc[qspan.start - 1].text == ":" if qspan.start > 0 else False:
                for t in prev:
                    if t.lemma_.lower() in SAY_VERBS and t.pos_ in ("VERB", "AUX"):
                        cands.append((50, t))
            if qspan.start >= 2 and doc[qspan.start - 2].text == ":":
                for t in self._sent_at(qspan.start - 2):
                    if t.lemma_.lower() in SAY_VERBS and t.pos_ in ("VERB", "AUX"):
                        cands.append((40, t))
        cands.sort(key=lambda x: x[0])
        for _, v in cands:
            subj = af.subject(v)
            if subj:
                addressee = None
                if v.lemma_.lower() == "tell":
                    objs = [a for o in af.objects(v) for a in af.actors_at(o)]
                    addressee = objs[0].ref if objs else None
                return subj[0].ref, addressee, v.lemma_.lower()
        if according is not None:
            return according, None, "according to"
        return None, None, None

    def _indirect(self, doc, af: ArgumentFinder, in_quote, article: Article, direct: list[Quote]) -> list[Quote]:
        out = []
        for v in doc:
            if v.lemma_.lower() not in INDIRECT_VERBS or v.pos_ not in ("VERB", "AUX") or in_quote[v.i]:
                continue
            comps = [c for c in v.children if c.dep_ == "ccomp"]
            # "said in a statement that X ..." is often parsed as a relative clause of "statement"
            for pr in v.children:
                if pr.dep_ == "prep":
                    for n in pr.children:
                        if n.dep_ == "pobj" and n.lemma_.lower() in DOCUMENT_WORDS:
                            comps += [r for r in n.children if r.dep_ in ("relcl", "acl")
                                      and any(m.dep_ == "mark" and m.lower_ == "that" for m in r.children)]
            if not comps:
                continue
            subj = af.subject(v)
            speaker = subj[0].ref if subj else None
            if speaker is None:
                # "the statement said ...": the statement of the last named speaker
                nsubj = [c for c in v.children if c.dep_ == "nsubj"]
                if nsubj and nsubj[0].lemma_.lower() in DOCUMENT_WORDS:
                    before = [q for q in out + direct if q.speaker is not None and q.start < v.idx]
                    if before:
                        speaker = max(before, key=lambda q: q.start).speaker
                if speaker is None:
                    continue
            c = comps[0]
            lo, hi = c.left_edge.i, c.right_edge.i
            if lo < v.i < hi:
                lo = v.i + 1          # "which Washington has said is ...": the clause after the verb
            while lo <= hi and (doc[lo].dep_ == "mark" and doc[lo].lower_ in ("that", "whether", "if")
                                or doc[lo].is_punct and doc[lo].text not in "“\"‘"):
                lo += 1
            while hi >= lo and doc[hi].is_punct and doc[hi].text not in "”\"’":
                hi -= 1
            if hi - lo < 2:
                continue
            # a clause entirely inside one direct quote is already reported as direct speech
            if all(in_quote[i] for i in range(lo, hi + 1)):
                continue
            addressee = None
            if v.lemma_.lower() == "tell":
                objs = [a for o in af.objects(v) for a in af.actors_at(o)]
                addressee = objs[0].ref if objs else None
            s, e = doc[lo].idx, doc[hi].idx + len(doc[hi])
            out.append(Quote(article.id, doc.text[s:e], "indirect", s, e, speaker, addressee,
                             v.lemma_.lower()))
        return out


TRANSCRIPT_Q = re.compile(r"^\s*(Q|Question|Reporter|Journalist)\s*[:：]", re.IGNORECASE | re.MULTILINE)
