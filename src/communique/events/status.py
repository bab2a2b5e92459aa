"""Modality of an event mention: asserted, negated, future, hypothetical or historical."""
from __future__ import annotations

from .dates import is_before

FUTURE_AUX = {"will", "shall", "'ll", "wo"}
POSSIBLE_AUX = {"can", "could", "may", "might", "would", "should", "must"}
FUTURE_GOVERNORS = {"plan", "intend", "expect", "schedule", "set", "prepare", "aim", "hope", "want",
                    "seek", "propose", "offer", "consider", "mull", "agree", "decide", "promise",
                    "pledge", "vow", "threaten", "plot", "ready", "poise", "due", "likely", "willing"}
NEGATING_GOVERNORS = {"cancel", "postpone", "call", "scrap", "refuse", "decline", "fail", "deny",
                      "avoid", "halt", "suspend", "delay", "abandon", "shelve", "scuttle", "disagree",
                      "hesitate", "neglect"}
# verbs that end what they govern as object ("promised to end joint exercises"), but not what
# they have as subject ("the talks ended")
ENDING_GOVERNORS = {"end", "stop", "cease", "freeze"}
FUTURE_NOUN_MODS = {"upcoming", "planned", "proposed", "expected", "forthcoming", "scheduled", "future",
                    "possible", "potential", "next"}
NO_CHANCE = {"chance", "prospect", "possibility", "likelihood", "hope", "question", "sign", "plan"}
COMMEMORATION_NOUNS = {"anniversary", "commemoration", "remembrance", "memory", "memorial", "centenary",
                       "centennial", "bicentenary", "jubilee"}
HYPO_MARKS = {"if", "unless", "whether", "should"}
REPORTING = {"say", "announce", "confirm", "declare", "state", "tell", "add", "indicate", "warn", "report"}


def misparsed_clause(t) -> bool:
    """A clause the parser hangs as the complement of a later verb that already has an object:
    "an official blamed Israel, however, a spokeswoman denied any knowledge" is two statements,
    not a denial of the blaming."""
    if t.dep_ == "ccomp":
        return t.i < t.head.i and any(c.dep_ in ("dobj", "obj") for c in t.head.children)
    # ("a Syrian official blamed Turkey, however, a spokesman denied ...": read as "an official
    # blamed" by a reduced relative clause, which takes no object)
    return t.dep_ == "acl" and t.head.dep_ == "nsubj" and t.head.head.i > t.i and any(
        c.dep_ in ("dobj", "obj") for c in t.children) and any(c.dep_ in ("dobj", "obj") for c in t.head.head.children)


def is_condition(tok) -> bool:
    """An "if"/"unless" clause (also when parsed as a joined clause: "... but only if X agrees")."""
    return tok.dep_ in ("advcl", "conj") and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in tok.children)


def _chain(tok, limit=4):
    """The trigger and the verbs governing it through xcomp/ccomp/conj/advcl links."""
    out = [tok]
    t = tok
    for _ in range(limit):
        if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head is not t.head and t.head.lower_ == "of":
            # "will provide 25,000 tons of food aid": through the counted noun
            t = t.head.head
            out.append(t)
        elif misparsed_clause(t):
            break
        elif t.dep_ in ("xcomp", "conj", "ccomp", "advcl", "acl", "relcl", "pcomp") and t.head is not t or t.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "attr", "acomp") and t.head is not t:
            t = t.head
            out.append(t)
        else:
            break
    return out


def _remembered(tok) -> bool:
    """An event remembered: "the 300th anniversary of Peter the Great's visit to Paris"."""
    t = tok
    while t.dep_ in ("appos", "compound", "poss") and t.head is not t:
        t = t.head
    return t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in COMMEMORATION_NOUNS


def modality(tok, entry_status: str | None, date: str | None, published: str | None,
             sentence) -> str:
    if entry_status:
        return entry_status
    chain = _chain(tok)
    if _remembered(tok):
        return "historical"
    # negation on the trigger or on the governing light verb
    for i, t in enumerate(chain[:3]):
        if i > 0 and chain[i - 1].dep_ == "conj" and any(c.dep_ in ("aux", "nsubj") for c in chain[i - 1].children):
            break       # "said it is not the time and has indicated it would reject ...": a clause of its own
        if i > 0 and chain[i - 1].dep_ == "conj" and chain[i - 1].tag_ in ("VBD", "VBZ") and t.tag_ == "VB":
            break       # "did not agree with the ruling and appealed": the inflected verb is outside "did not"
        if any(c.dep_ == "neg" for c in t.children):
            return "negated"
        if any(c.dep_ in ("nsubj", "nsubjpass") and any(p.dep_ == "preconj" and p.lower_ == "neither"
                                                        for p in c.children) for c in t.children):
            return "negated"        # "neither the government nor his family have been able to speak with him"
        if i > 0 and t.lemma_.lower() in NEGATING_GOVERNORS and t.pos_ == "VERB":
            if t.lemma_.lower() != "call" or any(c.dep_ == "prt" and c.lower_ == "off" for c in t.children):
                return "negated"
        if i > 0 and t.lemma_.lower() in ENDING_GOVERNORS and t.pos_ == "VERB" and chain[i - 1].dep_ in (
                "dobj", "xcomp"):
            return "negated"
    # "no chance of parliament approving it", "no prospect of talks"; "ended without agreement"
    if tok.dep_ == "pobj" and tok.head.lower_ == "without":
        return "negated"
    t = tok
    for _ in range(3):
        if t.dep_ not in ("pobj", "pcomp", "prep") or t.head is t:
            break
        t = t.head
        if t.pos_ == "NOUN" and t.lemma_.lower() in NO_CHANCE and any(
                c.dep_ == "det" and c.lower_ == "no" for c in t.children):
            return "negated"
    # conditional clause; "in the event of an attack", "in case of war"
    for t in chain[:3]:
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lower_ in ("event", "case") \
                and t.head.head.head.lower_ == "in":
            return "hypothetical"
    for t in chain:
        for c in t.children:
            if c.dep_ == "mark" and c.lower_ in HYPO_MARKS:
                return "hypothetical"
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in HYPO_MARKS for c in t.children):
            return "hypothetical"
        if any(c.dep_ == "conj" and is_condition(c) for c in t.children):
            return "hypothetical"   # "may launch an operation, but only if an understanding is reached"
        if t.dep_ in ("advcl", "ccomp") and any(a.dep_ == "aux" and a.lower_ in ("should", "had", "were") and any(
                s.dep_ in ("nsubj", "nsubjpass") and a.i < s.i for s in t.children) for a in t.children):
            return "hypothetical"   # "should Syria cross a red line", "had Iran attacked": an inverted condition
    # "would cut aid to Mali if the junta delayed the vote": a consequence on a condition (when
    # reported, "said they would meet him if ...", the "would" is a future and an offer)
    first = chain[0]
    reported = any(t.dep_ == "ccomp" and t.head.lemma_.lower() in REPORTING for t in chain[:3])
    if not reported and any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might") for c in first.children) and any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
            for c in first.children):
        return "hypothetical"
    # future: will/shall, "plans to", "upcoming summit"; "said they would blockade Paris"
    for t in chain[:3]:
        for c in t.children:
            if c.dep_ in ("aux", "auxpass") and (c.lower_ in FUTURE_AUX or reported and c.lower_ == "would"):
                return "future"
            if c.dep_ == "amod" and c.lower_ in FUTURE_NOUN_MODS:
                return "future"
    if len(chain) > 1 and chain[1].lemma_.lower() in FUTURE_GOVERNORS and first.dep_ == "xcomp":
        gov = chain[1]
        if gov.lemma_.lower() not in ("agree", "promise", "pledge", "vow", "threaten", "offer") or first.pos_ != "VERB":
            return "future"
    if any(c.dep_ == "aux" and c.lower_ in ("can", "could", "might", "may") for c in first.children):
        return "future"
    if any(c.lower_ in ("going",) and c.dep_ == "aux" for c in first.children):
        return "future"
    if first.tag_ in ("VBZ", "VBP") and first.dep_ in ("advcl", "pcomp") and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "once", "until") for c in first.children):
        return "future"     # "trade relations for when it leaves the bloc": a time still to come
    # historical background: dated well before the news
    if date and is_before(date, published, 25):
        return "historical"
    # dated after the news: still to come ("followed by a return visit on March 28")
    if date and published and len(date) == 10 and date[:10] > published[:10]:
        return "future"
    for t in chain[:2]:
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "since":
                return "historical"
    return "asserted"
