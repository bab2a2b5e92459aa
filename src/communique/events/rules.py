"""Event rules that look at more than one trigger word.

* speech demands: "X said Y should/must ..." -> REQUEST X -> Y;
* coercive orders: "X ordered Y to shut down ..." -> SANCTION X -> Y;
* criticism in speech: "X said Y's erroneous words undermined ...", "X called Y an outmoded
  product of the Cold War" -> ACCUSE X -> Y.

Word lists live in ``data/rules/rules.yaml`` (extend with ``$COMMUNIQUE_RULES``).  Each rule
returns ``Candidate`` objects; the extractor turns them into events like lexicon triggers.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..actors.mentions import MEETING_NOUNS, VISIT_NOUNS
from .lexicon import Entry

DATA = Path(__file__).resolve().parent.parent / "data" / "rules" / "rules.yaml"
SAY = {"say", "tell", "add", "insist", "stress", "reiterate", "state", "note", "emphasize", "emphasise",
       "declare", "argue", "write", "warn", "maintain", "underline", "underscore", "accuse", "charge",
       "claim", "allege", "complain", "assert", "remind"}
# verbs whose object is the one told ("told the US side that ...", "keep reminding the American side")
TELL = {"tell", "remind", "warn", "inform"}
# verbs by which a plan or measure is someone's own ("the initiative proposed by China")
AUTHORING_VERBS = {"propose", "initiate", "launch", "impose", "introduce", "issue", "adopt", "pass", "enact",
                   "sponsor", "draft", "announce", "put", "create", "push", "advance", "release", "publish",
                   "write", "produce", "compile", "prepare", "make"}
# nouns that make a place the topic of a clause ("Hong Kong affairs", "the Taiwan question")
TOPIC_NOUNS = {"affair", "affairs", "issue", "question", "matter", "situation", "problem"}


@dataclass(frozen=True)
class RuleWords:
    criticism: tuple[str, ...]
    ordering: frozenset[str]
    cessation: frozenset[str]
    labelling: frozenset[str]
    organisation_nouns: frozenset[str]
    reducing: frozenset[str] = frozenset()
    figurative: frozenset[str] = frozenset()
    verbal_attack: frozenset[str] = frozenset()
    cooperation_nouns: frozenset[str] = frozenset()
    accident_words: frozenset[str] = frozenset()
    claim_nouns: frozenset[str] = frozenset()
    harming: frozenset[str] = frozenset()
    gatherings: frozenset[str] = frozenset()
    convening: frozenset[str] = frozenset()
    judging: frozenset[str] = frozenset()
    blame_labels: tuple[str, ...] = ()
    # adjective -> (preposition, type, CAMEO)
    stances: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    praise: tuple[str, ...] = ()


@lru_cache(maxsize=2)
def rule_words(extra: str | None = None) -> RuleWords:
    with open(DATA, encoding="utf-8") as f:
        d = yaml.safe_load(f) or {}
    extra = extra or os.environ.get("COMMUNIQUE_RULES")
    if extra:
        with open(extra, encoding="utf-8") as f:
            for k, v in (yaml.safe_load(f) or {}).items():
                d[k] = list(d.get(k) or []) + list(v or [])
    return RuleWords(
        criticism=tuple(sorted({w.lower() for w in d.get("criticism") or []}, key=len, reverse=True)),
        ordering=frozenset(d.get("ordering_verbs") or ()), cessation=frozenset(d.get("cessation_verbs") or ()),
        labelling=frozenset(d.get("labelling_verbs") or ()),
        organisation_nouns=frozenset(d.get("organisation_nouns") or ()),
        reducing=frozenset(d.get("reducing_verbs") or ()),
        figurative=frozenset(w.lower() for w in d.get("figurative_modifiers") or ()), cooperation_nouns=frozenset(d.get("cooperation_nouns") or ()),
        accident_words=frozenset(w.lower() for w in d.get("accident_words") or ()),
        claim_nouns=frozenset(w.lower() for w in d.get("claim_nouns") or ()),
        harming=frozenset(w.lower() for w in d.get("harming_verbs") or ()),
        gatherings=frozenset(w.lower() for w in d.get("gathering_modifiers") or ()),
        convening=frozenset(w.lower() for w in d.get("convening_verbs") or ()),
        judging=frozenset(w.lower() for w in d.get("judging_verbs") or ()),
        blame_labels=tuple(w.lower() for w in d.get("blame_labels") or ()),
        verbal_attack=frozenset(w.lower() for w in d.get("verbal_attack_modifiers") or ()),
        stances={w.split()[0].lower(): tuple(w.split()[1:4]) for w in d.get("stance_adjectives") or ()},
        praise=tuple(sorted({w.lower() for w in d.get("praise") or []}, key=len, reverse=True)))


def _entry(lemma: str, type_: str, cameo: str, name: str, weight: float = 0.7) -> Entry:
    return Entry(lemma=lemma, pos="verb", type=type_, cameo=cameo, weight=weight, source=f"rule:{name}")


def reporting_verb(t):
    """The verb of saying that governs a clause, if any ("Zhao said", "he warned")."""
    say = t
    for _ in range(3):
        if say.dep_ in ("ccomp", "parataxis", "conj") and say.head is not say:
            say = say.head
            if say.lemma_.lower() in SAY:
                return say
        else:
            break
    for c in t.children:
        if c.dep_ in ("parataxis", "advcl", "ccomp") and c.lemma_.lower() in SAY:
            return c
    return None


@lru_cache(maxsize=4)
def _word_pattern(words: tuple[str, ...]) -> re.Pattern:
    # whole words or phrases, the longest first, wherever quotation marks or punctuation stand
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")


RELATION_STATE = re.compile(r"\bhostile (?:relations?|relationship|ties)\b")


# labelling verbs that can also praise ("described Macron as a great friend"; not "denounce")
PRAISING_LABELS = {"call", "describe", "label", "term", "dub", "characterize", "characterise", "portray"}
NEGATED = re.compile(r"\b(?:not|never|no longer|n't)\b")


def _has_praise(span_text: str, words: RuleWords) -> str | None:
    """A word of praise in a span that neither criticises nor is negated."""
    if not words.praise or _has_criticism(span_text, words):
        return None
    text = span_text.lower()
    m = _word_pattern(words.praise).search(text)
    return m.group(1) if m and not NEGATED.search(text) else None


def _has_criticism(span_text: str, words: RuleWords) -> str | None:
    if not words.criticism:
        return None
    # ("to end hostile relations with North Korea": a relation between two, no one's fault)
    text = RELATION_STATE.sub(" ", span_text.lower())
    m = _word_pattern(words.criticism).search(text)
    return m.group(1) if m else None


def speech_demands(sent, af, speaker=None):
    """"X said Y should/must ..." is a demand: REQUEST from the speaker to Y.  ``speaker`` (a
    mention) is whoever speaks the sentence when it lies inside a quote or a spokesperson's answer:
    "The US should stop interfering" said by China's spokesperson is China's demand on the US."""
    out = []
    for t in sent:
        if t.pos_ not in ("VERB", "AUX"):
            continue
        modal = next((c for c in t.children if c.dep_ == "aux" and c.lower_ in ("should", "must")), None)
        if modal is None or t.lemma_.lower() in ("come", "remain", "become", "have", "seem"):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") and modal.i < c.i for c in t.children):
            continue        # "should Syria cross a red line": a condition, not a demand
        if t.lemma_.lower() == "be" and not any(c.dep_ == "acomp" and c.lemma_.lower() in
                                                ("ready", "willing", "prepared", "able") for c in t.children):
            continue
        if any(c.dep_ == "auxpass" for c in t.children):
            continue
        target = af.subject(t)
        say = reporting_verb(t)
        if not target or any(af.doc[s.head].lower_ in ("we", "i") for s in target):
            continue        # "we should take measures": resolve, not a demand on anyone
        if say is not None:
            by, name = af.subject(say), f"speech-demand ({say.lemma_.lower()} + {modal.lower_})"
        elif speaker is not None and not {s.ref.code for s in target} & {speaker.ref.code} and t.dep_ in (
                "ROOT", "conj") and all(q.dep_ != "mark" or q.lower_ not in ("if", "unless") for q in t.children):
            by, name = [speaker], f"quoted-demand ({modal.lower_})"
        else:
            continue
        if by:
            out.append((_entry(t.lemma_.lower(), "REQUEST", "100" if modal.lower_ == "must" else "020", name),
                        t, by, target))
    return out


def stances(sent, af, words: RuleWords):
    """A stance towards another actor stated with an adjective after "be": "Mattis was critical
    of China's moves" (ACCUSE), "Beijing is firmly opposed to the sale" (REJECT)."""
    out = []
    for t in sent:
        spec = words.stances.get(t.lemma_.lower())
        if spec is None or t.pos_ != "ADJ" or t.dep_ != "acomp":
            continue
        prep, type_, cameo = spec
        actor = af.subject(t.head)
        own = {a.ref.code for a in actor}
        target = [s for c in t.children if c.dep_ == "prep" and c.lower_ == prep
                  for p in c.children if p.dep_ == "pobj" for s in af.actors_within(p, 3)]
        target = [s for s in target if s.ref.code not in own] or target
        if actor and target:
            out.append((_entry(t.lemma_.lower(), type_, cameo, f"stance ({t.lemma_.lower()} {prep})"), t, actor, target))
    return out


def blame_judgements(sent, af, words: RuleWords):
    """Holding another actor to blame: "the US holds Russia responsible for the downing",
    "Washington regards Moscow as involved in the downing of MH17" (ACCUSE, CAMEO 112)."""
    out = []
    for t in sent:
        if t.pos_ not in ("VERB", "AUX") or t.lemma_.lower() not in words.judging:
            continue
        objs = [o for o in t.children if o.dep_ in ("dobj", "obj")]
        # the label after the object, or in a small clause ("holds [Russia responsible]")
        preds = [o for o in t.children if o.dep_ in ("oprd", "xcomp", "acomp", "ccomp", "advcl")
                 or (o.dep_ == "prep" and o.lower_ == "as")] + [a for o in objs[:1] for a in o.children
                                                              if a.dep_ in ("amod", "acomp") and a.i > o.i]
        for p in preds:
            head = [p] + [c for c in p.children if c.dep_ in ("pobj", "acomp", "amod", "advmod", "prep")]
            label = next((w for h in head for w in words.blame_labels
                          if " ".join(x.lower_ for x in t.doc[h.i:h.i + len(w.split())]) == w), None)
            if label is None:
                continue
            if p.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "should", "must", "'ll")
                                         for c in p.children):
                break       # "believes Turkey will be responsible for the fighters": a duty, not blame
            if p.dep_ == "ccomp":
                target = [s for c in p.children if c.dep_ in ("nsubj", "nsubjpass") for s in af.actors_at(c)]
            else:
                target = [s for o in objs[:1] for s in af.actors_at(o)]
            actor = af.subject(t)
            own = {a.ref.code for a in actor}
            target = [s for s in target if s.ref.code not in own]
            if actor and target:
                out.append((_entry(t.lemma_.lower(), "ACCUSE", "112", f"blame-label ({label})"), t, actor, target))
            break
    return out


def wishes(sent, af, speaker=None):
    """"China hopes Indonesia will remain calm", "we hope the US side can stop ...": a wish for
    what another does is asked of them (PLOVER REQUEST, CAMEO 020 appeal), whatever is wished.
    (A wished event is also coded by the extractor: "hopes the two sides will settle their
    dispute"; the two REQUESTs of one dyad become one.)"""
    out = []
    for t in sent:
        if t.lemma_.lower() not in ("hope", "wish") or t.pos_ != "VERB" or any(
                c.dep_ == "neg" for c in t.children):
            continue
        who = [s for s in af.subject(t) if s.ref.code] or ([speaker] if speaker is not None and any(
            c.dep_ == "nsubj" and c.lower_ == "we" for c in t.children) else [])
        if not who:
            continue
        codes = {s.ref.code for s in who}
        for c in t.children:
            if c.dep_ != "ccomp" or c.pos_ not in ("VERB", "AUX") or not any(
                    a.dep_ == "aux" and a.lower_ in ("will", "would", "can", "could") for a in c.children):
                continue
            # (not "hope the DPRK-US summit will be held successfully": an event, not a party, is
            # to do what is wished)
            subjects = [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]
            if any(x.lemma_.lower() in MEETING_NOUNS | VISIT_NOUNS for x in subjects):
                continue
            doers = [s for x in subjects for s in af.actors_at(x) or af.actors_within(x, 4) if s.ref.code]
            target = [s for s in doers if s.ref.code not in codes]
            if target and len(target) == len(doers):     # (not "hopes the two sides will ...": its own side too)
                out.append((_entry(t.lemma_.lower(), "REQUEST", "020", "wish-appeal"), t, who, target))
    return out


def coercive_orders(sent, af, words: RuleWords):
    """"X ordered Y to shut down its services": a sanction on Y."""
    out = []
    for t in sent:
        if t.lemma_.lower() not in words.ordering or t.pos_ != "VERB":
            continue
        objs = [o for o in t.children if o.dep_ in ("dobj", "obj")]
        acts = [c for c in t.children if c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in words.cessation]
        if not objs or not acts:
            continue
        target = af.actors_at(objs[0])
        actor = af.subject(t)
        if target and actor:
            out.append((_entry(t.lemma_.lower(), "SANCTION", "160", f"coercive-order ({acts[0].lemma_.lower()})"),
                        t, actor, target))
    return out


def criticism(sent, af, words: RuleWords):
    """Negative evaluation of another actor, in reported speech or by a labelling verb."""
    out = []
    for t in sent:
        lemma = t.lemma_.lower()
        if t.pos_ not in ("VERB", "AUX"):
            continue
        # "calling the Western alliance an outmoded product of the Cold War"
        if lemma in words.labelling:
            objs = [o for o in t.children if o.dep_ in ("dobj", "obj")]
            # (the label may hang on the object: "called Trump's announcement 'an unwarranted attack'",
            # "called the accusations 'utterly absurd'")
            preds = [o for o in t.children if o.dep_ in ("oprd", "xcomp", "attr")
                     or (o.dep_ == "prep" and o.lower_ == "as")] + [a for o in objs[:1] for a in o.children
                                                                  if a.dep_ == "appos" or a.dep_ == "amod" and a.i > o.i]
            if objs and preds:
                text = " ".join(t.doc[p.left_edge.i:p.right_edge.i + 1].text for p in preds)
                w = _has_criticism(text, words)
                target = af.actors_at(objs[0])
                actor = af.subject(t)
                if not target and actor:
                    # "called the shooting a Russian state terrorist act": the one the label names
                    own = {a.ref.code for a in actor}
                    target = [x for p in preds for x in af.actors_within(p, 4) if x.ref.code not in own][:1]
                if w and actor and objs[0].lemma_.lower() in words.claim_nouns:
                    # "called the accusations absurd": a rejection of what the accuser said (the
                    # extractor finds the accuser when the sentence does not name him)
                    out.append((_entry(lemma, "REJECT", "120", f"dismissal-label ({w})"), t, actor, target))
                elif w and target and actor:
                    out.append((_entry(lemma, "ACCUSE", "111", f"criticism-label ({w})"), t, actor, target))
                elif not w and target and actor and lemma in PRAISING_LABELS:
                    good = _has_praise(t.doc[t.i:t.sent.end].text, words)
                    if good:
                        out.append((_entry(lemma, "SUPPORT", "051", f"praise-label ({good})"), t, actor, target))
            continue
        # "X told Y that ... erroneous words and deeds by the US side have undermined ..."
        if lemma not in SAY:
            continue
        clauses = [c for c in t.children if c.dep_ == "ccomp"]
        v = t
        if not clauses and lemma in TELL and t.dep_ in ("xcomp", "pcomp"):
            # "we keep on reminding X that ...": the parser hangs the clause (and the speaker) on "keep"
            v = t.head if t.head.pos_ in ("VERB", "AUX") else t.head.head
            clauses = [c for c in v.children if c.dep_ == "ccomp" and c.i > t.i]
        for c in clauses:
            clause = t.doc[c.left_edge.i:c.right_edge.i + 1]
            w = _has_criticism(clause.text, words)
            if not w:
                good = _has_praise(clause.text, words)
                speaker = af.subject(t) or af.subject(v) if good else None
                if speaker:
                    codes = {s.ref.code for s in speaker}
                    targets = _criticised(c, codes, af)
                    if targets:
                        out.append((_entry(lemma, "SUPPORT", "051", f"praise-speech ({good})", weight=0.6),
                                    t, speaker, targets[:1]))
                continue
            speaker = af.subject(t) or af.subject(v)
            if not speaker:
                continue
            codes = {s.ref.code for s in speaker}
            targets = _criticised(c, codes, af)
            if not targets and lemma in TELL and not any(
                    x.i in af.by_tok and af.by_tok[x.i].ref.code not in codes for x in clause):
                # "We keep reminding the American side that this situation is unacceptable": told to
                # the one addressed, when the clause names no one else (not "ensure that Iran's
                # aggression does not go unanswered, he told May")
                targets = [s for o in t.children if o.dep_ in ("dobj", "obj", "dative")
                           for s in af.actors_at(o) if s.ref.code and s.ref.code not in codes][:1]
            if targets:
                out.append((_entry(lemma, "ACCUSE", "111", f"criticism-speech ({w})", weight=0.6),
                            t, speaker, targets[:1]))
    return out


def _criticised(c, codes: set, af) -> list:
    """The actors a clause with a word of criticism is about: its subject or object (not someone
    in a relative clause or an adverbial: "the attack that hit Damascus was timed to ..."), other
    than the speaker's own (``codes``)."""
    args = [a for a in c.children if a.dep_ in ("nsubj", "nsubjpass", "dobj", "obj")]
    args += [a for cj in c.conjuncts for a in cj.children if a.dep_ in ("nsubj", "nsubjpass", "dobj")]
    targets = []
    for a in args:
        for tok in a.subtree:
            # (but "the Belt and Road Initiative proposed by China violates ...": its author)
            if any(x.dep_ in ("relcl", "acl", "advcl") and x.i != a.i and not (
                    x.dep_ == "acl" and x.lemma_.lower() in AUTHORING_VERBS and tok.head.dep_ == "agent"
                    and tok.head.head == x) for x in tok.ancestors
                   if a.left_edge.i <= x.i <= a.right_edge.i):
                continue
            s = af.by_tok.get(tok.i)
            h = c.doc[s.head] if s is not None else None
            if h is not None and (h.dep_ in ("compound", "amod", "poss") and h.head.lemma_.lower() in TOPIC_NOUNS or (
                    h.dep_ == "pobj" and h.head.lower_ in ("of", "in") and h.head.head.lemma_.lower() in TOPIC_NOUNS)):
                continue    # "Hong Kong affairs allow no foreign interference", "the affairs of Venezuela": the topic
            if s is not None and s.ref.code and s.ref.code not in codes and s not in targets:
                targets.append(s)
    return targets


def _criticism_clause(sent, word: str):
    """The verb of the clause in which the word (or phrase) of criticism ``word`` stands."""
    first = word.split()[0]
    for t in sent:
        if t.lower_ == first or t.lower_.strip('"\u201c\u201d') == first:
            v = t
            while v.pos_ not in ("VERB", "AUX") and v.head is not v:
                v = v.head
            if v.pos_ in ("VERB", "AUX"):
                return v
    return None


def voiced_criticism(sent, af, words: RuleWords, speaker=None, is_trigger=lambda t: False):
    """Criticism spoken in a quote or a spokesperson's answer, without a verb of saying in the
    sentence: "Mr. Pompeo is used to weaving lies", said by China's spokesperson, is China's
    accusation of the United States.  Not when the main verb is an event word (``is_trigger``) for
    the speaker's own act: "we urge Mr. Brownback to stop smearing China" is a demand; but "the US
    has unilaterally withdrawn from the JCPOA" is criticism of what the US did."""
    if speaker is None or not speaker.ref.code:
        return []
    root = sent.root
    if root.pos_ not in ("VERB", "AUX") or any(t.lemma_.lower() in SAY and t.pos_ in ("VERB", "AUX") for t in sent):
        return []       # (reported speech inside the answer is the criticism rule's)
    if is_trigger(root) and not any(s.ref.code and s.ref.code != speaker.ref.code for s in af.subject(root)):
        return []       # the speaker's own act ("we urge ..."), not another's that it criticises
    w = _has_criticism(sent.text, words)
    if not w:
        return []
    targets = _criticised(root, {speaker.ref.code}, af)
    if not targets:
        # "Chinese judiciary's conviction is just, while the remarks of the Canadian leader are
        # arbitrary": the clause the word of criticism stands in
        verb = _criticism_clause(sent, w)
        if verb is not None and verb is not root:
            targets = _criticised(verb, {speaker.ref.code}, af)
    if not targets:
        return []
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in words.claim_nouns for c in root.children):
        # "The allegation of China's control over the Philippines' power grid is completely
        # groundless": a claim dismissed, a rejection
        return [(_entry(root.lemma_.lower(), "REJECT", "120", f"dismissal-voiced ({w})", weight=0.55),
                 root, [speaker], targets[:1])]
    return [(_entry(root.lemma_.lower(), "ACCUSE", "111", f"criticism-voiced ({w})", weight=0.55),
             root, [speaker], targets[:1])]


def reductions(sent, af, words: RuleWords):
    """"The United States suspended military aid to Bosnia": cutting back cooperation."""
    out = []
    for t in sent:
        if t.lemma_.lower() not in words.reducing or t.pos_ != "VERB":
            continue
        objs = [o for o in t.children if o.dep_ in ("dobj", "obj", "nsubjpass")]
        noun = next((o for o in objs if o.lemma_.lower() in words.cooperation_nouns), None)
        if noun is None:
            # "ended mediation efforts between ...", "halted aid deliveries"
            noun = next((o for o in objs if any(c.dep_ == "compound" and c.lemma_.lower() in words.cooperation_nouns
                                                for c in o.children)), None)
        if noun is None:
            # "suspended part of a military aid program"
            for o in objs:
                for p in o.children:
                    if p.dep_ == "prep" and p.lower_ == "of":
                        noun = next((q for q in p.children if q.lemma_.lower() in words.cooperation_nouns
                                     or any(c.lemma_.lower() in words.cooperation_nouns for c in q.children
                                            if c.dep_ == "compound")), noun)
        if noun is None:
            continue
        actor = af.subject(t) if not any(o.dep_ == "nsubjpass" for o in objs) else []
        targets = af.prep_objects(noun, {"to", "for", "with", "between", "among", "from"})
        targets += [s for s in af.prep_objects(t, {"to", "for", "with", "from", "against", "on"}) if s not in targets]
        if actor and targets:
            out.append((_entry(t.lemma_.lower(), "SANCTION", "160", f"reduce-cooperation ({noun.lemma_.lower()})"),
                        t, actor, targets))
    return out
