"""Who did it and to whom: finding the actor and recipient of a trigger in the dependency parse."""
from __future__ import annotations

import functools

from ..actors.mentions import REMOVAL_WORDS, TOWN_NOUNS, MentionSpan, home_country, removed
from ..nlp.loader import APPOSITIVE_TITLES

SUBJ = ("nsubj", "csubj")
PASS_SUBJ = ("nsubjpass", "csubjpass")
OBJ = ("dobj", "dative", "obj", "iobj")
# particles the parser may take for prepositions, with the real preposition under them ("out of")
PARTICLE_PREPS = ("out", "away", "off")
# heads that do not stand for their modifier's country ("Zimbabwe floods", "the American spirit")
NON_AGENT_HEADS = {"flood", "floods", "storm", "earthquake", "quake", "fire", "wildfire", "accident", "crash",
                   "disease", "virus", "outbreak", "pandemic", "epidemic", "spirit", "economy", "market",
                   "weather", "drought", "heatwave", "heat", "tsunami", "hurricane", "typhoon", "cyclone",
                   "landslide", "avalanche", "explosion", "blast", "inflation", "currency", "stock", "stocks",
                   "dream", "culture", "history", "soil", "constitution"}
# attacks whose doer is named with "by", when they are the subject of what they did
ATTACK_NOUNS = {"attack", "strike", "airstrike", "raid", "bombing", "shelling", "offensive", "assault", "ambush",
                "bombardment", "incursion", "barrage", "operation"}
# nouns for groups of people, who stand for the state they are in ("students in Indonesia")
GROUP_NOUNS = {"group", "party", "student", "protester", "demonstrator", "activist", "rebel", "worker", "union",
               "farmer", "official", "leader", "militant", "fighter", "soldier", "troop", "police", "opposition",
               "community", "organization", "organisation", "association", "lawmaker", "politician", "movement",
               "insurgent", "guerrilla", "militia", "villager", "resident", "teacher", "doctor", "journalist",
               "prisoner", "inmate", "detainee", "refugee", "civilian", "people", "youth", "miner", "employee",
               "peasant", "trader", "citizen", "supporter", "member", "faction", "force", "unit", "migrant",
               "immigrant", "exile", "monk", "nurse", "pensioner", "driver", "landowner", "shopkeeper",
               "lawyer", "mourner", "veteran", "victim", "relative"}
# nouns for government bodies, named by compounds ("the US State department")
BODY_NOUNS = {"department", "ministry", "agency", "office", "administration", "service", "committee",
              "commission", "council", "court", "bureau"}
# verbs whose subject only learns of or tells about what their object did ("following reports of
# an attack targeting a hospital"): the object's participle is not the subject's act
FOLLOWING_VERBS = {"follow", "monitor", "watch", "see", "hear", "read", "cite", "quote", "receive", "get",
                   "investigate", "study", "review", "examine", "confirm", "deny", "dismiss", "reject",
                   "condemn", "welcome", "note", "recall", "remember", "track"}
# people who stand for someone else: "as Xi Jinping's special envoy"
ENVOY_NOUNS = {"envoy", "representative", "emissary", "messenger", "delegate"}
# where such a group is: "students throughout Indonesia", "activists from the Fatah party"
GROUP_PREPS = ("in", "throughout", "across", "from")     # "from" last: not for what is withdrawn
# "the visit of an Indian delegation to Islamabad": the visitor
VISITOR_OF_NOUNS = {"visit", "trip", "arrival", "stopover"}
# nouns for a resolve whose "of" names who resolved: "the decision of the government to sever ties"
INTENT_OF_NOUNS = {"decision", "plan", "move", "attempt", "bid", "effort", "intention", "determination",
                   "readiness", "willingness", "refusal", "offer", "proposal", "pledge", "promise"}
# verbs by which a group owns an attack: "claimed responsibility for", "took responsibility for"
CLAIMING_VERBS = {"claim", "accept", "admit", "take", "bear", "assume"}
# nouns for doing what their "of" names: "Trump's introduction of new sanctions" is Trump's sanctions
DOING_OF_NOUNS = {"introduction", "imposition", "announcement", "adoption", "launch", "launching", "resumption",
                  "continuation", "expansion", "escalation", "intensification", "holding", "staging",
                  "signing", "conclusion", "extension", "application", "enforcement", "use"}
# verbs by which a group names the state it left: "refugees fleeing the war in Liberia"
FLEEING_VERBS = {"flee", "escape", "leave"}
# collective and counting nouns that stand for what they count: "thousands of students",
# "a group of Chechen refugees", "a first batch of Bangladeshi troops"
COLLECTIVE_NOUNS = {"thousand", "hundred", "dozen", "ten", "score", "million", "billion", "worth", "group", "number", "crowd",
                    "batch", "patch", "contingent", "team", "band", "handful", "couple", "wave", "column"}
# nouns for those a measure hits on account of whom they serve
PROXY_NOUNS = {"entity", "individual", "company", "firm", "person", "business", "bank", "network", "supplier"}
ORIGIN_VERBS = {"make", "build", "produce", "manufacture", "grow", "assemble", "import", "ship", "export", "source"}
CLAUSE_DEPS = {"relcl", "acl", "ccomp", "advcl", "xcomp", "csubj", "parataxis", "appos", "punct", "cc"}
SIDE_WORDS = {"side", "sides", "country", "countries", "nation", "nations", "government", "governments",
              "official", "officials", "minister", "ministers", "leader", "leaders", "power", "powers"}


def in_state(tok) -> bool:
    """A noun after "on" that names a state someone is in: "went on strike", "are on hunger strike"."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "on" and tok.head.head.lemma_.lower() in ("go", "be", "remain", "stay")


def prep_pobjs(tok, preps):
    """Objects of the prepositions attached to a token: ("in the town of Cizre" -> [town]), also
    behind a particle parsed as a preposition ("pulling the U.S. out of the treaty" -> [treaty])."""
    out = []
    for c in tok.children:
        if c.dep_ != "prep":
            continue
        if c.lower_ in preps:
            out += [p for p in c.children if p.dep_ == "pobj"]
        elif c.lower_ in PARTICLE_PREPS:
            out += [p for g in c.children if g.dep_ == "prep" and g.lower_ in preps for p in g.children if p.dep_ == "pobj"]
    return out


def reduced_passive(v) -> bool:
    """A participle without its own subject or auxiliary, whose noun or main-clause subject is the
    patient: "a man jailed by Israel", "Asked about the sanctions, Lavrov said ..."."""
    if v.tag_ != "VBN":
        return False
    return v.dep_ == "acl" or v.dep_ == "advcl" and v.head.pos_ in ("VERB", "AUX") and not any(
        c.dep_ in SUBJ + PASS_SUBJ or c.dep_ in ("aux", "auxpass") for c in v.children)


def _maker_nouns(t) -> list:
    """The nouns after "by" when ``t`` is a participle modifying a noun ("comments made by the US side")."""
    if t.dep_ != "acl" or t.tag_ != "VBN":
        return []
    return [p for a in t.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]


class ArgumentFinder:
    def __init__(self, doc, spans: list[MentionSpan], agent_words: set[str] | frozenset[str] | None = None):
        self.doc = doc
        self.spans = spans
        # nouns that stand for their modifier's country ("Chinese officials", "the US side");
        # None accepts every noun
        self.agent_words = agent_words
        self.by_tok: dict[int, MentionSpan] = {}
        # mentions that share their words with another ("the two sides": one per side)
        self.partners: dict[int, list[MentionSpan]] = {}
        first: dict[tuple[int, int], MentionSpan] = {}
        for s in spans:
            if (s.start, s.end) in first:
                self.partners.setdefault(id(first[(s.start, s.end)]), []).append(s)
                continue
            first[(s.start, s.end)] = s
            for i in range(s.start, s.end):
                self.by_tok[i] = s

    @functools.cached_property
    def home(self) -> str | None:
        """The state the article is about (see ``home_country``)."""
        return home_country(self.spans)

    # ------------------------------------------------------------------ token -> actors
    def actors_at(self, tok, depth: int = 0) -> list[MentionSpan]:
        """Actor mentions denoted by the phrase headed by ``tok`` (with its conjuncts)."""
        out: list[MentionSpan] = []
        members = [tok, *tok.conjuncts]
        head = self.by_tok.get(tok.i)
        if head is not None:
            # a name the parser split ("Barack/nsubj Obama/pobj and Vladimir Putin/conj"): the
            # conjuncts of any of its words
            members += [cj for i in range(head.start, head.end) if i != tok.i
                        for cj in tok.doc[i].conjuncts if cj not in members and cj.i not in range(head.start, head.end)]
        if head is not None and head.ref.kind in ("state", "igo", "nsa"):
            # "The US, Russia, and Switzerland met": lists are often parsed as apposition
            for c in tok.children:
                o = self.by_tok.get(c.i)
                if c.dep_ == "appos" and o is not None and o.ref.kind in ("state", "igo", "nsa") \
                        and o.ref.code != head.ref.code:
                    members += [c, *c.conjuncts]
        # "Venezuela's President Nicolas Maduro and leaders of the opposition": the name was read as
        # an apposition, and what is joined to it is joined to the whole
        members += [cj for c in tok.children if c.dep_ == "appos" for cj in c.conjuncts if cj not in members]
        for t in members:
            s = self._one(t, depth)
            if s is None:
                s = self._self_named(t)
            if s is not None and s not in out:
                out.append(s)
                out += [p for p in self.partners.get(id(s), []) if p not in out]
                # "delegations from the Afghan government and the Taliban": the joined names inside
                inner = t.doc[s.head]
                if inner != t and t.left_edge.i <= inner.i <= t.right_edge.i:
                    for cj in inner.conjuncts:
                        o = self.by_tok.get(cj.i)
                        if o is not None and o not in out:
                            out.append(o)
                # "the Turkish and Greek sides", "U.S. and Russian negotiators": conjoined
                # modifiers name several actors
                for c in t.children:
                    if c.dep_ in ("amod", "compound", "nmod", "poss"):
                        for cj in c.conjuncts:
                            o = self.by_tok.get(cj.i)
                            if o is not None and o not in out:
                                out.append(o)
        return out

    def _self_named(self, t) -> MentionSpan | None:
        """"The group that calls itself the Islamic State": the name it goes by."""
        for v in t.children:
            if v.dep_ == "relcl" and v.lemma_.lower() == "call" and any(o.lower_ == "itself" for o in v.children):
                for n in v.children:
                    if n.dep_ in ("oprd", "xcomp", "attr", "dobj", "ccomp") and n.i in self.by_tok:
                        return self.by_tok[n.i]
        return None

    def right_of(self, v, exclude=(), max_depth: int = 4) -> list[MentionSpan]:
        """Fallback recipient search: the first actors in the phrases after a verb, not entering
        its subject, clauses, dates or manner phrases ("denounced as a crime Serbia's crackdown")."""
        skip = {"nsubj", "nsubjpass", "csubj", "aux", "auxpass", "neg", "punct", "advmod", "npadvmod",
                "mark", "cc", "conj", "ccomp", "advcl", "xcomp", "parataxis", "agent", "prt"}
        frontier = [c for c in v.children if c.dep_ not in skip and c.i > v.i and c.i not in exclude]
        for _ in range(max_depth):
            found = []
            for c in frontier:
                s = self.by_tok.get(c.i)
                if s is not None and s not in found:
                    found.append(s)
            if found:
                return found
            # an apposition may carry the real object: "denounced as a crime Serbia's suppression"
            frontier = [c for t in frontier for c in t.children
                        if (c.dep_ not in CLAUSE_DEPS or c.dep_ == "appos")
                        and not (c.pos_ in ("VERB", "AUX") and c.dep_ != "amod")]
        return []

    def clause_subject(self, v) -> list[MentionSpan]:
        """The subject of a verb's complement clause: "demanded that Hamas renounce ...", "called
        for Kerry to testify" (the for-clause parsed as an adverbial clause)."""
        for c in v.children:
            if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX") or c.dep_ == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
                for s in c.children:
                    if s.dep_ in SUBJ + PASS_SUBJ:
                        # "demanded parties to the conflict in Iraq to allow ...": inside the phrase
                        return self.actors_at(s) or self.actors_within(s, 4)
        return []

    def actors_within(self, tok, max_depth: int = 3) -> list[MentionSpan]:
        """Actors named inside a phrase when its head is not one: "abuses in China",
        "all forms of official interaction with Taiwan".  Breadth-first, not entering clauses;
        returns the actors found at the smallest depth."""
        direct = self.actors_at(tok)
        if direct:
            return direct
        for t in tok.subtree:
            # "the comments on the amendments and other Hong Kong affairs made by the US side":
            # whoever made the thing, wherever the parser hung "made by"
            if t.i > tok.i:
                makers = [s for p in _maker_nouns(t) for s in self.actors_at(p)]
                if makers:
                    return makers
        frontier = [tok]
        for _ in range(max_depth):
            nxt = []
            for t in frontier:
                for c in t.children:
                    if c.dep_ in CLAUSE_DEPS or c.pos_ in ("VERB", "AUX") and c.dep_ != "amod":
                        continue
                    nxt.append(c)
            found = []
            for c in nxt:
                s = self._one(c, 1)
                if s is not None and s not in found:
                    # "relations with Congo and Costa Rica": the conjuncts too
                    for x in (s, *(self._one(cj, 1) for cj in c.conjuncts)):
                        if x is not None and x not in found:
                            found.append(x)
            if found:
                return found
            frontier = nxt
        return []

    def _one(self, t, depth: int) -> MentionSpan | None:
        s = self.by_tok.get(t.i)
        if s is not None:
            return s
        # modifiers inside the noun phrase: "the Chinese side", "Beijing's envoy" -- but not
        # "Zimbabwe floods" or "the American spirit": the noun must be able to stand for an actor
        agentive = t.lemma_.lower() not in NON_AGENT_HEADS
        children = list(t.children)
        if t.lemma_.lower() == "counterpart":
            # "his Turkish counterpart": the country named, not the one whose counterpart he is
            children.sort(key=lambda c: c.dep_ == "poss")
        # "Mr Fillon's rival, Emmanuel Macron": the name in apposition is the noun's own
        children.sort(key=lambda c: c.dep_ != "appos")
        for c in children:
            if c.dep_ in ("poss", "appos") or (agentive and c.dep_ in ("compound", "amod", "nmod")):
                if c.i in self.by_tok:
                    return self.by_tok[c.i]
        for c in t.children:
            # "the comments made by the US side": whoever made them
            for p in _maker_nouns(c):
                if p.i in self.by_tok:
                    return self.by_tok[p.i]
        if agentive:
            for c in t.children:
                # "Vietnamese-led forces", "a US-led coalition": the leader's side
                if c.dep_ == "amod" and c.lemma_.lower() == "lead":
                    for g in c.children:
                        if g.dep_ in ("npadvmod", "compound", "nmod", "amod") and g.i in self.by_tok:
                            return self.by_tok[g.i]
        if agentive:
            # a state two modifiers down: "Montenegro Municipality Association officials", "the US
            # State department", "US Predator attacks", "Chinese coast guard ships"
            for c in t.children:
                if c.dep_ == "compound" and c.lemma_.lower() not in NON_AGENT_HEADS:
                    for g in c.children:
                        if g.dep_ in ("compound", "amod") and g.i in self.by_tok and self.by_tok[g.i].ref.kind == "state":
                            return self.by_tok[g.i]
        if agentive and t.lemma_.lower() in GROUP_NOUNS | BODY_NOUNS:
            # "opposition groups in Zimbabwe"
            if depth < 2:
                for p in prep_pobjs(t, GROUP_PREPS if not removed(t) else GROUP_PREPS[:-1]):
                    s = self.by_tok.get(p.i)
                    if s is None and p.lemma_.lower() in TOWN_NOUNS:
                        # "a district court in the southern Russian city of Astrakhan"
                        s = next((self.by_tok[c.i] for c in p.children if c.dep_ in ("amod", "compound")
                                  and c.i in self.by_tok), None)
                    if s is not None and (s.ref.kind == "state" or p.head.lower_ == "from"):
                        return s
                # "refugees fleeing the civil war in Liberia": the state they flee
                for v in t.children:
                    if v.dep_ == "acl" and v.lemma_.lower() in FLEEING_VERBS:
                        for o in [c for c in v.children if c.dep_ in ("dobj", "obj")] + prep_pobjs(v, ("from", "in")):
                            found = [x for x in self.actors_within(o, 2) if x.ref.kind == "state"]
                            if found:
                                return found[0]
        if depth < 2:
            # "tariffs on boats built in the U.S.", "on goods imported from China": goods stand for
            # where they are made
            for v in t.children:
                if v.dep_ == "acl" and v.lemma_.lower() in ORIGIN_VERBS:
                    for p in prep_pobjs(v, ("in", "from")):
                        s = self.by_tok.get(p.i)
                        if s is not None and s.ref.kind == "state":
                            return s
        if depth < 2 and t.lemma_.lower() in COLLECTIVE_NOUNS:
            for p in prep_pobjs(t, ("of",)):
                s = self._one(p, depth + 1)
                if s is not None:
                    return s
        if depth == 0:
            # "Luo Shugang, as President Xi Jinping's special envoy, will travel": whom he stands for
            s = self._envoy_of(t)
            if s is not None:
                return s
            # "sanctions on entities and individuals who support Iran's missile programme", "firms
            # linked to North Korea": whom they serve
            if t.lemma_.lower() in PROXY_NOUNS:
                for v in t.children:
                    if v.dep_ in ("relcl", "acl"):
                        for o in [c for c in v.children if c.dep_ in ("dobj", "obj")] + prep_pobjs(v, ("to", "with", "in")):
                            found = [x for x in self.actors_within(o, 2) if x.ref.kind in ("state", "nsa")]
                            if found:
                                return found[0]
            # "relevant parties to the JCPOA, including China": the members named
            for p in prep_pobjs(t, ("including",)):
                s = self._one(p, depth + 1)
                if s is not None:
                    return s
            # "supports the efforts the two sides have made", "the steps Pyongyang has taken": their
            # maker (a bare relative clause on an object, whose object the noun is)
            for v in t.children if t.dep_ in ("dobj", "obj", "pobj") else ():
                if v.dep_ == "relcl" and v.left_edge.i == t.i + 1 and not any(
                        c.dep_ in ("dobj", "obj", "nsubjpass", "ccomp") or c.tag_ in ("WDT", "WP", "WRB")
                        for c in v.children):
                    for c in v.children:
                        if c.dep_ == "nsubj" and c.i in self.by_tok:
                            return self.by_tok[c.i]
        # "the government of China", "members of Hamas", "the sides of X"
        # ("the head of the Organisation of American States", "spokesman of the ministry")
        if depth < 1 and t.lemma_.lower() in SIDE_WORDS | APPOSITIVE_TITLES | {
                "member", "leader", "delegation", "team", "force", "troop", "army", "representative", "people",
                "inhabitant", "resident", "citizen", "villager", "population"}:
            for p in prep_pobjs(t, ("of", "from")):
                s = self._one(p, depth + 1)
                if s is not None:
                    return s
        return None

    def _envoy_of(self, t) -> MentionSpan | None:
        """Whom someone stands for, by an "as" phrase on him or on his verb: "as President Xi
        Jinping's special envoy"."""
        for p in prep_pobjs(t, ("as",)):
            if p.lemma_.lower() in ENVOY_NOUNS:
                s = self._one(p, 1)
                if s is not None:
                    return s
        return None

    def _or_envoy(self, found: list[MentionSpan], v) -> list[MentionSpan]:
        """A verb's subject, or whom it stands for when the verb says so and the subject is
        unknown or known only by a default guess of its country."""
        if found and not all((s.ref.method or "").startswith("unresolved") for s in found):
            return found
        envoy = self._envoy_of(v)
        return [envoy] if envoy is not None else found

    # ------------------------------------------------------------------ verbs
    def subject(self, v, _seen=None) -> list[MentionSpan]:
        _seen = _seen or set()
        if v.i in _seen:
            return []
        _seen.add(v.i)
        subjects = [c for c in v.children if c.dep_ in SUBJ]
        if subjects and self._invited_list(v, subjects[0]):
            # "At the invitation of the governments of Kenya, Nigeria and Sierra Leone, President Xi's
            # special envoy Yang Jiechi will pay visits": the parser took the last hosts for the
            # subject and the guest for their apposition
            doc = v.doc
            guest = [self.by_tok[i] for a in subjects[0].children if a.dep_ in ("appos", "conj")
                     and doc[a.left_edge.i - 1].text == ","
                     for i in range(a.left_edge.i, a.right_edge.i + 1)
                     if i in self.by_tok and self.by_tok[i].ref.kind == "person"]
            if guest:
                return [max(guest, key=lambda s: s.start)]
        if subjects:
            c = subjects[0]
            if c.lower_ in ("who", "which", "that") and v.dep_ == "relcl":
                return self.actors_at(v.head)
            out: list[MentionSpan] = []
            for c in subjects:   # "X and Y met" is sometimes parsed as two subjects
                out += [s for s in self.actors_at(c) if s not in out]
                if not out and c.lemma_.lower() in ATTACK_NOUNS and any(
                        p.dep_ == "prep" and p.lower_ == "by" for p in c.children):
                    out += self.noun_agent(c)     # "an attack by Kataib Hezbollah killed ..."
            return self._or_envoy(out, v)
        if any(c.dep_ in PASS_SUBJ for c in v.children) or reduced_passive(v):
            return []            # "a member of Hamas jailed a year ago": the noun is the patient
        # inherited subjects: "agreed to share", "met and discussed", "vowed to defend"
        h = v.head
        if v.dep_ == "acomp" and h.pos_ in ("VERB", "AUX"):
            return self.subject(h, _seen)       # "China is firmly opposed to ...": the copula's subject
        if v.dep_ in ("xcomp", "conj") and h.pos_ == "ADJ" and h.dep_ == "acomp":
            # "he is prepared to lift the ban", "we are dissatisfied and urge ...": the copula's subject
            return self.subject(h.head, _seen)
        if v.dep_ in ("xcomp", "conj", "advcl") and h is not v and h.pos_ in ("VERB", "AUX"):
            if v.dep_ == "xcomp":
                # object control: "urged the US to cease"
                objs = [c for c in h.children if c.dep_ in OBJ]
                if objs and h.lemma_.lower() in ("urge", "ask", "call", "force", "press", "lead", "order", "prompt",
                                                 "tell", "push", "allow", "invite", "encourage", "persuade"):
                    return self.actors_at(objs[0])
                # "Obama is scheduled to attend", "the envoy was asked to leave": the passive's subject
                for c in h.children:
                    if c.dep_ in PASS_SUBJ:
                        return self.actors_at(c)
            return self.subject(h, _seen)
        if v.dep_ == "conj" and v.pos_ == "VERB" and h.pos_ in ("NOUN", "PROPN") and h.dep_ in OBJ \
                and h.head.pos_ in ("VERB", "AUX"):
            # "making clear China's position and refuting the accusations": a verb the parser joined
            # to the object of the one before it shares that one's subject
            return self.subject(h.head, _seen)
        if v.dep_ == "relcl" and v.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return self.actors_at(v.head)
        if v.dep_ == "pcomp" and v.head.lower_ in ("after", "while", "upon", "since", "in") \
                and v.head.head.pos_ in ("VERB", "AUX"):
            # "the judge is making headlines after freezing the ban", "in urging denuclearization,
            # Trump told Kim": the one who makes them, who told him
            return self.subject(v.head.head, _seen)
        if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN"):
            # "a Chinese delegation meeting X", "Antony Blinken to call off a trip"
            found = self.actors_at(v.head)
            if found:
                return found
            # "China reiterated its call urging the US ...": the noun's owner or the verb's subject
            for c in v.head.children:
                if c.dep_ == "poss" and c.i in self.by_tok:
                    return [self.by_tok[c.i]]
            if v.head.lemma_.lower() in INTENT_OF_NOUNS:
                # "commends the decision of the Solomon Islands' government to sever ties with Taiwan"
                found = [s for p in prep_pobjs(v.head, ("of", "by")) for s in self.actors_at(p)]
                if found:
                    return found
            if v.head.dep_ in OBJ and v.head.head.pos_ in ("VERB", "AUX") and \
                    v.head.head.lemma_.lower() not in FOLLOWING_VERBS:
                # ("issued a statement urging ..."; not "are following reports of an attack targeting ...")
                return self.subject(v.head.head, _seen)
        return self._or_envoy(self._fronted_subject(v), v)

    @staticmethod
    def _invited_list(v, subj) -> bool:
        """The subject is the tail of a list of hosts begun in a fronted "At the invitation of" phrase."""
        doc = v.doc
        if subj.left_edge.i == 0 or doc[subj.left_edge.i - 1].text != ",":
            return False
        return any(p.dep_ == "prep" and p.i < subj.i and p.right_edge.i < subj.left_edge.i
                   and any(t.lemma_.lower() == "invitation" for t in p.subtree) for p in v.children)

    def _fronted_subject(self, v) -> list[MentionSpan]:
        """The subject the parser hung on a fronted phrase: in "At the invitation of Li Keqiang,
        Chancellor Merkel will pay a visit" or "under the witness of the two leaders, China and
        the Philippines signed", the name after the comma was read as a conjunct (or an apposition:
        "At the invitation of President Xi Jinping, King Harald V of Norway will pay") of the
        phrase's noun.  It is the subject when it ends just before the verb (or its auxiliaries)."""
        doc = v.doc
        for p in v.children:
            if p.dep_ != "prep" or p.i > v.i:
                continue
            for t in p.subtree:
                if t.dep_ not in ("conj", "appos") or t.left_edge.i == 0 or doc[t.left_edge.i - 1].text != ",":
                    continue
                if any(c.dep_ == "cc" and c.i < t.i for c in t.head.children):
                    continue        # "of China and India": a real coordination
                # (with "as X's special envoy" between: "..., Luo Shugang, as President Xi's envoy, will")
                full = doc[t.right_edge.i + 1:v.i]
                gap = [g for g in full
                       if not any(a.dep_ == "prep" and a.lower_ == "as" and a.head == v for a in (g, *g.ancestors))]
                allowed = ("aux", "neg", "advmod") + (("punct",) if len(gap) < len(full) else ())
                if all(g.dep_ in allowed for g in gap):
                    found = [s for s in self.actors_at(t) if s.start >= t.left_edge.i]
                    last = self.by_tok.get(t.right_edge.i)
                    if not found and last is not None and last.ref.kind == "person":
                        found = [last]      # "..., Minister for Foreign Affairs of Greece Nikos Kotzias will pay"
                    return self._or_envoy(found, v)
        return []

    def passive_subject(self, v) -> list[MentionSpan]:
        # (the first that names someone: "Q: A Chinese citizen was arrested" has "Q" as a subject too)
        for c in v.children:
            if c.dep_ in PASS_SUBJ:
                found = self.actors_at(c)
                if found:
                    return found
        return []

    def objects(self, v) -> list:
        objs = [c for c in v.children if c.dep_ in OBJ]
        if not objs:
            # "China deplores and firmly opposes the comments": the object the verbs share
            objs = [c for cj in v.children if cj.dep_ == "conj" and cj.pos_ == "VERB"
                    for c in cj.children if c.dep_ in OBJ]
        return objs

    def prep_objects(self, head, preps) -> list[MentionSpan]:
        out: list[MentionSpan] = []
        for c in head.children:
            if c.dep_ in ("prep", "dative") and c.lower_ in preps:
                if c.dep_ == "prep" and not any(p.dep_ in ("pobj", "pcomp") for p in c.children):
                    # a stranded preposition: the parser hung its noun elsewhere ("granted asylum to
                    # five Panamanian officers holed up ..." with "officers" as a subject)
                    nxt = next((t for t in c.doc[c.i + 1:c.i + 8] if t.left_edge.i == c.i + 1
                                and t.pos_ in ("NOUN", "PROPN")), None)
                    if nxt is not None:
                        out += [s for s in self.actors_within(nxt, 2) if s not in out]
                for p in c.children:
                    if p.dep_ == "pobj":
                        for s in self.actors_within(p, 2):
                            if s not in out:
                                out.append(s)
                    elif p.dep_ == "pcomp":
                        for q in p.children:
                            if q.dep_ in ("dobj", "pobj"):
                                out += [s for s in self.actors_at(q) if s not in out]
        return out

    # ------------------------------------------------------------------ nouns
    def noun_agent(self, n) -> list[MentionSpan]:
        for c in n.children:
            if c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and c.i < n.i):
                s = self.by_tok.get(c.i)
                if s is None and c.dep_ == "compound":
                    # "Israeli tank shelling": the owner of the weapon
                    s = next((self.by_tok[g.i] for g in c.children if g.dep_ in ("amod", "compound", "poss")
                              and g.i in self.by_tok), None)
                if s is not None:
                    return [s, *self.partners.get(id(s), [])]     # "their meeting": both of them
        if in_state(n):
            return self.subject(n.head.head)        # "nurses went on strike"
        if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.lemma_.lower() in DOING_OF_NOUNS:
            return self.noun_agent(n.head.head)     # "Trump's introduction of new sanctions"
        if n.dep_ in ("dobj", "obj") and n.head.lemma_.lower() == "claim" and n.lemma_.lower() in ATTACK_NOUNS:
            return self.subject(n.head)             # "AQIM claimed the attack on the hotel"
        if n.dep_ == "pobj" and n.head.lower_ == "for":
            h = n.head.head
            if h.lemma_.lower() == "responsibility" and h.dep_ in ("dobj", "obj") \
                    and h.head.lemma_.lower() in CLAIMING_VERBS:
                return self.subject(h.head)         # "IS claimed responsibility for the attack"
            if h.lemma_.lower() == "blame" and h.pos_ == "VERB":
                # "ISIL gunmen were blamed for the deaths", "blamed the Taliban for the attack"
                return self.passive_subject(h) or [s for o in self.objects(h) for s in self.actors_at(o)]
        for c in n.children:
            if c.dep_ == "prep" and (c.lower_ == "by" or c.lower_ == "from" and n.lemma_.lower() not in REMOVAL_WORDS
                                     or c.lower_ == "of" and n.lemma_.lower() in VISITOR_OF_NOUNS):
                for p in c.children:
                    if p.dep_ == "pobj":
                        found = self.actors_at(p)
                        if found:
                            return found
        v = n.head
        if n.dep_ in ("dobj", "obj") and any(c.dep_ in SUBJ for c in v.children) and not any(
                c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" or c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
            # "condemned the killings by Boko Haram": the parser hangs the noun's "by" on the active
            # verb, which has a doer of its own
            for c in v.children:
                if c.dep_ == "prep" and c.lower_ == "by" and c.i > n.i:
                    found = [s for p in c.children if p.dep_ == "pobj" for s in self.actors_at(p)]
                    if found:
                        return found
        return []

    def between(self, n) -> tuple[list[MentionSpan], list[MentionSpan]]:
        """"talks between X and Y" -> ([X], [Y])."""
        for c in n.children:
            if c.dep_ == "prep" and c.lower_ in ("between", "among"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        both = self.actors_at(p)
                        if len(both) >= 2:
                            return [both[0]], both[1:]
                        # "between the US and China" parsed as a compound
                        inner = [s for s in {self.by_tok[i] for i in range(p.left_edge.i, p.right_edge.i + 1)
                                             if i in self.by_tok}]
                        inner.sort(key=lambda s: s.start)
                        if len(inner) >= 2:
                            return [inner[0]], inner[1:]
        return [], []

    def against(self, v, max_depth: int = 3) -> list[MentionSpan]:
        """Targets named in an "against X" phrase inside the trigger's own phrase, not in its
        clauses: "mobilized reservists for a possible war against Iraq"."""
        frontier = [v]
        for _ in range(max_depth):
            nxt = []
            for t in frontier:
                for c in t.children:
                    if c.dep_ in CLAUSE_DEPS or c.dep_ in SUBJ + PASS_SUBJ:
                        continue
                    if c.dep_ == "prep" and c.lower_ == "against":
                        for p in c.children:
                            if p.dep_ == "pobj":
                                found = self.actors_within(p, 2)
                                if found:
                                    return found
                    nxt.append(c)
            frontier = nxt
        return []
