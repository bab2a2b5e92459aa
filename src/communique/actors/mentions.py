"""Finding actor mentions in a parsed document and resolving each to the knowledge base.

Produces ``MentionSpan`` objects (an ``ActorRef`` plus token offsets) for
  * named people, with the title and country words around them used as role hints;
  * states (names, demonyms, capitals and seats of government used as metonyms),
    organisations, armed groups and government bodies;
  * generic agents: a country word plus an agent noun ("Chinese officials", "US troops");
  * in-document coreference: surnames, "the secretary"/"the spokesperson", he/she.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from ..model import ActorRef
from ..nlp.loader import APPOSITIVE_TITLES, HYPHEN_PREFIXES
from ..nlp.syntax import clause_verb
from .kb import KB, family_name, norm
from .resolve import PersonResolver, name_similarity

STOP_LEFT = {"det", "punct", "cc", "prep", "mark", "advmod", "nummod", "quantmod", "acl", "relcl"}
VENUE_NOUNS = {"summit", "talks", "meeting", "conference", "declaration", "accord", "accords", "agreement",
               "agreements", "process", "format", "forum", "dialogue", "protocol", "memorandum", "treaty",
               "charter", "principles", "communique", "plan", "initiative", "consensus"}
# sites inside a city: "Moscow's Tretyakov Gallery", "Kabul's airport" name a place, not the government
SITE_NOUNS = {"gallery", "museum", "theatre", "theater", "airport", "hospital", "university", "park", "square",
              "street", "streets", "district", "suburb", "suburbs", "outskirts", "market", "stadium", "cathedral",
              "church", "mosque", "synagogue", "temple", "metro", "subway", "zoo", "library", "station", "port",
              "harbour", "harbor", "neighbourhood", "neighborhood", "old", "centre", "center", "downtown"}
MODIFIER_DEPS = ("compound", "amod", "nmod", "npadvmod", "poss")
VISIT_WORDS = {"visit", "trip", "tour", "travel", "arrive", "fly", "go", "come", "head", "stay", "stopover"}
PRONOUNS_PERSON = {"he", "she", "him", "his", "her"}
COREF_TITLES = {"secretary", "spokesperson", "spokesman", "spokeswoman", "minister", "president",
                "premier", "chancellor", "ambassador", "envoy", "prime minister", "foreign minister",
                "diplomat", "top diplomat", "leader", "official"}


# nouns for a place named by its "of" phrase or by its state ("the city of Basra", "the southern
# Russian city of Astrakhan")
TOWN_NOUNS = {"city", "town", "village", "province", "region", "capital", "port", "district", "state"}
# plural nouns that "the two ..." or "both ..." turn into the last two parties named
PAIR_NOUNS = {"side", "leader", "country", "nation", "government", "minister", "president", "delegation",
              "state", "foreign minister", "army", "military", "head"}
# "their meeting": the meeting of the two parties just named together
MEETING_NOUNS = {"meeting", "talk", "summit", "call", "conversation", "encounter", "discussion", "negotiation"}
# a trip during which its traveller speaks ("said during a visit to the UK")
VISIT_NOUNS = {"visit", "trip", "tour"}
PERSON_PAIR_NOUNS = {"leader", "minister", "president", "head", "foreign minister"}

# sectors of bare institutions that belong to the article's home state ("the government said")
HOME_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG"}
# sectors of bare plural groups that are the home state's people ("police", "nurses", "protesters")
HOME_PEOPLE = {"COP", "CVL", "HLH", "EDU", "LAB", "REL"}
# ... except words for people who are often strangers to the place ("people applied for asylum")
# (lemmas: the word is matched by its lemma)
FOREIGN_PRONE = {"people", "tourist", "hostage", "settler", "woman", "child", "crowd", "population", "public"}
HOME_ANY = HOME_SECTORS | HOME_PEOPLE | {"OPP"}     # ("the opposition": the home state's)

# members of an armed group, when the article names only one ("Islamic militants", "the gunmen")
GROUP_MEMBER_WORDS = {"militant", "jihadist", "jihadi", "terrorist", "extremist", "insurgent", "gunman", "gunmen",
                      "fighter", "islamist", "bomber"}
# "the aforementioned countries", "the above-mentioned states": the states just named
ANAPHORIC_LIST = re.compile(r"\b(aforementioned|above-? ?mentioned|aforesaid|above)\b")
# parts of an institution named after it ("the Senate Finance Committee")
COMMITTEE_WORDS = {"committee", "subcommittee", "caucus", "panel", "commission"}
# nouns that a leader's name turns into that leader's government ("the Bush administration")
REGIME_NOUNS = {"administration", "government", "regime", "cabinet", "camp", "team", "aide", "presidency"}
# what a state's people are called after "its (own)"
CIVILIAN_NOUNS = {"people", "citizen", "civilian", "population", "nation"}
# agent words that stand for a state as a whole ("the Syrian government ... its people")
STATE_ORGAN_NOUNS = {"government", "regime", "administration", "authority", "authorities", "leadership", "side"}


def _word_runs(toks):
    """Runs of three, then two, then one consecutive tokens, left to right."""
    toks = list(toks)
    for n in (3, 2, 1):
        for i in range(len(toks) - n + 1):
            yield toks[i:i + n]


@dataclass(eq=False)
class MentionSpan:
    ref: ActorRef
    start: int          # first token
    end: int            # token after the last
    head: int           # head token index

    @property
    def is_person(self) -> bool:
        return self.ref.kind == "person"


def home_country(spans: list[MentionSpan]) -> str | None:
    """The state an article is about: named (as a state, body, agent or person) at least
    twice and at least twice as often as any other state."""
    counts: dict[str, int] = {}
    for s in spans:
        c = s.ref.code
        if c and len(c) == 3 and c.isalpha() and s.ref.kind in ("state", "body", "agent", "person"):
            counts[c] = counts.get(c, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or ranked[0] < 2 or (len(ranked) > 1 and ranked[0] < 2 * ranked[1]):
        return None
    return max(counts, key=counts.get)


class MentionFinder:
    def __init__(self, kb: KB):
        self.kb = kb
        self.people = PersonResolver(kb)
        self._title_keys = sorted(kb.title_offices, key=len, reverse=True)
        self._country_names: dict[str, str] | None = None
        self._surnames: dict[tuple, str] = {}
        from ..events.rules import rule_words
        self._org_nouns = rule_words().organisation_nouns

    # ------------------------------------------------------------------ hints
    def surname_of(self, ref: ActorRef) -> str:
        key = (ref.kb_id, ref.name, ref.code)
        s = self._surnames.get(key)
        if s is None:
            p = self.kb.people.get(ref.kb_id or "")
            s = self._surnames[key] = p.surname if p else family_name(ref.name, [ref.code])
        return s

    def title_hints(self, text: str) -> tuple[list[tuple[str, str | None]], str | None]:
        """Offices named in a phrase (longest title first) and the title words found."""
        t = " " + norm(text) + " "
        for key in self._title_keys:
            if f" {key} " in t:
                return list(self.kb.title_offices[key]), key
        return [], None

    def country_of(self, text: str) -> tuple[str | None, str | None]:
        """Country code (and sector) named by a word or phrase: name, demonym, metonym, body."""
        k = norm(text)
        if not k:
            return None, None
        k = k.removeprefix("the ")
        for kind, key in self.kb.names.get(k, []):
            if kind == "person":
                continue
            e = self.kb.entities[key]
            if kind == "state":
                return e.code, "GOV"
            if kind == "body":
                return e.code, e.sector
        if k in self.kb.demonyms:
            return self.kb.demonyms[k], None
        if k in self.kb.metonyms:
            return self.kb.metonyms[k]
        return None, None

    def affiliation_in(self, toks) -> str | None:
        """An organisation or armed group named in a title ("the United Nations Emergency Relief
        Coordinator", "Hamas political chief"): its code."""
        toks = list(toks)
        for n in (5, 4, 3, 2, 1):
            for i in range(len(toks) - n + 1):
                chunk = toks[i:i + n]
                if not chunk[0].text[:1].isupper():
                    continue
                for kind, key in self.kb.names.get(norm(" ".join(t.text for t in chunk)), []):
                    if kind in ("igo", "ngo", "nsa"):
                        return self.kb.entities[key].code
        return None

    def country_in(self, toks) -> str | None:
        """First country named by any entity-like word or word pair in a token sequence."""
        for chunk in _word_runs(toks):
            if any(t.text[:1].isupper() for t in chunk):
                code, _ = self.country_of(re.sub(r"[’']s$", "", " ".join(t.text for t in chunk)))
                if code:
                    return code
        return None

    def _place_country_in(self, toks) -> str | None:
        """The country of a place named in a person's title ("New York Governor Andrew Cuomo")."""
        for chunk in _word_runs(toks):
            if chunk[0].text[:1].isupper():
                place = self.kb.place(" ".join(t.text for t in chunk))
                if place is not None and place.country:
                    return place.country
        return None

    # ------------------------------------------------------------------ main
    def _sent_start(self, i: int) -> int:
        return self._starts[bisect_right(self._starts, i) - 1]

    def _sent_bounds(self, i: int) -> tuple[int, int]:
        """First token of the sentence holding token ``i`` and first token after it."""
        k = bisect_right(self._starts, i)
        return self._starts[k - 1], self._starts[k] if k < len(self._starts) else 10 ** 9

    def find(self, doc, day: str | None, home: str | None = None) -> list[MentionSpan]:
        """The actor mentions of a parsed article.  ``home`` is the article's home state when the
        caller knows it (a government's own press-conference transcript); otherwise the state
        the article is mostly about, if one dominates."""
        self._starts = [s.start for s in doc.sents]
        spans: list[MentionSpan] = []
        taken = [False] * len(doc)

        def take(ms: MentionSpan):
            spans.append(ms)
            for i in range(ms.start, ms.end):
                taken[i] = True

        # 1. people
        persons: list[MentionSpan] = []
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            if self._entity_named(ent):
                continue        # "the Medellin Cartel" tagged as a person: an organisation (step 2)
            ms = self._person(doc, ent, day, persons)
            if ms:
                persons.append(ms)
                take(ms)
        # 2. states, organisations, groups, bodies
        for ent in doc.ents:
            if ent.label_ in ("PERSON", "TITLE", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY",
                              "PERCENT", "QUANTITY") and not (ent.label_ == "PERSON" and self._entity_named(ent)):
                continue
            if any(taken[i] for i in range(ent.start, ent.end)):
                continue
            ms = self._entity(doc, ent)
            if ms:
                take(ms)
        # 3. generic agents: "Chinese officials", "a US destroyer", "the spokesperson"
        by_tok = {i: s for s in spans for i in range(s.start, s.end)}
        for tok in doc:
            if taken[tok.i] or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            ms = self._agent(doc, tok, by_tok, persons, day)
            if ms:
                inner = [s for s in spans if ms.start <= s.start and s.end <= ms.end]
                # a conjoined modifier stays an actor of its own ("U.S. and Russian negotiators")
                keep = [s for s in inner if any(doc[s.head] in doc[i].conjuncts for i in range(ms.start, ms.end)
                                                if by_tok.get(i) is not s and by_tok.get(i) is not None)]
                for s in inner:
                    if s not in keep:
                        spans.remove(s)
                take(ms)
                kept = {i for s in keep for i in range(s.start, s.end)}
                for i in range(ms.start, ms.end):
                    if i not in kept:
                        by_tok[i] = ms
        # 3b. bare institutions ("the government", "Congress", "police") of the article's home state
        home = home or home_country(spans)
        if home is not None:
            for tok in doc:
                if not taken[tok.i] and tok.pos_ in ("NOUN", "PROPN"):
                    ms = self._home_agent(doc, tok, home, day, by_tok)
                    if ms:
                        take(ms)
                        by_tok[tok.i] = ms
        # 4. surnames and pronouns referring back to people
        for tok in doc:
            if taken[tok.i]:
                continue
            low = tok.lower_
            if tok.pos_ == "PROPN" and tok.text[:1].isupper():
                ms = self._surname(doc, tok, persons, day)
                # (a lone family name the tagger took for an organisation: "Trump said ...")
                lone_org = tok.ent_type_ == "ORG" and tok.ent_iob_ == "B" and (
                    tok.i + 1 == len(doc) or doc[tok.i + 1].ent_iob_ != "I")
                if ms is None and (tok.ent_type_ in ("", "PERSON") or lone_org) and (tok.i == 0 or not doc[tok.i - 1].is_title
                                                                      or doc[tok.i - 1].is_sent_start):
                    ms = self._known_surname(doc, tok, day)
                if ms is None and not any(taken[i] for i in range(tok.i, tok.head.i + 1)):
                    regime = self._leader_regime(doc, tok)
                    if regime is not None:
                        take(regime)
                        continue
                if ms:
                    persons.append(ms)
                    take(ms)
            elif low in PRONOUNS_PERSON and tok.pos_ == "PRON":
                # "In his speech on Thursday, the Secretary said ...": the subject named just after
                s_end = doc[tok.i].sent.end
                ahead = [p for p in spans if p.ref.kind == "person" and tok.i < p.start < s_end
                         and doc[p.head].dep_ == "nsubj" and doc[p.head].head.dep_ == "ROOT"
                         and tok.dep_ == "poss" and tok.head.i < p.start] if low in ("his", "her") and not any(
                    p.ref.kind == "person" and doc[tok.i].sent.start <= p.start and p.end <= tok.i for p in spans) else []
                before = [] if ahead else self._clause_subject(doc, tok, spans) or self._subject_before(doc, tok, spans)
                # otherwise the latest person named before, by name or by title
                prev = ahead[:1] or before or sorted((p for p in spans if p.ref.kind == "person" and p.end <= tok.i
                                                      and tok.i - p.end < 120), key=lambda x: x.end)
                if prev:
                    p = prev[-1]
                    take(MentionSpan(replace(p.ref, text=tok.text, start=tok.idx, end=tok.idx + len(tok),
                                             method="coref:pronoun", score=0.7), tok.i, tok.i + 1, tok.i))
            elif low in ("its", "their", "his", "her") and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "own":
                # "used chemical weapons against its own people": the subject of its clause
                verb = clause_verb(tok)
                subj = [s for s in spans if verb is not None and doc[s.head].dep_ == "nsubj" and doc[s.head].head == verb]
                if subj:
                    # (its own people are its civilians, not the government that acts on them)
                    civil = tok.head.lemma_.lower() in CIVILIAN_NOUNS
                    take(MentionSpan(replace(subj[0].ref, text=tok.text, start=tok.idx, end=tok.idx + len(tok),
                                             method="coref:own", score=0.8,
                                             **({"sector": "CVL", "kb_id": None, "kind": "state"} if civil else {})),
                                     tok.i, tok.i + 1, tok.i))
            elif low in ("it", "its") and tok.pos_ == "PRON":
                # "Japan said it had halted aid": the latest state or organisation that was the
                # subject of a clause earlier in the sentence
                s0 = self._sent_start(tok.i)
                # (or an organisation named by its country: "the Nigerian Union of Teachers ... it")
                prev = [p for p in spans if s0 <= p.start and p.end <= tok.i and tok.i - p.end < 25
                        and (p.ref.kind in ("state", "igo", "nsa", "body")
                             or p.ref.kind == "agent" and doc[p.head].lemma_.lower() in self._org_nouns | STATE_ORGAN_NOUNS)
                        and doc[p.head].dep_ in ("nsubj", "nsubjpass")]
                if low == "it" and tok.dep_ not in ("nsubj", "nsubjpass"):
                    # not the subject of its own clause ("China and Russia voted against it": the draft)
                    # ("China condemns and opposes it": nor of a verb joined to it)
                    verb = clause_verb(tok)
                    verbs = {verb} | ({verb.head} if verb is not None and verb.dep_ == "conj" else set())
                    prev = [p for p in prev if doc[p.head].head not in verbs]
                if not prev and tok.dep_ == "nsubj" and s0 > 0:
                    # "Ukraine has faith in the law. On March 6, it opened a case ...": the subject
                    # of the sentence before
                    s1 = self._sent_start(s0 - 1)
                    prev = [p for p in spans if s1 <= p.start and p.end <= s0 and doc[p.head].dep_ == "nsubj"
                            and doc[p.head].head.dep_ == "ROOT" and p.ref.kind in ("state", "igo", "nsa", "body")]
                if prev:
                    p = max(prev, key=lambda x: x.end)
                    # ("used chemical weapons against its people": its civilians, not the government)
                    civil = low == "its" and tok.head.lemma_.lower() in CIVILIAN_NOUNS
                    take(MentionSpan(replace(p.ref, text=tok.text, start=tok.idx, end=tok.idx + len(tok),
                                             method="coref:it", score=0.7,
                                             **({"sector": "CVL", "kb_id": None, "kind": "state"} if civil else {})),
                                     tok.i, tok.i + 1, tok.i))
            elif tok.lemma_.lower() in PAIR_NOUNS and tok.tag_ == "NNS" and self._paired(tok):
                # "the two sides", "both leaders": the last two parties named before
                for ms in self._pair(tok, spans):
                    take(ms)
            elif low in ("countries", "nations", "states") and tok.tag_ == "NNS" and (
                    ANAPHORIC_LIST.search(doc[tok.left_edge.i:tok.i].text.lower())):
                for ms in self._listed_states(doc, tok, spans):
                    take(ms)
            elif low in ("countries", "nations", "states", "governments") and tok.tag_ == "NNS" and (
                    count := _listed_count(tok)):
                # "the three countries": the three states named just before
                for ms in self._listed_states(doc, tok, spans, count):
                    take(ms)
            elif low == "their" and tok.dep_ == "poss" and tok.head.lemma_.lower() in MEETING_NOUNS:
                for ms in self._coordinated_pair(tok, spans):
                    take(ms)
            elif low in ("they", "them") and tok.pos_ == "PRON":
                # the latest group named by a plural noun ("the DPP authorities ... they")
                prev = [p for p in spans if p.end <= tok.i and tok.i - p.end < 60 and p.ref.kind == "agent"
                        and doc[p.head].tag_ in ("NNS", "NNPS")]
                if not prev:
                    prev = [p for p in spans if p.end <= tok.i and tok.i - p.end < 40
                            and p.ref.kind in ("body", "nsa") and doc[p.head].tag_ in ("NNS", "NNPS", "NNP")]
                if prev:
                    p = max(prev, key=lambda x: x.end)
                    take(MentionSpan(replace(p.ref, text=tok.text, start=tok.idx, end=tok.idx + len(tok),
                                             method="coref:they", score=0.6), tok.i, tok.i + 1, tok.i))
                elif tok.dep_ == "nsubj" and low == "they":
                    # "The two sides agreed ... They called on the DPRK and the US": the parties
                    # that were the subject of the sentence before
                    for p in self._plural_subject(doc, tok, spans):
                        take(MentionSpan(replace(p.ref, text=tok.text, start=tok.idx, end=tok.idx + len(tok),
                                                 method="coref:they", score=0.6), tok.i, tok.i + 1, tok.i))
        self._group_members(doc, spans, taken)
        spans.sort(key=lambda s: s.start)
        self._titled_strangers(doc, spans)
        self._title_states(doc, spans)
        if home is not None:
            # an unknown person in an article about one state is taken to be of that state
            for k, sp in enumerate(spans):
                if sp.ref.kind == "person" and not sp.ref.code and \
                        home not in self._counterpart_states(doc, spans, sp):
                    spans[k] = MentionSpan(replace(sp.ref, code=home, method=sp.ref.method + "+home-state",
                                                   score=min(sp.ref.score, 0.5)), sp.start, sp.end, sp.head)
        return self._written_codes(doc.text, self._modified_states(doc, spans))

    def _written_codes(self, text: str, spans: list[MentionSpan]) -> list[MentionSpan]:
        """Codes of armed groups spelled as the article first writes the group ("NSA:al-Shabab")."""
        memo: dict[str, str] = {}
        out = []
        for sp in spans:
            code = sp.ref.code
            e = self.kb.entities.get(code) if code and code.startswith("NSA:") else None
            if e is not None and e.spellings:
                if code not in memo:
                    memo[code] = e.written_code(text)
                if memo[code] != code:
                    sp = MentionSpan(replace(sp.ref, code=memo[code], kb_id=sp.ref.kb_id or code),
                                     sp.start, sp.end, sp.head)
            out.append(sp)
        return out

    @staticmethod
    def _paired(tok) -> bool:
        kids = {c.lower_: c.dep_ for c in tok.children}
        return kids.get("two") == "nummod" and "the" in kids or kids.get("both") in ("det", "predet", "preconj")

    @staticmethod
    def _pair(tok, spans: list[MentionSpan]) -> list[MentionSpan]:
        """The two parties "the two sides" stands for: the two latest different states (or
        organisations) named in the 120 tokens before it, through their people or bodies."""
        before = sorted((p for p in spans if p.end <= tok.i and tok.i - p.end < 120 and p.ref.code
                         and p.ref.kind in ("state", "body", "agent", "person", "igo")),
                        key=lambda p: p.end, reverse=True)
        if tok.lemma_.lower() in PERSON_PAIR_NOUNS:
            # "the two leaders": two people of different states first, if named
            people = [p for p in before if p.is_person]
            if len({p.ref.code for p in people}) >= 2:
                before = people + [p for p in before if not p.is_person]
        else:
            # "the two sides" again: the pair named before, unless other parties have acted since
            # ("... the rules-based and WTO-centered trading system. The two sides agreed")
            prev = [p for p in before if p.ref.method == "coref:pair"]
            if prev:
                pair = [p for p in prev if p.start == prev[0].start]
                codes = {p.ref.code for p in pair}
                since = [p for p in before if p.start > pair[0].end and p.ref.code not in codes]
                if len(pair) == 2 and all(tok.doc[p.head].dep_ in MODIFIER_DEPS for p in since):
                    before = pair + [p for p in before if p not in pair]
        picked: list[MentionSpan] = []
        for p in before:
            if all(p.ref.code != q.ref.code for q in picked):
                picked.append(p)
            if len(picked) == 2:
                break
        if len(picked) < 2:
            return []
        start = tok.left_edge.i
        return [MentionSpan(replace(p.ref, text=tok.doc[start:tok.i + 1].text, start=tok.doc[start].idx,
                                    end=tok.idx + len(tok), method="coref:pair", score=0.6), start, tok.i + 1, tok.i)
                for p in reversed(picked)]

    def _plural_subject(self, doc, tok, spans: list[MentionSpan]) -> list[MentionSpan]:
        """The two or more states or organisations that were the subject of the sentence before
        ``tok``'s (named together, or as "the two sides"), when that sentence named no one else as
        a subject."""
        s0 = self._sent_start(tok.i)
        if s0 == 0:
            return []
        s1 = self._sent_start(s0 - 1)
        subj = [p for p in spans if s1 <= p.start and p.end <= s0 and p.ref.code
                and p.ref.kind in ("state", "igo", "agent", "body", "person")
                and _main_subject(doc[p.head])]
        out: list[MentionSpan] = []
        for p in subj:
            if all(p.ref.code != q.ref.code for q in out):
                out.append(p)
        return out if len(out) >= 2 else []

    def _group_members(self, doc, spans: list[MentionSpan], taken: list[bool]) -> None:
        """In an article that names one armed group, its "militants", "jihadists" or "gunmen"
        are that group's, unless a state is named for them ("Syrian militants"): "airstrikes on
        Islamic militants in Iraq" in an article about the Islamic State hit the group, not Iraq."""
        groups = [s for s in spans if s.ref.kind == "nsa" and s.ref.code]
        if len({s.ref.code for s in groups}) != 1:
            return
        group = groups[0].ref

        def member(tok) -> bool:
            return tok.pos_ == "NOUN" and tok.lemma_.lower() in GROUP_MEMBER_WORDS and self.country_in(
                c for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "poss")) is None

        for k, sp in enumerate(spans):
            if sp.ref.kind == "agent" and sp.ref.sector == "REB" and member(doc[sp.head]):
                spans[k] = MentionSpan(replace(group, text=sp.ref.text, start=sp.ref.start, end=sp.ref.end,
                                               method="coref:group", score=0.6), sp.start, sp.end, sp.head)
        for tok in doc:
            if not taken[tok.i] and member(tok):
                spans.append(MentionSpan(replace(group, text=tok.text, start=tok.idx, end=tok.idx + len(tok),
                                                 method="coref:group", score=0.6), tok.i, tok.i + 1, tok.i))
                taken[tok.i] = True

    def _listed_states(self, doc, tok, spans: list[MentionSpan], count: int | None = None) -> list[MentionSpan]:
        """The states "the aforementioned countries" stands for: those named earlier in its sentence,
        or else in the sentence before (exactly ``count`` of them for "the three countries")."""
        s0 = self._sent_start(tok.i)
        verb = clause_verb(tok)
        # (not whoever acts on them: "Wang Yi will visit the aforementioned countries")
        doers = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree} if verb is not None else set()
        for lo in (s0, self._sent_start(s0 - 1) if s0 > 0 else s0):
            named: dict[str, MentionSpan] = {}
            for p in sorted(spans, key=lambda p: p.start):
                if lo <= p.start and p.end <= tok.i and p.ref.code and p.head not in doers \
                        and p.ref.kind in ("state", "agent", "person", "body"):
                    named.setdefault(p.ref.code, p)
            if len(named) >= 2 and count in (None, len(named)):
                start = tok.left_edge.i
                return [MentionSpan(replace(p.ref, name=self.kb.country_name(code) or code, kb_id=None, role=None,
                                            sector=None, kind="state", text=doc[start:tok.i + 1].text,
                                            start=doc[start].idx, end=tok.idx + len(tok), method="coref:list",
                                            score=0.6), start, tok.i + 1, tok.i)
                        for code, p in named.items()]
        return []

    @staticmethod
    def _coordinated_pair(tok, spans: list[MentionSpan]) -> list[MentionSpan]:
        """The two parties "their" stands for when the last ones named were named together
        ("Mr. Kim and Mr. Trump accepted ... At their meeting in Singapore")."""
        before = [p for p in spans if p.end <= tok.i and tok.i - p.end < 60 and p.ref.code]
        before.sort(key=lambda p: p.end)
        if len(before) < 2:
            return []
        a, b = before[-2], before[-1]
        doc = tok.doc
        if a.ref.code == b.ref.code or doc[b.head] not in doc[a.head].conjuncts:
            return []
        return [MentionSpan(replace(p.ref, text=tok.text, start=tok.idx, end=tok.idx + len(tok),
                                    method="coref:pair", score=0.6), tok.i, tok.i + 1, tok.i) for p in (a, b)]


    @staticmethod
    def _title_state(doc, tok, by_tok: dict) -> MentionSpan | None:
        """The state a title names after its head, in one run of title words ("Minister for Foreign
        Affairs of Laos"), or the person whose title it is when a name comes first ("Minister of
        Foreign Affairs of Eritrea Osman Saleh Mohammed"); None for anything else."""
        for i in range(tok.i + 1, min(len(doc), tok.i + 10)):
            t = doc[i]
            s = by_tok.get(i)
            if s is not None:
                if s.ref.kind == "person":
                    return s
                return s if s.ref.kind == "state" and len(s.ref.code or "") == 3 and \
                    tok.is_ancestor(t) and doc[i - 1].lower_ == "of" else None
            if not (t.pos_ in ("NOUN", "PROPN", "ADJ", "CCONJ") or t.pos_ == "ADP" and t.lower_ in ("of", "for")):
                return None
        return None

    def _home_agent(self, doc, tok, home: str, day, by_tok: dict | None = None) -> MentionSpan | None:
        """A definite institution named alone ("the government", "the army", "Congress",
        "police", "the president"): the home state's, when its sector is a state's own.  A title
        that names its state ("Minister for Foreign Affairs of Laos") is that state's."""
        word = norm(tok.lemma_)
        sector = self.kb.agents.get(word) or self.kb.agents.get(norm(tok.text))
        if sector in HOME_ANY and tok.pos_ == "PROPN" and by_tok and not any(
                c.dep_ in ("compound", "poss", "nmod") for c in tok.children):
            named = self._title_state(doc, tok, by_tok)
            if named is not None and named.ref.kind == "person":
                return None         # "Minister for Foreign Affairs of Greece Nikos Kotzias": his title
            if named is not None:
                code = named.ref.code
                ref = ActorRef(name=self.kb.country_name(code) or code, code=code, sector=sector, text=tok.text,
                               start=tok.idx, end=tok.idx + len(tok), kind="agent", method="title-state:" + word,
                               score=0.6)
                return MentionSpan(ref, tok.i, tok.i + 1, tok.i)
        # "the Senate Finance Committee", "the House Armed Services Committee": a committee of
        # an institution of the state is that institution's
        inner = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"
                 and self.kb.agents.get(norm(c.lemma_)) in HOME_SECTORS]
        if inner and word in COMMITTEE_WORDS and all(c.pos_ == "PROPN" for c in tok.children
                                                     if c.dep_ == "compound"):
            sector = self.kb.agents[norm(inner[0].lemma_)]
        elif any(c.dep_ in ("compound", "poss", "nmod") or (c.dep_ == "prep" and c.lower_ in ("of", "from"))
                 for c in tok.children):
            return None         # "the company's president", "the president of the club"
        if sector not in HOME_ANY or tok.dep_ in ("compound", "amod") or self._paired(tok):
            return None
        if tok.dep_ == "poss" and not any(c.lower_ == "the" for c in tok.children):
            return None         # ("the Court's ruling" is the home state's court; "police's" is no one's)
        definite = any(c.lower_ == "the" for c in tok.children)
        if sector in HOME_PEOPLE:
            if tok.tag_ != "NNS" or word in FOREIGN_PRONE or any(
                    c.dep_ == "prep" and c.lower_ == "of" for cj in tok.conjuncts for c in cj.children):
                return None     # "nurses went on strike", "protesters gathered": groups of residents
        elif not (definite or (tok.pos_ == "PROPN" and tok.text[:1].isupper())):
            return None         # "the army", "Congress"; a bare "troops" may be anyone's
        start = tok.left_edge.i if definite else tok.i
        while start < tok.i and doc[start].dep_ in ("det", "punct"):
            start += 1
        span = doc[start:tok.i + 1]
        holder = self._office_holder(span, home, day, word)
        if holder is not None:
            return MentionSpan(replace(holder, method="home-state:" + word, score=0.6), start, tok.i + 1, tok.i)
        ref = ActorRef(name=self.kb.country_name(home) or home,
                       code=home, sector=sector, text=span.text, start=span.start_char, end=span.end_char,
                       kind="agent", method="home-state:" + word, score=0.6)
        return MentionSpan(ref, start, tok.i + 1, tok.i)

    @staticmethod
    def _clause_subject(doc, tok, spans: list[MentionSpan]) -> list[MentionSpan]:
        """"his"/"her" in a clause whose subject is a person named before it is that person's
        ("Trump told a news conference with Theresa May during his state visit"); "he" in a
        subordinate clause, see ``_matrix_subject``."""
        if tok.lower_ in ("he", "she") and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ != "ROOT":
            return MentionFinder._matrix_subject(doc, tok.head.head, tok, spans)
        if tok.lower_ not in ("his", "her") or tok.dep_ != "poss":
            return []
        verb = clause_verb(tok)
        if verb is None:
            return []
        return [p for p in spans if p.ref.kind == "person" and p.end <= tok.i and doc[p.head].dep_ == "nsubj"
                and doc[p.head].head == verb][:1]

    @staticmethod
    def _matrix_subject(doc, g, tok, spans: list[MentionSpan]) -> list[MentionSpan]:
        """"he" as the subject of a subordinate clause is the subject of the nearest clause
        above it that has one, when that subject is a person named before the pronoun
        ("Netanyahu welcomed Trump's sanctions and said others should follow in view of what he
        called Iran's aggression": plural subjects are passed over); nothing when that subject is
        someone else ("who said he")."""
        for _ in range(10):
            subj = [c for c in g.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i
                    and c.tag_ not in ("NNS", "NNPS") and c.lower_ not in ("they", "we", "i", "you", "it")]
            if subj and g.pos_ in ("VERB", "AUX"):
                return [p for p in spans if p.ref.kind == "person" and p.start <= subj[0].i < p.end][:1]
            if g.head == g:
                break
            g = g.head
        return []

    def _subject_before(self, doc, tok, spans: list[MentionSpan]) -> list[MentionSpan]:
        """The subject "he" of a sentence that names no one before it: the person who was the
        subject of the sentence before, preferably of its main clause ("Trump said reports of an
        attack by forces loyal to Assad had crossed lines. On Sunday, he blamed ...")."""
        s0 = doc[tok.i].sent.start
        if tok.lower_ not in ("he", "she") or tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.dep_ != "ROOT" \
                or s0 == 0 or any(p.ref.kind == "person" and s0 <= p.start < tok.i for p in spans):
            return []
        s1 = self._sent_start(s0 - 1)
        subjects = [p for p in spans if p.ref.kind == "person" and s1 <= p.start and p.end <= s0
                    and doc[p.head].dep_ in ("nsubj", "nsubjpass")]
        return sorted(subjects, key=lambda x: (doc[x.head].head.dep_ != "ROOT", x.start))[:1]

    def _title_states(self, doc, spans: list[MentionSpan]) -> None:
        """An unknown person whose title names a state further left than the name's own phrase
        ("Director of the US Office of National Drug Control Policy Jim Carroll") is of that state:
        the nearest state named before him in the same run of nouns, names and "of"."""
        for k, sp in enumerate(spans):
            if sp.ref.kind != "person" or sp.ref.code:
                continue
            s0 = self._sent_start(sp.start)
            i = sp.start - 1
            while i >= max(s0, sp.start - 12):
                t = doc[i]
                if not (t.pos_ in ("NOUN", "PROPN", "ADJ", "DET") or t.pos_ == "ADP" and t.lower_ in ("of", "for")):
                    break       # (a title is nouns and names joined by "of": not "... shut after Mazen Faqha")
                o = next((o for o in spans if o.start <= i < o.end and o is not sp), None)
                if o is not None and o.ref.kind == "state" and o.ref.code and len(o.ref.code) == 3:
                    spans[k] = MentionSpan(replace(sp.ref, code=o.ref.code, method=sp.ref.method + "+title-state"),
                                           sp.start, sp.end, sp.head)
                    break
                i -= 1
        # ("Director Carroll", "he": the same person later on)
        found = {sp.ref.name: sp.ref.code for sp in spans if sp.ref.kind == "person" and sp.ref.code
                 and sp.ref.method.endswith("+title-state")}
        for k, sp in enumerate(spans):
            if sp.ref.kind == "person" and not sp.ref.code and found.get(sp.ref.name):
                spans[k] = MentionSpan(replace(sp.ref, code=found[sp.ref.name], method=sp.ref.method + "+title-state"),
                                       sp.start, sp.end, sp.head)

    def _counterpart_states(self, doc, spans: list[MentionSpan], sp: MentionSpan) -> set[str]:
        """States of the counterpart named in the person's sentence: "Vice Foreign Minister Luo
        Zhaohui held consultations with his Russian counterpart in Moscow" is not Russia's."""
        s0, s1 = self._sent_bounds(sp.start)
        return {o.ref.code for o in spans if s0 <= o.start < s1 and o.ref.code
                and doc[o.head].head.lemma_.lower() == "counterpart" and doc[o.head].i < doc[o.head].head.i}

    def _titled_strangers(self, doc, spans: list[MentionSpan]) -> None:
        """An unknown person with an office title ("President Prosper Avril declared a state of
        siege in Haiti") holds it in the one state the sentence names, if it names exactly one;
        not in a state he is visiting ("Vice Foreign Minister Kong Xuanyou is on a visit in Pakistan")."""
        for k, sp in enumerate(spans):
            if sp.ref.kind != "person" or sp.ref.method != "unresolved" or sp.ref.code or not sp.ref.role:
                continue
            s0, s1 = self._sent_bounds(sp.start)
            states = {o.ref.code for o in spans if s0 <= o.start < s1 and o.ref.kind == "state" and o.ref.code
                      and not _visited(doc[o.head])}
            states -= self._counterpart_states(doc, spans, sp)
            if len(states) == 1:
                spans[k] = MentionSpan(replace(sp.ref, code=states.pop(), method="unresolved+sentence-state"),
                                       sp.start, sp.end, sp.head)

    @staticmethod
    def _modified_states(doc, spans: list[MentionSpan]) -> list[MentionSpan]:
        """Two corrections of state mentions by their neighbours:
        "anti-Syria journalist", "pro-Russia rebels" do not stand for Syria or Russia;
        "Bosnian Serbs", "Iraqi Kurds": the people of an ethnic group are coded by the state they
        live in (the first demonym), not the group's namesake state."""
        out: list[MentionSpan] = []
        drop: set[int] = set()
        for k, sp in enumerate(spans):
            if sp.start >= 2 and doc[sp.start - 1].text == "-" and doc[sp.start - 2].lower_ in ("anti", "pro") \
                    and sp.ref.kind in ("state", "agent"):
                drop.add(k)
                continue
            if sp.start >= 1 and doc[sp.start - 1].lower_ == "ethnic" and sp.ref.kind in ("state", "agent"):
                # "ethnic Albanians demonstrated in Serbia": an ethnic group is coded by where it
                # lives, which the event's place supplies, not by its namesake state
                drop.add(k)
                continue
            if k + 1 < len(spans) and sp.ref.kind == "state" and sp.end == spans[k + 1].start:
                nxt = spans[k + 1]
                h = doc[nxt.head]
                if (nxt.ref.kind == "state" and nxt.ref.code != sp.ref.code and h.tag_ in ("NNS", "NNPS")
                        and doc[sp.head].head.i == h.i):
                    merged = replace(sp.ref, text=doc[sp.start:nxt.end].text, end=doc[nxt.end - 1].idx
                                     + len(doc[nxt.end - 1]))
                    spans[k + 1] = MentionSpan(merged, sp.start, nxt.end, nxt.head)
                    drop.add(k)
        for k, sp in enumerate(spans):
            if k not in drop:
                out.append(sp)
        return out

    # ------------------------------------------------------------------ people
    def _person(self, doc, ent, day, persons) -> MentionSpan | None:
        h = ent.root
        left = ent.start
        sent_start = self._sent_start(ent.start)
        while left - 1 >= max(sent_start, ent.start - 10):
            t = doc[left - 1]
            if t.text == "-" and left - 2 >= sent_start and doc[left - 2].lower_ in HYPHEN_PREFIXES:
                left -= 1           # "Secretary-General Chedli Klibi"
                continue
            if t.dep_ in STOP_LEFT and not (t.dep_ == "prep" and t.lower_ == "of" and left - 2 >= 0
                                            and doc[left - 2].text[:1].isupper()):
                break
            if t.text in ",;:()\"“”":
                break
            if not (t == h or h in t.ancestors or t.head.i >= ent.start and t.head.i < ent.end):
                # the parser may attach the title to the name's first token
                if not any(a.i in range(ent.start, ent.end) for a in t.ancestors):
                    break
            left -= 1
        prefix = doc[left:ent.start]
        hint_text = prefix.text
        appos = []
        for ch in h.children:
            if ch.dep_ == "appos" and ch.i >= ent.end:
                appos = list(doc[ch.left_edge.i:ch.right_edge.i + 1])
                hint_text += " " + doc[ch.left_edge.i:ch.right_edge.i + 1].text
        if h.dep_ == "appos" and h.head.i < ent.start:
            appos = list(doc[h.head.left_edge.i:h.head.i + 1])
            hint_text = doc[h.head.left_edge.i:h.head.i + 1].text + " " + hint_text
        offices, title = self.title_hints(hint_text)
        country = self.country_in(prefix) or (self.country_in(appos) if appos else None) or self._place_country_in(prefix)
        if country is None:
            # "King Hassan of Morocco"
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ == "of" and c.i >= ent.end:
                    country = self.country_in([p for p in c.children if p.dep_ == "pobj"])
        affiliation = None if country else self.affiliation_in(list(prefix) + appos)
        name_text = ent.text
        name_text = re.sub(r"[’']s$", "", name_text).strip()
        # in-document coreference first for a bare surname
        if len(name_text.split()) == 1:
            for p in reversed(persons):
                if p.ref.name and self.surname_of(p.ref) == norm(name_text):
                    ref = replace(p.ref, text=doc[left:ent.end].text, start=doc[left].idx,
                                  end=ent.end_char, method="coref:surname", score=0.9)
                    return MentionSpan(ref, left, ent.end, h.i)
        m = self.people.resolve(name_text, day, offices, country)
        if m is not None:
            ref = ActorRef(name=m.person.name, code=m.code or country, sector=m.sector, role=m.role_title,
                           kb_id=m.person.id, text=doc[left:ent.end].text, start=doc[left].idx,
                           end=ent.end_char, kind="person", method=m.method, score=m.score)
        else:
            titled_appos = bool(appos) and name_text[:1].isupper() and appos[-1].lower_ in APPOSITIVE_TITLES
            if len(name_text.split()) < 2 and not offices and not (titled_appos and (country or affiliation)):
                # a lone unknown word is too weak to call a person actor
                return None
            sector = None
            if offices:
                sector = self.kb.offices.get(offices[0][0], {}).get("sector")
                country = country or offices[0][1]
            if country is None and len(name_text.split()) <= 2:
                # "President Bush": several known people share the name but one country
                ntoks = norm(name_text).split()
                ids = self.kb.surnames.get(ntoks[-1], [])
                if len(ntoks) == 2:       # "Idi Amin" is not Ma'ruf Amin's compatriot
                    ids = [i for i in ids if norm(self.kb.people[i].name).split()[0] == ntoks[0]]
                codes = {r.country for i in ids for r in self.kb.people[i].roles}
                if len(codes) == 1:
                    country = codes.pop()
            if country is None and affiliation:
                country = affiliation
                sector = "IGO" if affiliation.startswith(("IGO", "NGO")) else "REB"
            ref = ActorRef(name=name_text, code=country, sector=sector, role=title, kb_id=None,
                           text=doc[left:ent.end].text, start=doc[left].idx, end=ent.end_char,
                           kind="person", method="unresolved", score=0.5)
        return MentionSpan(ref, left, ent.end, h.i)

    def _known_surname(self, doc, tok, day) -> MentionSpan | None:
        """A lone family name the parser did not tag ("Blinken met Wang Yi"): accepted only when
        exactly one person with that name held office on the article date."""
        if not day or (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"):
            return None
        k = norm(re.sub(r"[’']s$", "", tok.text))
        if len(k) < 3 or k in self.kb.names or tok.text.endswith(".") or k in self.kb.title_offices:
            return None     # (not "Sen." or "President": titles)
        m = self.people._surname(k, day, [], None)
        if m is None:
            return None
        ref = ActorRef(name=m.person.name, code=m.code, sector=m.sector, role=m.role_title, kb_id=m.person.id,
                       text=tok.text, start=tok.idx, end=tok.idx + len(tok), kind="person", method="surname",
                       score=0.7)
        return MentionSpan(ref, tok.i, tok.i + 1, tok.i)

    def _leader_regime(self, doc, tok) -> MentionSpan | None:
        """"the Bush administration", "the Putin government": a known leader's family name
        modifying a government noun stands for that leader's country, whichever namesake is meant,
        when every known person of that name served the same country."""
        if tok.dep_ != "compound" or tok.head.lemma_.lower() not in REGIME_NOUNS:
            return None
        k = norm(re.sub(r"[’']s$", "", tok.text))
        people = [self.kb.people[i] for i in self.kb.surnames.get(k, [])]
        codes = {r.country for p in people for r in p.roles}
        if len(codes) != 1 or not people:
            return None
        code = codes.pop()
        h = tok.head
        ref = ActorRef(name=None, code=code, sector="GOV", role=None, kb_id=None, text=doc[tok.i:h.i + 1].text,
                       start=tok.idx, end=h.idx + len(h), kind="agent", method="leader-regime", score=0.7)
        return MentionSpan(ref, tok.i, h.i + 1, h.i)

    def _surname(self, doc, tok, persons, day) -> MentionSpan | None:
        if not persons:
            return None
        k = norm(re.sub(r"[’']s$", "", tok.text))
        if len(k) < 2:
            return None
        for p in reversed(persons):
            if p.ref.name and self.surname_of(p.ref) == k and p.start < tok.i:
                ref = replace(p.ref, text=tok.text, start=tok.idx, end=tok.idx + len(tok),
                              method="coref:surname", score=0.9)
                return MentionSpan(ref, tok.i, tok.i + 1, tok.i)
        # misspelt surname of a person already in the document ("Blanken" for Blinken)
        for p in reversed(persons):
            if p.ref.name and p.start < tok.i and len(k) > 3:
                sur = self.surname_of(p.ref)
                if name_similarity(k, sur) >= 0.8 and k[0] == sur[0]:
                    ref = replace(p.ref, text=tok.text, start=tok.idx, end=tok.idx + len(tok),
                                  method="coref:surname-fuzzy", score=0.75)
                    return MentionSpan(ref, tok.i, tok.i + 1, tok.i)
        return None

    # ------------------------------------------------------------------ entities
    def _entity_named(self, ent) -> bool:
        """The whole name is that of an organisation or group in the knowledge base, and of no person."""
        text = re.sub(r"^(the|a|an)\s+", "", re.sub(r"[’']s$", "", ent.text).strip(), flags=re.I)
        hits = self.kb.names.get(norm(text), [])
        return bool(hits) and all(kind != "person" for kind, _ in hits)

    def _entity(self, doc, ent) -> MentionSpan | None:
        start, end = ent.start, ent.end
        while start < end and doc[start].lower_ in ("the", "a", "an"):
            start += 1
        if start >= end:
            return None
        span = doc[start:end]
        text = re.sub(r"[’']s$", "", span.text).strip()
        if end - 1 > start and doc[end - 1].text in ("'s", "’s"):
            end -= 1
        k = norm(text)
        place = self.kb.places.get(k)
        hits = self.kb.names.get(k, [])
        if hits and end + 1 < len(doc) and doc[end].lower_ == "in":
            # "al-Qaida in Yemen", "al-Qaeda in the Islamic Maghreb": a branch named by its region
            # (which the tagger takes for an entity of its own, or not at all)
            for e2 in range(min(len(doc), end + 5), end + 1, -1):
                longer = self.kb.names.get(norm(text + " in " + doc[end + 1:e2].text), [])
                if longer and longer[0][0] != "person":
                    hits, end = longer, e2
                    break
        if hits:
            kind, key = hits[0]
            if kind != "person":
                e = self.kb.entities[key]
                ref = ActorRef(name=e.name, code=e.code, sector=e.sector,
                               kb_id=key, text=doc[start:end].text, start=doc[start].idx,
                               end=doc[end - 1].idx + len(doc[end - 1]), kind=e.kind, method="alias")
                return MentionSpan(ref, start, end, ent.root.i)
        if k in self.kb.metonyms and ent.root.dep_ == "compound":
            h = ent.root.head.lemma_.lower()
            if h in VENUE_NOUNS or not (h in self.kb.agents or h in self._org_nouns or h in REGIME_NOUNS):
                return None      # "the Madrid summit", "the Juba raid": a place, not an actor
        if k in self.kb.metonyms and ent.root.dep_ == "poss" and ent.root.head.lemma_.lower() in SITE_NOUNS:
            return None          # "Moscow's famous Tretyakov Gallery"
        if k in self.kb.demonyms or k in self.kb.metonyms:
            code, sector = self.country_of(k)
            ref = ActorRef(name=self.kb.country_name(code), code=code, sector=sector, kb_id=code,
                           text=doc[start:end].text, start=doc[start].idx,
                           end=doc[end - 1].idx + len(doc[end - 1]),
                           kind="state", method="demonym" if k in self.kb.demonyms else "metonym")
            return MentionSpan(ref, start, end, ent.root.i)
        if place is not None:
            return None
        if ent.label_ == "GPE" and not hits and len(k) >= 5:
            code = self._fuzzy_country(k)
            if code:
                ref = ActorRef(name=self.kb.country_name(code), code=code, sector="GOV", kb_id=code,
                               text=doc[start:end].text, start=doc[start].idx,
                               end=doc[end - 1].idx + len(doc[end - 1]), kind="state", method="fuzzy-country",
                               score=0.8)
                return MentionSpan(ref, start, end, ent.root.i)
        if ent.label_ in ("ORG", "NORP", "GPE"):
            # unknown organisation with a country word: "Taiwan's Defense Ministry"
            code = self.country_in(doc[start:end])
            if code:
                head = ent.root
                sector = self.kb.agents.get(norm(head.lemma_)) or self.kb.agents.get(norm(head.text)) or "GOV"
                ref = ActorRef(name=text, code=code, sector=sector, kb_id=None, text=doc[start:end].text,
                               start=doc[start].idx, end=doc[end - 1].idx + len(doc[end - 1]),
                               kind="body", method="country-word", score=0.7)
                return MentionSpan(ref, start, end, ent.root.i)
        return None

    def _fuzzy_country(self, k: str) -> str | None:
        """A misspelt country name ("Afganistan"): one close match among state names."""
        if self._country_names is None:
            self._country_names = {}
            for key, hits in self.kb.names.items():
                for kind, code in hits:
                    if kind == "state" and len(key) >= 5:
                        self._country_names[key] = code
        best = process.extractOne(k, list(self._country_names), scorer=fuzz.ratio, score_cutoff=88)
        return self._country_names[best[0]] if best else None

    # ------------------------------------------------------------------ agents
    SPECIFIC_OFFICES = {"head_of_state", "head_of_government", "vice_president", "foreign_minister",
                        "defence_minister", "finance_minister", "trade_minister", "interior_minister",
                        "national_security_adviser", "spokesperson_foreign", "spokesperson_presidential",
                        "spokesperson_defence", "chief_of_staff_military"}

    def _office_holder(self, span, code, day, word) -> ActorRef | None:
        """"a State Department spokesperson", "the Chinese foreign minister": the one person who
        held that office in that country on the article date, when the knowledge base knows them."""
        if word not in COREF_TITLES or not day:
            return None
        offices, _ = self.title_hints(span.text)
        offices = [(o, c) for o, c in offices if o in self.SPECIFIC_OFFICES and (c is None or c == code)]
        if not offices:
            return None
        holders = self.people.holders(day, offices, code)
        if len(holders) > 1:
            # the office itself rather than its deputies ("Principal Deputy Spokesperson")
            def principal(p):
                return not any(w in r.title.lower() for r in p.roles_at(day) for w in ("deputy", "assistant", "vice"))
            holders = [p for p in holders if principal(p)]
        if len(holders) != 1:
            return None
        p = holders[0]
        role, former = self.people._pick_role(p, day, offices, code)
        return ActorRef(name=p.name, code=code, sector=role.sector if role else "GOV",
                        role=role.title if role else None, kb_id=p.id, text=span.text,
                        start=span.start_char, end=span.end_char, kind="person",
                        method="role-holder", score=0.75)

    def _agent(self, doc, tok, by_tok, persons, day=None) -> MentionSpan | None:
        word = norm(tok.lemma_)
        sector = self.kb.agents.get(word) or self.kb.agents.get(norm(tok.text))
        if sector is None and word in COREF_TITLES:
            sector = "GOV"
        if sector is None and word not in self._org_nouns:
            return None
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < tok.i]
        for c in sorted(mods, key=lambda c: c.i):
            s = by_tok.get(c.i)
            if s is not None and s.ref.kind in ("state", "body", "igo", "nsa") and s.ref.code:
                if s.ref.kind == "nsa" or s.ref.kind == "igo":
                    sec = s.ref.sector
                else:
                    sec = sector
                start = min(s.start, c.left_edge.i)
                while start < tok.i and doc[start].dep_ in ("det", "punct"):
                    start += 1
                end = tok.i + 1
                for c2 in tok.children:      # "the US secretary of state"
                    if c2.dep_ == "prep" and c2.lower_ == "of" and c2.i == tok.i + 1:
                        end = c2.right_edge.i + 1
                holder = self._office_holder(doc[start:end], s.ref.code, day, word)
                if holder is not None:
                    return MentionSpan(holder, start, end, tok.i)
                sec = sec or "GOV"
                ref = ActorRef(name=s.ref.name, code=s.ref.code, sector=sec, kb_id=s.ref.kb_id,
                               text=doc[start:tok.i + 1].text, start=doc[start].idx,
                               end=tok.idx + len(tok), kind="agent", method="agent:" + word, score=0.85)
                return MentionSpan(ref, start, tok.i + 1, tok.i)
        # "the president of Armenia", "the foreign minister of Japan", "opposition groups in Zimbabwe"
        for c in tok.children:
            if c.dep_ == "prep" and (c.lower_ == "of" or (c.lower_ in ("in", "from") and sector is not None)):
                if c.lower_ == "from" and removed(tok):
                    continue        # "the withdrawal of forces from Panama": the place they leave
                for p in c.children:
                    s = by_tok.get(p.i) if p.dep_ == "pobj" else None
                    if s is None and p.dep_ == "pobj" and c.lower_ == "in" and sector in HOME_SECTORS:
                        s = self._town(doc, p)      # "police in Lagos", "authorities in Nova Scotia"
                    if s is not None and s.ref.kind == "state":
                        start = tok.left_edge.i
                        while start < tok.i and doc[start].dep_ in ("det", "punct"):
                            start += 1
                        span = doc[start:s.end]
                        holder = self._office_holder(doc[start:tok.i + 1], s.ref.code, day, word)
                        if holder is not None:
                            holder.text, holder.start, holder.end = span.text, span.start_char, span.end_char
                            return MentionSpan(holder, start, s.end, tok.i)
                        ref = ActorRef(name=s.ref.name, code=s.ref.code, sector=sector, kb_id=s.ref.kb_id,
                                       text=span.text, start=span.start_char, end=span.end_char, kind="agent",
                                       method="agent:" + word, score=0.85)
                        return MentionSpan(ref, start, s.end, tok.i)
        if sector in HOME_ANY and word not in FOREIGN_PRONE and tok.tag_ == "NNS" and tok.dep_ == "nsubj" and not mods:
            # "In Belgium, authorities launched six raids": the state of the clause's fronted place
            for c in tok.head.children:
                if c.dep_ == "prep" and c.lower_ == "in" and c.i < tok.i:
                    for p in c.children:
                        s = by_tok.get(p.i) if p.dep_ == "pobj" else None
                        if s is not None and s.ref.kind == "state" and s.ref.code:
                            ref = ActorRef(name=s.ref.name, code=s.ref.code, sector=sector, kb_id=s.ref.kb_id,
                                           text=tok.text, start=tok.idx, end=tok.idx + len(tok), kind="agent",
                                           method="agent:" + word + "+place", score=0.7)
                            return MentionSpan(ref, tok.i, tok.i + 1, tok.i)
        # "the alliance", "the group": the latest organisation or armed group named
        if word in self._org_nouns and any(c.lower_ == "the" for c in tok.children) and not any(
                c.dep_ in ("compound", "poss") or (c.dep_ == "prep" and c.lower_ == "of")
                or c.lower_ in ("federal", "national", "domestic", "local", "provincial") for c in tok.children):
            # (not "the independent federal agency": a state's own body)
            kinds = ("nsa",) if word in ("group", "movement", "militia") else ("igo", "nsa")
            prev = [s for s in set(by_tok.values()) if s.end <= tok.i and s.ref.kind in kinds]
            if prev:
                p = max(prev, key=lambda x: x.end)
                start = tok.left_edge.i
                while start < tok.i and doc[start].dep_ in ("det", "punct"):
                    start += 1
                ref = replace(p.ref, text=doc[start:tok.i + 1].text, start=doc[start].idx,
                              end=tok.idx + len(tok), method="coref:" + word, score=0.6)
                return MentionSpan(ref, start, tok.i + 1, tok.i)
        # "the secretary", "the spokesperson": the latest person whose title fits
        if word in COREF_TITLES and tok.tag_ != "NNS" and any(c.lower_ == "the" for c in tok.children):
            named = self._title_state(doc, tok, by_tok)
            for p in reversed(persons):
                if named is not None and named.ref.kind == "state" and named.ref.code != p.ref.code:
                    continue        # "the Minister for Foreign Affairs of Laos" is not China's minister
                if p.end <= tok.i and p.ref.role and word.split()[-1] in norm(p.ref.role + " " + p.ref.text):
                    ref = replace(p.ref, text=doc[tok.left_edge.i:tok.i + 1].text, start=doc[tok.left_edge.i].idx,
                                  end=tok.idx + len(tok), method="coref:title", score=0.8)
                    return MentionSpan(ref, tok.left_edge.i, tok.i + 1, tok.i)
        return None


    def _town(self, doc, p) -> MentionSpan | None:
        """A known town or region named by a noun ("Lagos", "the city of Basra"), as the state it is in."""
        if p.lemma_.lower() in TOWN_NOUNS:
            p = next((q for c in p.children if c.dep_ == "prep" and c.lower_ == "of"
                      for q in c.children if q.dep_ == "pobj"), p)
        start = p.left_edge.i
        while start < p.i and doc[start].dep_ in ("det", "punct", "amod"):
            start += 1
        place = self.kb.places.get(norm(doc[start:p.i + 1].text))
        if place is None or not place.country:
            return None
        ref = ActorRef(name=self.kb.country_name(place.country) or place.country, code=place.country,
                       sector=None, text=doc[start:p.i + 1].text, start=doc[start].idx, end=p.idx + len(p),
                       kind="state", method="place", score=0.7)
        return MentionSpan(ref, start, p.i + 1, p.i)


REMOVAL_WORDS = {"withdraw", "withdrawal", "pull", "pullout", "pullback", "evacuate", "evacuation", "remove",
                 "removal", "redeploy", "redeployment", "expel", "expulsion", "repatriate", "repatriation",
                 "exit", "departure", "retreat", "drawdown"}


def _visited(tok) -> bool:
    """The place of a visit: "on a visit in Pakistan", "arrived in Beijing", "a trip to Japan"."""
    p = tok.head
    if tok.dep_ == "dobj":
        return p.lemma_.lower() == "visit"
    return tok.dep_ == "pobj" and p.dep_ == "prep" and p.lower_ in ("in", "to", "into") and (
        p.head.lemma_.lower() in VISIT_WORDS)


def _main_subject(t) -> bool:
    """``t`` is (in) the subject of its sentence's main verb."""
    while t.dep_ in ("conj", "compound", "amod", "poss"):
        t = t.head
    return t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"


NUMBER_WORDS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _listed_count(tok) -> int | None:
    """The number in "the three countries" (with "the" or "these"; two is "the two sides")."""
    kids = {c.lower_: c.dep_ for c in tok.children}
    if not any(kids.get(d) == "det" for d in ("the", "these", "those", "all")):
        return None
    return next((NUMBER_WORDS.get(w, int(w) if w.isdigit() and 2 < int(w) < 30 else None)
                 for w, d in kids.items() if d == "nummod"), None)


def removed(tok) -> bool:
    """A noun that is what is withdrawn or removed ("withdrew its troops", "the pullout of
    forces"), so that a "from" phrase on it names the place left, not the people's origin."""
    h = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else tok.head
    return tok.dep_ in ("dobj", "obj", "pobj", "nsubjpass") and h.lemma_.lower() in REMOVAL_WORDS

