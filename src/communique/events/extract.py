"""Event extraction: lexicon triggers in the dependency parse -> PLOVER/CAMEO events.

For every sentence, each token whose lemma is in the predicate lexicon is a candidate trigger.
The most specific lexicon entry whose constraints hold (particle, light-verb object, required
preposition) is chosen; the actor comes from the subject (or the ``by`` phrase, or the governing
verb), recipients from the object and the entry's prepositions; nominal triggers ("talks",
"sanctions", "attacks") take their actors from possessives, modifiers, ``between``/``by``
phrases or the light verb governing them.  Each event records the rule that fired, the sentence
and its evidence offsets.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from .. import ontology
from ..actors.kb import KB, norm
from ..actors.mentions import FOREIGN_PRONE, MEETING_NOUNS, VISIT_NOUNS, MentionSpan
from ..model import ActorRef, Article, Event, Location
from ..nlp.syntax import clause_verb
from ..quotes.transcript import is_transcript
from . import rules
from .arguments import (ATTACK_NOUNS, COLLECTIVE_NOUNS, DOING_OF_NOUNS, GROUP_NOUNS, PARTICLE_PREPS, ArgumentFinder,
                        in_state,
                        prep_pobjs, reduced_passive)
from .classifier import core_verb, get_classifier
from .dates import resolve as resolve_date
from .lexicon import Entry, Lexicon
from .status import is_condition, misparsed_clause, modality

VISIT_WORDS = {"visit", "visiting", "trip", "travel", "tour", "arrive", "host", "receive", "welcome", "visited"}
# prepositions that set the scene of a statement rather than say what it is about
# prepositions that say where something happens ("in Rome", "outside the embassy")
PLACE_PREPS = ("in", "at", "inside", "within", "near", "outside")
SETTING_PREPS = {"at", "during", "after", "before", "since", "amid", "following", "ahead"}
# words whose "to X" (or object, for the verb "visit") is where the event takes place
DESTINATION_WORDS = {"visit", "trip", "travel", "tour", "journey", "fly", "go", "come", "head"}
# statements about another action: the embedded action is not itself asserted
GOVERNING_TYPES = {"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE"}
SPEECH_TYPES = {"REQUEST", "ACCUSE", "THREATEN", "REJECT", "SUPPORT", "AGREE"}
# without a stated target these are directed at the actor's own country (protesters at their
# government, a government's concessions or repression at home)
DOMESTIC_TYPES = {"PROTEST", "CONCEDE", "COERCE"}
CONDITION_MARKS = {"unless", "if", "until", "before", "after", "once", "when"}
# nominal events in these phrases are the background of the sentence's news ("after a week of
# unrest", "since last month's invasion")
BACKGROUND_PREPS = {"after", "following", "since", "amid", "despite"}
# the learned fallback proposes an event only above this class probability
CLASSIFIER_MIN_PROB = 0.75
# future cooperation is an intent to cooperate: "will provide aid" 033 ("will meet" stays CONSULT),
# "will allow refugees to return" 035 (CAMEO express-intent codes, all PLOVER AGREE)
INTENT_CAMEO = {"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033"}
# a promised retreat or concession: CAMEO's "express intent to yield" 035x (release persons 0353,
# ease economic sanctions 0354, allow international involvement 0355, de-escalate militarily 0356)
YIELD_INTENT_CAMEO = {"084": "0353", "085": "0354", "086": "0355", "087": "0356"}
# conditional hostile actions: 138 military force, 131 non-force, 132 administrative sanctions,
# 133 dissent, 136 halting international involvement
THREAT_CAMEO = {"ASSAULT": "138", "MOBILIZE": "138", "SANCTION": "131", "COERCE": "132", "RETREAT": "136",
                "PROTEST": "133", "REJECT": "131"}
# violence whose perpetrator is not stated is coded to the place where it happened
UNATTRIBUTED_TYPES = {"ASSAULT"}
# ... and so are acts only a state's police and courts do ("he was charged with criminal damage",
# "was arrested in Istanbul"): to the place, or to the person's own state
STATE_ACTS = {"arrest", "detain", "charge", "indict", "convict", "sentence", "jail", "imprison", "deport", "expel",
              "extradite", "prosecute", "fine"}
UNATTRIBUTED_HEADS = {"explosion", "blast", "bomb", "bombing", "device", "mine", "minefield", "shell", "shelling",
                      "rocket", "missile", "grenade", "attack", "strike", "airstrike", "gunman", "gunmen",
                      "attacker", "attackers", "assailant", "assailants", "ied", "mortar", "fire", "gunfire", "raid"}
# "killed in Israeli tank shelling": weapons whose owner is the attacker (besides UNATTRIBUTED_HEADS)
WEAPON_NOUNS = {"tank", "artillery", "aircraft", "warplane", "jet", "helicopter", "gunship", "drone", "plane",
                "sniper", "air", "naval", "navy", "police"}
# verbs of helping, an aid when someone is helped, not when an act is ("helped to broker the deal")
HELPING_VERBS = {"help", "assist"}
# words of meddling in another's affairs
INTERFERENCE_WORDS = {"interference", "interfere", "meddling", "meddle", "intervention", "intervene", "intrusion"}
# what a meeting may be called besides MEETING_NOUNS
MEETING_NAMES = {"dialogue", "forum", "consultation", "conference", "summit"}
# people who can be arrested, charged or deported
PEOPLE_NOUNS = GROUP_NOUNS | {"suspect", "national", "man", "woman", "tourist", "businessman", "businesswoman",
                              "defendant", "sailor", "fisherman", "crew", "spy", "diplomat", "blogger", "dissident"}
# buildings and sites named after the place they are in
FACILITY_NOUNS = {"airport", "port", "harbour", "harbor", "base", "airbase", "palace", "hotel", "hospital",
                  "university", "square", "prison", "jail", "station", "stadium", "camp",
                  "crossing", "bridge", "market", "mosque", "church", "temple", "school", "airfield", "checkpoint"}
COUNTED_OBJECT_HEADS = {"series", "number", "string", "spate", "wave", "volley", "barrage", "round", "salvo",
                        "couple", "pair", "set", "batch", "dozen", "hundred", "thousand", "part", "half", "most",
                        "team", "contingent", "group", "shipment", "consignment"}
# actions that can be about the actor's own conduct (resigning, withdrawing, releasing, allowing)
SELF_DIRECTED_TYPES = {"RETREAT", "CONCEDE", "AID", "PROTEST"}
# actors supplied by default when the text names none (the place of an attack, the place it was
# fired from, the victims' state, the authorities of an arrest)
DEFAULT_ACTOR_METHODS = ("location-default", "origin-default", "victim-default", "authority-default")
# who, acting with violence, acts on people of their own state ("police beat protesters")
# acts whose possessor is the one who suffers them ("Meng's arrest", "Khashoggi's murder")
SUFFERED_NOUNS = {"arrest", "detention", "release", "extradition", "deportation", "execution", "killing", "murder",
                  "assassination", "kidnapping", "abduction", "imprisonment", "jailing", "trial", "conviction",
                  "sentencing", "death", "torture", "disappearance"}
# sectors of the authorities whose raids are searches and arrests, not military assaults
POLICE_SECTORS = {"COP", "GOV", "JUD"}
DOMESTIC_FORCE_WORDS = {"police", "policeman", "policemen", "policewoman", "officer", "officers", "cop", "cops",
                        "mob", "crowd", "gendarme", "gendarmes", "gendarmerie", "vigilante", "vigilantes"}
# verbs by which a nominal event happens ("protests erupted in Tunis")
OCCURRENCE_VERBS = {"erupt", "break", "spread", "continue", "occur", "happen", "flare", "rage", "resume", "intensify",
                    "escalate", "grow", "sweep", "engulf", "hit", "rock", "take"}
# participles by which a nominal event names whom it is aimed at ("sanctions targeting Russian banks")
TARGETING_VERBS = {"target", "affect", "hit", "aim", "direct", "punish", "penalize", "penalise"}
PLACE_TARGET_TYPES = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "AID", "CONCEDE", "RETREAT"}
# "returned to Geneva for talks", "flew to Beijing for a summit": the traveller holds the talks
MOTION_VERBS = {"return", "travel", "come", "go", "arrive", "gather", "meet", "convene", "head", "fly", "leave",
                "visit", "sit", "set", "prepare", "invite", "join"}
ANNOUNCING_VERBS = {"say", "announce", "confirm", "declare", "state", "tell", "add", "pledge", "promise",
                    "vow", "insist", "indicate", "signal", "warn", "write", "report"}
# "refused to allow X to land": X is the one refused
ENABLING_VERBS = {"allow", "permit", "let", "enable", "help", "force", "compel"}
# "reneged on his commitment to X": X is the one let down
COMMITMENT_NOUNS = {"commitment", "promise", "pledge", "agreement", "deal", "obligation", "accord", "treaty",
                    "undertaking", "guarantee", "assurance", "vow"}
PARTNER_PREPS = {"with", "to", "against", "between"}
# what is accepted, rejected or asked for, completed by a clause ("an invitation to attend ...")
PROPOSAL_NOUNS = {"invitation", "offer", "proposal", "plan", "formula", "demand", "request", "call", "deal",
                  "bid", "initiative", "appeal", "ultimatum", "suggestion", "idea", "roadmap", "framework"}
# words of fighting that politics borrows ("the battle between the establishment and Trump")
CONTEST_WORDS = {"battle", "fight", "war", "struggle", "feud"}
# measures that answer another's ("retaliatory measures", "countermeasures")
RESPONSE_WORDS = {"countermeasure", "retaliatory", "reciprocal", "retaliation", "counter"}
# violence that can be done in words ("a scathing attack on the government", "Trump attacked Cohen")
VERBAL_ATTACK_NOUNS = {"attack", "assault", "broadside", "onslaught", "tirade"}
ARMED_SECTORS = {"MIL", "COP", "REB", "PRM", "SPY", "CRM", "UAF", "UNK", None}
# nouns that count events: "a new round of peace talks between X and Y"
SERIES_NOUNS = COUNTED_OBJECT_HEADS | {"round", "session", "cycle"}
# "X wants Y to do Z" asks it of Y; "X expects Y to do Z" only supposes it
WANT_VERBS = {"want", "wish", "like", "prefer"}
DESIRE_VERBS = WANT_VERBS | {"hope", "expect", "need"}
# wishing an action of another is asking it of them ("we hope the two sides will settle it")
REQUEST_WISHES = WANT_VERBS | {"hope"}
# "decided to allow": a decision taken, not a promise
DECISION_VERBS = {"decide", "vote", "resolve", "order", "choose", "elect", "move"}
INTENT_ADJECTIVES = {"ready", "willing", "prepared", "eager", "determined", "keen"}
INTENT_VERBS = {"want", "intend", "wish", "aim"}
IMPOSING_VERBS = {"place", "slap", "levy", "put"}
PLEDGE_VERBS = {"vow", "pledge", "promise", "swear"}
CLAIM_VERBS = {"claim", "allege", "say", "charge", "insist", "assert", "report", "state"}
LIGHT_VERBS = {"hold", "have", "conduct", "launch", "carry", "stage", "make", "pay", "take", "issue",
               "lodge", "impose", "express", "voice", "reach", "sign", "give", "provide", "offer",
               "extend", "begin", "start", "continue", "resume", "mount", "host", "attend", "join",
               "announce", "unveil", "step", "intensify", "escalate", "end", "renew", "deliver", "send",
               "commit", "order", "approve", "finalize", "finalise", "conclude", "complete",
               "call", "cancel", "postpone", "scrap", "delay", "suspend", "plan", "schedule", "propose",
               "prepare", "undertake", "wrap", "kick", "open", "close", "break", "stag",
               "grant", "donate", "supply", "pledge", "allocate", "accept", "receive", "effort",
               "organize", "organise", "speed", "accelerate", "hasten", "wage", "perpetrate", "tighten",
               "pin", "lay"}
# activities named by what they carry: "aid operations", "relief flights" are aid
ACTIVITY_HEADS = {"operation", "programme", "program", "mission", "flight", "convoy", "delivery", "shipment",
                  "work", "activity", "effort"}
AID_KINDS = {"aid", "relief", "humanitarian", "food", "medical"}
# heads that make a nominal trigger before them a modifier, not an event ("invasion forces")
INSTRUMENT_HEADS = {"force", "troop", "soldier", "unit", "helicopter", "aircraft", "plane", "jet", "ship", "vessel",
                    "boat", "group", "leader", "organizer", "organiser", "movement", "squad", "brigade", "battalion",
                    "division", "commander", "gunship", "drone", "capability", "capacity", "tactic", "weapon",
                    "plan", "planner", "scenario", "simulation", "training", "dog", "expert", "specialist"}
ENTITLEMENT_NOUNS = {"right", "ability", "capacity", "capability", "authority", "power", "freedom", "need", "way",
                     "chance", "opportunity", "obligation", "duty", "responsibility", "means", "permission", "licence",
                     "license", "mandate"}
# "Serb forces were engaged in ethnic cleansing": a verb whose "in" phrase is the deed
ENGAGE_VERBS = {"engage", "participate", "involve"}
# states of readiness that forces are put or kept on ("remained on alert")
READINESS_NOUNS = {"alert", "standby", "footing"}
# people whose violence is a riot (PROTEST 145), as lemmas
PROTESTER_NOUNS = {"protester", "protestor", "demonstrator", "rioter", "mob", "marcher", "picketer"}


@dataclass
class Candidate:
    entry: Entry
    trigger: object            # spaCy token
    actors: list[MentionSpan]
    recipients: list[MentionSpan]
    thing_object: bool = False      # the direct object is a thing ("released the press readout")


class EventExtractor:
    def __init__(self, kb: KB, lexicon: Lexicon):
        self.kb = kb
        self.lex = lexicon
        self.classifier = get_classifier()
        self._agent_words = frozenset(kb.agents) | rules.rule_words().organisation_nouns | {
            "side", "sides", "country", "nation", "state", "government", "leadership", "authority"}

    # ------------------------------------------------------------------ entry choice
    def _entries(self, tok) -> list[Entry]:
        pos = "verb" if tok.pos_ in ("VERB", "AUX") else "noun" if tok.pos_ in ("NOUN", "PROPN") else None
        if pos is None:
            # the tagger sometimes calls a verb an adjective or a noun ("slammed", "talks"); a
            # predicate adjective is a stance taken like a verb ("is gravely concerned about",
            # "is firmly opposed to")
            pos = "verb" if tok.tag_.startswith("VB") or tok.dep_ == "acomp" or (
                tok.dep_ == "conj" and tok.head.dep_ == "acomp") else None
            if pos is None:
                return []
        lemma = tok.lemma_.lower()
        entries = self.lex.get(lemma, pos)
        if not entries and (pos == "noun" or tok.tag_ == "VBN"):
            entries = self.lex.get(tok.lower_, pos)     # ("is gravely concerned by": the participle's entry)
        if not entries:
            return []
        children = list(tok.children)
        if pos == "verb" and tok.tag_ in ("VBN", "JJ") and any(c.dep_ == "det" for c in children):
            return []       # "condolences to the injured": people, not an act
        particles = {c.lower_ for c in children if c.dep_ == "prt"}
        # particles can be mis-attached as prepositions ("call off a trip")
        particles |= {c.lower_ for c in children if c.dep_ == "prep" and c.lower_ in ("off", "out", "up", "down", "back")}
        preps = {c.lower_ for c in children if c.dep_ in ("prep", "dative", "agent")}
        preps |= {g.lower_ for c in children if c.dep_ == "prep" and c.lower_ in PARTICLE_PREPS
                  for g in c.children if g.dep_ == "prep"}     # "pulled out of the treaty"
        # (a preposition the parser hung on the object or the agent: "was asked by a reporter about ...")
        loose_preps = {p.lower_ for c in children if c.dep_ in ("dobj", "obj", "agent")
                       for o in ([c] if c.dep_ != "agent" else c.children) for p in o.children if p.dep_ == "prep"}
        objs = [c for c in children if c.dep_ in ("dobj", "obj", "nsubjpass", "attr")]
        # "exploded a series of bombs", "fired a barrage of rockets": the counted noun counts too
        objs += [p for o in objs if o.lemma_.lower() in COUNTED_OBJECT_HEADS for p in prep_pobjs(o, ("of",))]
        objs += [cj for o in objs for cj in o.conjuncts]     # "photographs and other military intelligence"
        obj_lemmas = {o.lemma_.lower() for o in objs} | {o.lower_ for o in objs}
        # "sent a medical team": a modified object may be listed as a whole
        obj_lemmas |= {f"{c.lemma_.lower()} {o.lemma_.lower()}" for o in objs for c in o.children
                       if c.dep_ in ("amod", "compound")}
        for o in objs:
            # "halted aid operations", "suspended relief flights": the aid is what stops
            kinds = {c.lemma_.lower() for c in o.children if c.dep_ == "compound"} & AID_KINDS
            if kinds and o.lemma_.lower() in ACTIVITY_HEADS:
                obj_lemmas = (obj_lemmas - {o.lemma_.lower(), o.lower_}) | {"aid"}
        # "hosts nearly three million Syrians": a crowd, not guests
        crowd = any(_crowd_count(c) for o in objs for c in o.children if c.dep_ == "nummod")
        mods = {c.lemma_.lower() for c in children if c.dep_ in ("compound", "amod", "nmod")}
        adverbs = {c.lower_ for c in children if c.dep_ == "advmod"}
        if tok.i > 0 and tok.doc[tok.i - 1].text == "-" and tok.i > 1:
            mods.add(tok.doc[tok.i - 2].lemma_.lower())   # "air-strike", "drone-attack"
        if pos == "noun" and in_state(tok) and not mods:
            mods.add("go on")       # "nurses went on strike", "doctors have been on strike since May"
        ok = []
        phrasal = {c.lower_ for c in children if c.dep_ == "prt"} & {"off", "out", "up", "down", "back", "away", "over"}
        labelling = any(c.dep_ in ("oprd", "acomp", "ccomp") or c.dep_ in ("dobj", "obj") and any(
            a.dep_ == "appos" or a.dep_ == "amod" and a.i > c.i for a in c.children) for c in children)
        figurative = pos == "noun" and bool(mods & rules.rule_words().figurative)
        # "hold campaign rallies": supporters gathering, not protesters
        object_mods = {c.lemma_.lower() for o in objs for c in o.children if c.dep_ in ("amod", "compound")}
        gathering = bool((object_mods if pos == "verb" else mods) & rules.rule_words().gatherings)
        # "undermining the cooperation between China and the US": a relation harmed, not an event
        harmed = pos == "noun" and tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() in rules.rule_words().harming
        for e in entries:
            if e.type == "CONSULT" and labelling and lemma == "call":
                continue      # "called the plan political insanity" is not a phone call
            if figurative and e.type in ("ASSAULT", "COERCE", "MOBILIZE"):
                if lemma in VERBAL_ATTACK_NOUNS and mods & rules.rule_words().verbal_attack:
                    # "launched a Twitter attack on one of his critics": criticism
                    ok.append(replace(e, type="ACCUSE", cameo="111", mode="disapprove", solo=False))
                continue      # "a charm offensive", "a trade war"
            if harmed and e.type in ("COOPERATE", "CONSULT", "AGREE", "SUPPORT", "AID"):
                continue
            if gathering and e.type == "PROTEST" and (pos == "noun" or e.objects):
                continue
            if crowd and e.type == "CONSULT":
                continue
            if e.type == "AID" and lemma in HELPING_VERBS and pos == "verb" and not objs and any(
                    c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB" and not any(
                        g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for c in children):
                continue      # "Egypt helped to broker the deal": the act it helped with is the event
                #               (but "helping Yemen combat the threat" helps Yemen)
            if e.intransitive and pos == "verb" and any(c.dep_ in ("dobj", "obj", "ccomp") for c in children):
                continue      # "the figures demonstrate a closer community": showing, not protesting
            if e.no_clause and pos == "verb" and (any(c.dep_ == "ccomp" for c in children) or obj_lemmas & {"what", "that"}):
                continue      # "both nations recognize that we must not be complacent": a way of saying
            if e.particle and e.particle not in particles:
                continue
            if not e.particle and phrasal and pos == "verb":
                continue      # a phrasal verb means something else ("call off", "back down")
            if e.prep_required and e.prep_required not in preps:
                continue
            if e.not_preps and (preps | loose_preps) & set(e.not_preps):
                continue      # "was asked about the claims" is a question, "the exercise of sovereignty" no drill
            # "provided Kiev with weapons": what comes with a required preposition is an object too
            lemmas = obj_lemmas | ({p.lemma_.lower() for p in prep_pobjs(tok, (e.prep_required,))}
                                   if e.prep_required and e.objects else set())
            if e.objects and not (lemmas & set(e.objects)):
                continue
            # "retreat from diplomacy": nor is any of an excluded word after the entry's prepositions
            after = e.preps + ((e.prep_required,) if e.prep_required else ())
            if e.not_objects and (lemmas | adverbs | {p.lemma_.lower() for p in prep_pobjs(tok, after)}) \
                    & set(e.not_objects):
                continue      # "released a statement" frees no one; "meet China halfway" is no meeting
            if e.modifier and not (mods & set(e.modifier)):
                continue
            if e.subjects and not (_subject_lemmas(tok) & set(e.subjects)):
                continue      # "protesters gathered" is a protest, "leaders gathered" is not
            ok.append(e)
        ok.sort(key=lambda e: (-e.specificity, -e.weight))
        return ok

    # ------------------------------------------------------------------ candidates
    def _verb_candidate(self, tok, e: Entry, af: ArgumentFinder) -> Candidate | None:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
        reduced = reduced_passive(tok)
        thing_object = False
        if (passive or reduced) and e.lemma == tok.lower_ != tok.lemma_.lower():
            # a participle of stance ("the US is gravely concerned by the unrest in Hong Kong"):
            # the one concerned takes the stance, towards what concerns it
            actors = af.actors_at(tok.head) if reduced else af.passive_subject(tok)
            passive = reduced = False
            recipients = [s for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                          for s in af.actors_within(p, 3) if s not in actors]
        elif passive or reduced:
            actors = []
            for c in tok.children:
                if c.dep_ == "agent":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            actors = af.actors_at(p)
            if not actors:
                # "were killed in Israeli tank shelling": whoever owns the attack did it
                # (also from a coordinated verb: "were killed and 11 were injured in a Russian airstrike")
                for p in [q for v in (tok, *tok.conjuncts) for q in prep_pobjs(v, ("in", "during"))]:
                    owner = af.noun_agent(p)
                    if (owner or e.type == "ASSAULT" and e.lemma in ("destroy", "damage")) and any(
                            x.type == e.type for x in self._entries(p)):
                        # "killed in a Russian missile strike on Kharkiv": the strike is the event;
                        # "equipment was destroyed in the assault on the base": so is the assault
                        return None
                    if p.lemma_.lower() in UNATTRIBUTED_HEADS | WEAPON_NOUNS:
                        actors = owner
                        break
            if reduced:
                patient = af.actors_at(tok.head) if tok.dep_ == "acl" else (
                    af.subject(tok.head) or af.passive_subject(tok.head))
                recipients = patient if e.object else []
            else:
                recipients = af.passive_subject(tok) if e.object else []
        else:
            actors = af.subject(tok)
            recipients = []
            if e.object:
                for o in af.objects(tok):
                    if e.objects and (o.lemma_.lower() in e.objects or o.lower_ in e.objects):
                        # a listed object with `object: true`: its owner is the recipient
                        # ("demolished Palestinian homes")
                        recipients += [s for s in af.actors_at(o) if s not in recipients]
                        continue
                    found = [s for s in af.actors_within(o, 4) if not _interfered_in(s, tok.doc)]
                    recipients += found
                    thing_object = thing_object or not found
        heads = [tok]
        if e.objects or not e.object:
            # the partner on the thing acted on: "signed a deal with Iran", "ratified a sweeping
            # agreement with the European Union"
            heads += [o for o in tok.children if o.dep_ in ("dobj", "obj", "nsubjpass", "attr")
                      and (not e.objects or o.lemma_.lower() in e.objects or o.lower_ in e.objects
                           or any(c.dep_ == "compound" and c.lemma_.lower() in e.objects for c in o.children))]
            # "signed a series of cooperation documents with Rwanda": through the counted noun
            if e.objects:
                heads += [p for o in tok.children if o.dep_ in ("dobj", "obj") and o.lemma_.lower() in COUNTED_OBJECT_HEADS
                          for p in prep_pobjs(o, ("of",)) if p.lemma_.lower() in e.objects and p not in heads]
            if e.objects and e.prep_required:
                # "pulled out of its treaty with Russia": the listed object after the required preposition
                heads += [p for p in prep_pobjs(tok, (e.prep_required,)) if p.lemma_.lower() in e.objects and p not in heads]
        preps = set(e.preps) or {"with", "to", "against", "on", "toward", "towards"}
        for h in heads:
            found = af.prep_objects(h, preps)
            if recipients and "in" in preps:
                # "a Canadian citizen was detained in China": with its patient named, "in" gives
                # only the place
                places = [s for s in af.prep_objects(h, {"in"}) if s.ref.kind == "state"]
                found = [s for s in found if s not in places]
            recipients += [s for s in found if s not in recipients]
            if h is not tok:
                recipients += [s for s in _aimed_at(h, af) if s not in recipients and s not in actors]
                a, r = af.between(h)
                if a and not actors:
                    actors = a
                    recipients += [s for s in r if s not in recipients]
        if not recipients and e.type == "SANCTION" and e.objects and not e.object:
            # "quit the UN Human Rights Council", "withdraw from the European Union": the body left
            recipients = [s for h in heads[1:] for s in af.actors_at(h) if s.ref.kind == "igo" and s not in actors]
        if not recipients and "with" in preps and not passive:
            # "stand ready to deepen cooperation and properly handle differences with the United
            # States": a partner named after the last of joined verbs is the partner of each
            later = [c for c in tok.conjuncts if c.i > tok.i and c.pos_ == "VERB"
                     and not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)]
            ends = later[-1:] + [o for v in later[-1:] for o in v.children if o.dep_ in ("dobj", "obj")]
            recipients = [s for h in ends for s in af.prep_objects(h, {"with"}) if s not in actors]
        if not recipients and e.type in ("AID", "SANCTION"):
            # "halted aid operations to neighbourhoods in Mosul", "sent food to Gaza": the place's state
            for q in (q for h in heads for q in prep_pobjs(h, preps & {"to", "for", "into", "in"})):
                loc = self._place(q)
                if loc is not None and loc.country:
                    recipients = [_place_target(loc, tok.doc, tok, method="place-object")]
                    break
        # "reneged on his commitment to the Zambian people": the party the commitment was made to
        recipients = [s for p in prep_pobjs(tok, preps) if p.lemma_.lower() in COMMITMENT_NOUNS
                      for s in af.prep_objects(p, {"to", "with"})] or recipients
        if not recipients and not passive and not reduced:
            if e.type in SPEECH_TYPES or e.lemma in ENABLING_VERBS:
                # "demanded that Hamas renounce ...", "urged Iran to ..." (object already tried),
                # "will never allow Iran to have a nuclear weapon": who would be allowed
                recipients = [s for s in af.clause_subject(tok) if s not in actors]
            if not recipients and not any(c.dep_ in ("dobj", "obj") for c in tok.children):
                # "offered to negotiate with Armenia": the intended action's partner (not when
                # someone else is to act: "asked the federal agency to assess the trade deal")
                for c in tok.children:
                    if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
                        for o in af.objects(c):
                            recipients += [s for s in af.actors_within(o, 4) if s not in actors]
                        recipients += [s for s in af.prep_objects(c, {"with", "to", "against", "on", "for"})
                                       if s not in actors and s not in recipients]
                        if c.lemma_.lower() in ENABLING_VERBS:
                            # "refused to allow United Nations planes to land": who would be allowed
                            recipients += [s for s in af.clause_subject(c) if s not in actors and s not in recipients]
            if not recipients and e.type in SPEECH_TYPES:
                # "rejected an invitation to attend a meeting of Palestinian factions", "accepted a
                # formula for ending its dispute with its partners": the partner in the object's clause
                for v in (v for o in af.objects(tok) if o.lemma_.lower() in PROPOSAL_NOUNS
                          and not af.actors_within(o, 2) for v in _noun_clauses(o)):
                    for o in af.objects(v):
                        recipients += [s for s in af.actors_at(o) or af.prep_objects(o, PARTNER_PREPS | {"of"})
                                       if s not in actors and s not in recipients]
                    recipients += [s for s in af.prep_objects(v, PARTNER_PREPS)
                                   if s not in actors and s not in recipients]
            if not recipients and e.object and not e.solo and not af.objects(tok):
                recipients = [s for s in af.right_of(tok) if s not in actors]
        if e.reverse:
            # "received weapons from the government": the giver acts, the subject receives
            givers = af.prep_objects(tok, set(e.preps) or {"from"}) or [
                g for o in af.objects(tok) for g in af.prep_objects(o, set(e.preps) or {"from"})]
            actors, recipients = givers, [s for s in actors if s not in givers]
        return Candidate(e, tok, actors, recipients, thing_object)

    def _noun_candidate(self, tok, e: Entry, af: ArgumentFinder) -> Candidate | None:
        actors, recipients = af.between(tok)
        if not actors and tok.dep_ == "compound":
            actors, recipients = af.between(tok.head)
        if not actors and tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in SERIES_NOUNS:
            actors, recipients = af.between(tok.head.head)     # "a new round of talks ... between X and Y"
        if not actors:
            actors = af.noun_agent(tok)
            if actors and tok.lemma_.lower() in SUFFERED_NOUNS and not prep_pobjs(tok, ("of",)) and any(
                    c.dep_ == "poss" and c.i in af.by_tok for c in tok.children):
                # "Meng's arrest", "Khashoggi's killing": the one whose it is suffered it (not
                # "Russia's expulsion of diplomats")
                actors, recipients = [], actors
        preps = set(e.preps) or {"with", "to", "against", "on", "of", "for"}
        recipients += [s for s in af.prep_objects(tok, preps) if s not in recipients and s not in actors]
        if not recipients:
            recipients = [s for s in _aimed_at(tok, af) if s not in actors]
        if not recipients and tok.dep_ == "pobj" and tok.head.lower_ == "of" and \
                tok.head.head.lemma_.lower() in DOING_OF_NOUNS:
            # "the US imposition of tariffs on Chinese goods": the target hangs on the noun of the act
            recipients = [s for s in af.prep_objects(tok.head.head, preps - {"of"}) if s not in actors]
        if not recipients and "from" in preps:
            # "the withdrawal of some forces from Panama": the place left, on what is withdrawn
            recipients = [s for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                          for o in c.children if o.dep_ == "pobj"
                          for s in af.prep_objects(o, {"from"}) if s not in actors]
        if not recipients and e.type == "ASSAULT" and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during"):
            # "three soldiers were killed and 11 injured in a Russian airstrike": the victims
            harmed = tok.head.head
            for v in (harmed, *harmed.conjuncts):
                recipients += [s for s in af.passive_subject(v) if s not in recipients and s not in actors]
        if tok.dep_ == "compound" and not recipients:
            # "arrest warrants for two Brazilian men", "aid shipments to Gaza"
            recipients = [s for s in af.prep_objects(tok.head, preps | {"for", "to", "against"}) if s not in actors]
        # the verb governing the noun: "held talks", "launched attacks", "gave the Ivory Coast
        # $5m of aid", "launched a mediation effort between", "return to Geneva for talks"
        if not actors and tok.lemma_.lower() in MEETING_NOUNS | VISIT_NOUNS and tok.dep_ == "pobj" and (
                tok.head.lower_ in ("at", "during", "in") and tok.head.head.pos_ in ("VERB", "AUX")):
            # "During talks with Putin, Erdogan called for ...", "Moon said in a call with Trump": the
            # one who speaks there talks; "the two leaders gathered in an impromptu meeting": both
            speakers = [s for s in af.subject(tok.head.head) if s not in recipients]
            if recipients or len({s.ref.code for s in speakers}) >= 2:
                actors = speakers
        if not actors and tok.lemma_.lower() in MEETING_NOUNS | MEETING_NAMES and tok.dep_ == "nsubj" \
                and _convenes(tok.head):
            # "Talks in Vienna brought together ministers from Austria, Croatia and Hungary": those
            # it brought together met, the first named with the others
            met: list[MentionSpan] = []
            for o in af.objects(tok.head):
                for i in range(o.left_edge.i, o.right_edge.i + 1):
                    s = af.by_tok.get(i)
                    if s is not None and s.ref.code and not _is_place(s, tok.doc) and all(
                            m.ref.code != s.ref.code for m in met):
                        met.append(s)
            if len(met) >= 2:
                actors, recipients = met[:1], met[1:]
        if not actors:
            # "the tariffs that China placed on American ginseng": the relative clause's subject
            for v in tok.children:
                if v.dep_ == "relcl" and v.lemma_.lower() in LIGHT_VERBS | IMPOSING_VERBS and not any(
                        c.dep_ in ("dobj", "obj") and c.tag_ not in ("WDT", "WP") for c in v.children):
                    actors = af.subject(v)
                    recipients += [s for o in prep_pobjs(v, ("on", "against", "to")) for s in af.actors_within(o, 2)
                                   if s not in recipients and s not in actors]
        verb, slot = _governing_verb(tok)
        if verb is not None and not noun_agent_found(actors, tok):
            # (not "called the shooting a terrorist act": a label, not a call)
            labelled = any(c.dep_ in ("oprd", "xcomp", "attr") for c in verb.children)
            v_actors = af.subject(verb) if (slot == "object" and verb.lemma_.lower() in LIGHT_VERBS
                                            and not labelled) or (
                slot == "purpose" and not any(c.dep_ == "nsubjpass" for c in verb.children)) else []
            if slot == "readiness":
                v_actors = af.subject(verb) or af.passive_subject(verb)
            if slot == "engaged":
                v_actors = af.subject(verb) or [s for c in verb.children if c.dep_ == "nsubjpass"
                                                for s in af.actors_at(c)]
                # "engaged Filipino peacekeepers in a firefight": the object is the other side
                recipients += [s for o in af.objects(verb) for s in af.actors_at(o) if s not in recipients]
            if v_actors:
                if actors:          # "a mediation effort between X and Y": X and Y are the recipients
                    recipients = [s for s in actors + recipients if s not in v_actors]
                actors = v_actors
                recipients += [s for s in af.prep_objects(verb, preps) if s not in recipients and s not in actors]
                recipients += [s for c in verb.children if c.dep_ == "dative" for s in af.actors_at(c)
                               if s not in recipients and s not in actors]
        return Candidate(e, tok, actors, recipients)

    # ------------------------------------------------------------------ main
    def extract(self, doc, spans: list[MentionSpan], article: Article, quotes: list | None = None) -> list[Event]:
        """``quotes``: the article's quotes, whose known speakers speak the sentences inside them."""
        af = ArgumentFinder(doc, spans, self._agent_words)
        voiced = [(q.start, q.end, q.speaker) for q in quotes or () if q.kind == "direct"
                  and q.speaker is not None and q.speaker.code]
        events: list[Event] = []
        venues: list[Location] = []      # "the meeting took place in Rome"
        consumed: set[int] = set()        # nouns used as light-verb objects
        governors: dict[int, Candidate] = {}   # pledge/demand/refusal/threat/accusation words
        words = rules.rule_words()
        for sent in doc.sents:
            sent_events: list[Event] = []
            voice = next((MentionSpan(sp, sent.start, sent.start + 1, sent.start) for a, b, sp in voiced
                          if a <= (sent.start_char + sent.end_char) // 2 <= b), None)
            ruled = (rules.coercive_orders(sent, af, words) + rules.criticism(sent, af, words)
                     + rules.speech_demands(sent, af, voice) + rules.reductions(sent, af, words)
                     + rules.wishes(sent, af, voice) + rules.stances(sent, af, words)
                     + rules.blame_judgements(sent, af, words)
                     + rules.voiced_criticism(sent, af, words, voice, lambda t: bool(self._entries(t))))
            ruled_triggers = set()
            for entry, trig, actors, recipients in ruled:
                ev = self._event(Candidate(entry, trig, actors, recipients), doc, sent, article, af)
                if ev is not None:
                    ev.extractor = entry.source
                    sent_events.append(ev)
                    if entry.type in ("SANCTION", "ACCUSE") and "criticism-voiced" not in entry.source:
                        # (voiced criticism only hangs on the main verb, whose own event stands:
                        # "the US wantonly seized the equipment" is a seizure and its criticism)
                        ruled_triggers.add(trig.i)
                        if "reduce-cooperation" in entry.source:
                            # the cooperation noun is what is cut, not an event of its own
                            ruled_triggers |= {c.i for c in trig.subtree if c.lemma_.lower() in words.cooperation_nouns}
            for tok in sent:
                if tok.i in consumed or tok.i in ruled_triggers:
                    continue
                entries = self._entries(tok)
                if not entries:
                    continue
                # (a predicate adjective found with the verbs: "is opposed to")
                is_verb = tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB") or entries[0].pos == "verb"
                if not is_verb and tok.dep_ in ("dobj", "obj") and tok.head.i != tok.i:
                    # a noun that another trigger already uses as its light-verb object
                    head_entries = self._entries(tok.head)
                    if any(tok.lemma_.lower() in he.objects for he in head_entries):
                        continue
                if not is_verb and tok.dep_ == "compound" and (tok.head.lemma_.lower() in INSTRUMENT_HEADS
                                                               or tok.head.i in consumed or self._entries(tok.head)):
                    continue      # "invasion forces", "attack helicopters"; "arrest warrants": the head's event
                if is_verb and self._protest_purpose(tok):
                    entries = [e for e in entries if e.type != "REQUEST"]
                for e in entries:
                    cand = (self._verb_candidate if is_verb else self._noun_candidate)(tok, e, af)
                    if cand is None:
                        continue
                    if tok.i not in governors and e.type in GOVERNING_TYPES:
                        governors[tok.i] = cand
                    if not is_verb and e.type == "CONSULT" and not cand.actors:
                        loc = self._location(tok.head if tok.dep_ in ("nsubj", "nsubjpass") else tok, sent, [], [])
                        if loc is not None:
                            venues.append(loc)
                    ev = self._event(cand, doc, sent, article, af)
                    if ev is not None:
                        sent_events.append(ev)
                        if e.objects:
                            for o in tok.children:
                                if o.lemma_.lower() in e.objects:
                                    consumed.add(o.i)
                                elif o.dep_ in ("dobj", "obj") and o.lemma_.lower() in COUNTED_OBJECT_HEADS:
                                    consumed |= {p.i for p in prep_pobjs(o, ("of",)) if p.lemma_.lower() in e.objects}
                        break
            if not sent_events:
                ev = self._classified(sent, doc, article, af)
                if ev is not None:
                    sent_events.append(ev)
            sent_events = _fold_subject_nouns(_reciprocals(sent_events), doc)
            embedded = self._conditions(self._embedding(sent_events, doc, governors, sent, article, af), doc, af)
            events += embedded + self._claims(embedded, doc, af)
        # an event is coded between two sides, as the dyadic coders (PETRARCH, ICEWS) do: one whose
        # target was not found ("the army deployed air defence systems") is left out, except an act
        # an actor does on its own (resigning, surrendering, protesting) and an appeal to all
        # ("Guterres called for a global ceasefire")
        events = [ev for ev in _dedupe(self._intentions(_visits_apart(_answer_accusations(events)), doc, voiced))
                  if not _strangers_only(ev) and (ev.recipients or ev.type in SELF_DIRECTED_TYPES | {"REQUEST"})]
        self._place_events(events, venues, article)
        for ev in events:
            ev.actors, ev.recipients = self._home_states(ev.actors), self._home_states(ev.recipients)
        return events

    def _listed_parties(self, trig, doc) -> list[MentionSpan]:
        """The parties a meeting is named after, written with hyphens: "the China-Japan-ROK
        meeting", "the third China-Afghanistan-Pakistan trilateral dialogue"."""
        nouns = [trig] + [o for o in trig.children if o.dep_ in ("dobj", "obj", "nsubjpass", "nsubj")
                          and o.lemma_.lower() in MEETING_NOUNS | MEETING_NAMES]
        out: list[MentionSpan] = []
        for n in nouns:
            for t in doc[n.left_edge.i:n.i]:
                if not (t.i > 0 and doc[t.i - 1].text == "-" or t.i + 1 < len(doc) and doc[t.i + 1].text == "-"):
                    continue
                for kind, key in self.kb.lookup(t.text):
                    code = key if kind == "state" else self.kb.entities[key].code if kind == "igo" else None
                    if code and code not in {s.ref.code for s in out}:
                        ref = ActorRef(name=self.kb.country_name(code) or t.text, code=code, sector=None,
                                       kb_id=key, text=t.text, start=t.idx, end=t.idx + len(t), kind=kind,
                                       method="named-meeting", score=0.7)
                        out.append(MentionSpan(ref, t.i, t.i + 1, t.i))
                        break
            if out:
                break
        return out

    def _home_states(self, side: list[ActorRef]) -> list[ActorRef]:
        """An armed group is listed with the state it is based in, as CAMEO and PLOVER code a
        group with its country ("Hezbollah" is also LBN), and an organ or mission of an
        organisation with that organisation (UNIFIL is also the UN's, AMISOM the African
        Union's).  The added entry says which actor it stands beside (``via``), so it can be told
        apart from a state or organisation acting itself.  The gold standards keep the state
        even when it is the other side ("Hezbollah declared a ceasefire in south Lebanon" is
        LBN's too)."""
        out = list(side)
        for r in side:
            code = r.code or ""
            ent = self.kb.entities.get(r.kb_id or code) if code.startswith(("NSA:", "IGO:")) else None
            if ent is None:
                continue
            if code.startswith("NSA:") and ent.country and not any(x.code == ent.country for x in out):
                out.append(ActorRef(name=self.kb.country_name(ent.country), code=ent.country, sector=r.sector,
                                    kb_id=ent.country, text=r.text, start=r.start, end=r.end, kind="state",
                                    method="home-state", score=r.score, via=r.code))
            parent = self.kb.entities.get(ent.parent or "") if code.startswith("IGO:") else None
            if parent is not None and not any(x.code == parent.code for x in out):
                out.append(ActorRef(name=parent.name, code=parent.code, sector=parent.sector, kb_id=parent.key,
                                    text=r.text, start=r.start, end=r.end, kind=parent.kind,
                                    method="parent-organisation", score=r.score, via=r.code))
        return out

    def _protest_purpose(self, tok) -> bool:
        """A demand that is the purpose of a protest ("staged demonstrations to demand reforms",
        "began a hunger strike to demand the return of ...", "rioted, demanding independence") is
        what the protest is about: one event, the PROTEST, not a separate REQUEST."""
        t = tok
        for _ in range(2):
            if t.dep_ not in ("advcl", "xcomp", "acl", "pcomp", "pobj", "prep") or t.head is t:
                return False
            t = t.head
            for h in (t, *[c for c in t.children if c.dep_ in ("dobj", "obj", "nsubj")]):
                if any(e.type == "PROTEST" for e in self._entries(h)):
                    return True
        return False

    def _classified(self, sent, doc, article: Article, af) -> Event | None:
        """The learned fallback: a sentence that names a coded actor but matched no lexicon entry
        or rule gets the event type the classifier gives it, when the classifier is confident,
        with actor and recipient found from its main predicate as for a lexicon trigger."""
        if self.classifier is None:
            return None
        if not any(sent.start <= i < sent.end and s.ref.code for i, s in af.by_tok.items()):
            return None
        trig = core_verb(sent)
        if trig is None or not (trig.pos_ in ("VERB", "AUX") or trig.tag_.startswith("VB")):
            return None
        guess = self.classifier.predict(sent)
        if guess.type == "NONE" or guess.prob < CLASSIFIER_MIN_PROB:
            return None
        if guess.type == "PROTEST" and any(c.lemma_.lower() in rules.rule_words().gatherings and c.dep_ in ("amod", "compound")
                                           for t in sent for c in t.children):
            return None     # "supporters staged an election rally"
        entry = Entry(lemma=trig.lemma_.lower(), pos="verb", type=guess.type, weight=round(0.8 * guess.prob, 3),
                      source="classifier")
        cand = self._verb_candidate(trig, entry, af)
        ev = self._event(cand, doc, sent, article, af) if cand is not None else None
        if ev is not None:
            ev.extractor = f"classifier:{guess.type.lower()}:{guess.prob:.2f}"
        return ev

    def _intentions(self, events: list[Event], doc, voiced=()) -> list[Event]:
        """What an actor will do is coded as what it commits to now, one event in place of the
        future one (PLOVER manual; CAMEO's "express intent" codes 03x and 13x): a cooperative
        action in the future tense ("the UN will provide food aid", "Turkey will allow refugees
        to return") is an AGREE; a hostile action announced by its actor ("Gbagbo announced that
        he will extend the curfew", "NATO confirmed it would tighten the blockade") is a THREATEN;
        announced plans told in the passive and announced cuts in relations stay future events;
        so does the hostile action a speaker says their own side will take ("China will take
        necessary countermeasures", answered at a press conference, is a THREATEN).
        Planned meetings and visits ("Fischer will visit Albania") stay CONSULT with status
        future, as the annotation guidelines for news ask; the PLOVER gold standard codes them
        AGREE (CAMEO 036), which costs about one match in a hundred there.  Actions that only
        may or could happen stay as they are."""
        out = []
        for ev in events:
            if ev.status != "future" or ev.type in GOVERNING_TYPES or not hasattr(ev, "_trigger_i"):
                out.append(ev)
                continue
            t = doc[ev._trigger_i]
            if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("dobj", "obj") and t.head is not t:
                t = t.head          # "will extend the curfew": the light verb carries the tense
            aux = {c.lower_ for x in (t, t.head) for c in x.children if c.dep_ in ("aux", "auxpass")}
            if aux & {"can", "could", "may", "might"} and not aux & {"will", "shall", "'ll", "would"} \
                    or t.dep_ == "xcomp" and t.head.lemma_.lower() in DECISION_VERBS:
                out.append(ev)      # "decided to allow Ouattara to run" is done, not promised
                continue
            if ev.type == "CONSULT":
                out.append(ev)      # a planned visit or meeting is a future CONSULT (guidelines for news)
                continue
            if (ev.quad_class or 0) in (1, 2):
                self._pledged(ev, " (future: intent)")
            else:
                say = t
                for _ in range(2):
                    if say.dep_ in ("ccomp", "conj") and say.head is not say:
                        say = say.head
                passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
                codes = {a.code for a in ev.actors}
                own_voice = say is t and any(a <= t.idx <= b and sp.code in codes for a, b, sp in voiced)
                if not ev.recipients or passive or not own_voice and (
                        say is t or say.lemma_.lower() not in ANNOUNCING_VERBS or ev.type == "SANCTION"):
                    # a plan told about its patient ("he will be deported after his release") and a
                    # cut in relations ("announced it would prohibit all aid") keep their type, future
                    out.append(ev)
                    continue
                self._retype(ev, "THREATEN", THREAT_CAMEO.get(ev.type, "130"),
                             " (announced: voiced)" if say is t else f" (announced: {say.lemma_.lower()})")
                ev._trigger_i = say.i
            ev.status = "asserted"
            ev.date, ev.date_precision = None, None
            out.append(ev)
        return out

    def _place_events(self, events: list[Event], venues: list[Location], article: Article) -> None:
        """Locations stated apart from the event: a meeting's venue in another sentence, or the
        article's dateline for the news of the day."""
        lead = [e for e in events if e.status == "asserted" and e.date]
        lead_date = lead[0].date if lead else article.date
        # undated news of the day happened on the lead event's date ("Separately, X also met Y")
        explicit = [e for e in lead[:3] if not getattr(e, "date_from_publication", False)
                    and e.date_precision == "day"]
        if is_transcript(article):
            explicit = []     # a press conference speaks on its own day, whatever the questions recall
        if explicit:
            lead_date = explicit[0].date
            for e in events:
                if getattr(e, "date_from_publication", False) and e.status == "asserted":
                    e.date, e.date_precision = lead_date, "day"
        lead_place = next((e for e in events if e.status == "asserted" and e.date == lead_date and e.location), None)
        for ev in events:
            if ev.location is not None or ev.status != "asserted" or ev.date != lead_date:
                continue
            if ev.type == "CONSULT" and venues:
                ev.location = venues[0]
            elif lead_place is not None and {a.code for a in lead_place.actors + lead_place.recipients} & {
                    a.code for a in ev.actors}:
                # statements made at the day's meeting share its place
                ev.location = lead_place.location
            elif article.dateline:
                pl = self.kb.place(article.dateline)
                if pl is not None:
                    ev.location = Location(pl.name, pl.country, pl.lat, pl.lon)
            if ev.type == "CONSULT" and ev.mode is None and ev.location and ev.location.country:
                if ev.location.country not in {a.code for a in ev.actors + ev.recipients}:
                    ev.mode = "third-party"
                    ev.cameo = ontology.default_cameo("CONSULT", "third-party") or ev.cameo
                    ev.goldstein = ontology.goldstein(ev.cameo) if ev.cameo else ev.goldstein

    def _embedding(self, events: list[Event], doc, governors: dict, sent, article, af) -> list[Event]:
        """An action embedded under a pledge, demand, refusal, threat or accusation is what is
        pledged, demanded, refused ... not an event of its own ("offered to negotiate",
        "urged Russia to withdraw", "accused Ukraine of shelling").  When the governing word did
        not yield an event of its own (no recipient), the embedded action supplies it: "vowed to
        recapture the island" is a THREATEN, "his accusation that the US is suppressing China" an
        ACCUSE of the US.  An action someone is "ready to" take is a pledge (AGREE)."""
        emitted = {ev._trigger_i for ev in events if hasattr(ev, "_trigger_i")}
        threats: set[int] = set()
        refusals: set[int] = set()
        out: list[Event] = []
        for ev in events:
            t = doc[ev._trigger_i] if hasattr(ev, "_trigger_i") else None
            gov = None
            g = t
            for _ in range(4):
                if g is not None and g.dep_ == "conj" and g.head.dep_ in ("xcomp", "ccomp") and g.head.pos_ == "VERB":
                    g = g.head      # "agreed to strengthen cooperation and coordinate on ...": both agreed
                if g is None or g.dep_ not in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acl", "advcl"):
                    break
                if g.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in g.children):
                    break     # "threatened to strike unless Israel rescinded ...": the condition is not threatened
                if g.dep_ == "prep" and g.lower_ in SETTING_PREPS:
                    break     # "at their meeting, Kim pledged ...": the setting is not what is pledged
                if misparsed_clause(g):
                    break     # "an official blamed Israel, however, a spokeswoman denied any knowledge"
                g = g.head
                if g.i in governors and g.i != ev._trigger_i:
                    gov = g
                    break
            if gov is not None:
                if gov.i not in emitted and ev.type == governors[gov.i].entry.type and t.head == gov \
                        and t.dep_ in ("xcomp", "advcl"):
                    # "sent experts to investigate the attack": the embedded act is the governor's own
                    out.append(ev)
                    emitted.add(gov.i)
                elif gov.i not in emitted and ev.type not in GOVERNING_TYPES:
                    new = self._governed(ev, gov, governors[gov.i], doc, sent, article, af)
                    if new is not None:
                        out.append(new)
                        emitted.add(gov.i)
                elif gov.lemma_.lower() in PLEDGE_VERBS and ev.type == "REJECT" and ev.status != "negated":
                    refusals.add(gov.i)     # "vowed to defy the decision": a rejection now, not a threat
                elif gov.lemma_.lower() in PLEDGE_VERBS and (ev.quad_class or 0) in (3, 4) and ev.status != "negated":
                    threats.add(gov.i)      # "vowed to retaliate against the Netherlands": a threat, not a pledge
                elif governors[gov.i].entry.type in ("ACCUSE", "REJECT") and _presupposed(t, gov, ev, af):
                    out.append(ev)          # "opposes the US imposition of tariffs": the tariffs were imposed
                continue
            wish = _desire_head(t) if t is not None else None
            if wish is not None:
                # "Obama wants Putin to attack Switzerland", "we hope the two sides will settle their
                # differences": wished for, not done; wishing it of another is asking it of them
                # ("the US wants Israel to withdraw": REQUEST), once for all the wishes of one verb
                who = [s for s in af.subject(wish) if s.ref.code] if wish.lemma_.lower() in REQUEST_WISHES else []
                if who and ev.actors and not {s.ref.code for s in who} & {a.code for a in ev.actors} and (
                        wish.i not in emitted):
                    new = _derived(ev, "req0")
                    # asked of the actor, and of both parties to a meeting or a deal
                    both = ev.type in ("CONSULT", "AGREE", "COOPERATE")
                    new.actors = _refs(who)
                    askers = {a.code for a in new.actors}
                    # (and of every subject of the wished action: "hopes India and Pakistan will improve ties")
                    doers = ev.actors + (ev.recipients if both else []) + _refs(af.subject(t))
                    new.recipients = list({r.code: r for r in doers if r.code not in askers}.values())
                    new.status, new.location = "asserted", None
                    self._retype(new, "REQUEST", "100", f" (wanted: {wish.lemma_.lower()})")
                    new._trigger_i = wish.i
                    emitted.add(wish.i)
                    out.append(new)
                continue
            want = _intent_head(t, ev.type) if t is not None and ev.type not in GOVERNING_TYPES else None
            if want is not None:
                # "is ready to send troops", "wants to help Israel", "is willing to send material
                # to help defend Saudi Arabia": a pledge; "wants to attack Switzerland": a threat;
                # "the US must be ready to mediate" is demanded of the US (the speech-demand rule
                # codes that), not pledged by it
                cop = want.head if want.dep_ in ("acomp", "amod") else want
                if any(c.dep_ == "aux" and c.lower_ in ("must", "should", "ought") for c in cop.children):
                    continue
                if (ev.quad_class or 0) in (3, 4):
                    self._retype(ev, "THREATEN", THREAT_CAMEO.get(ev.type, "130"), " (intent: " + want.lower_ + ")")
                else:
                    self._pledged(ev, " (intent: " + want.lower_ + ")")
                if ev.status in ("future", "hypothetical"):
                    ev.status = "asserted"
                _dated_today(ev, article)       # "stands ready to work with Italy": pledged today
            elif t is not None:
                self._conditional_threat(ev, t)
            out.append(ev)
        for ev in out:
            if ev.type == "AGREE" and getattr(ev, "_trigger_i", None) in threats:
                self._retype(ev, "THREATEN", "130", " (pledged hostile act)")
            elif ev.type == "AGREE" and getattr(ev, "_trigger_i", None) in refusals:
                self._retype(ev, "REJECT", "120", " (pledged rejection)")
        return out

    def _conditions(self, events: list[Event], doc, af) -> list[Event]:
        """Conditions are not events.  "Iran threatened to launch an offensive unless Baghdad
        accepted its conditions", "promised to defend the island if it was invaded by China": what
        the "if"/"unless" clause supposes did not happen, so it yields no event when the sentence
        has one outside it; and whoever must act (or refrain) for the condition to hold is the
        one threatened.  "In the event of a Chinese attack", "in case of war" suppose an event too."""
        inside = [ev for ev in events if hasattr(ev, "_trigger_i") and (
            any(is_condition(t) for t in (doc[ev._trigger_i], *doc[ev._trigger_i].ancestors))
            or _supposed(doc[ev._trigger_i]))]
        outside = [ev for ev in events if ev not in inside]
        for ev in outside:
            if ev.type != "THREATEN" or not hasattr(ev, "_trigger_i"):
                continue
            own = {a.code for a in ev.actors}
            if ev.recipients and not {r.code for r in ev.recipients} <= own:
                continue
            who = _condition_party(doc[ev._trigger_i], own, af)
            if who:
                ev.recipients = _refs(who)
        return outside

    def _claims(self, events: list[Event], doc, af) -> list[Event]:
        """A claim that another actor used force is an accusation: "the US said Iraq had attacked
        Kuwait" is also an ACCUSE of Iraq by the US (the attack keeps its own event)."""
        out = []
        for ev in events:
            if ev.type not in ("ASSAULT", "COERCE") or not hasattr(ev, "_trigger_i"):
                continue
            t = doc[ev._trigger_i]
            if t.dep_ != "ccomp" or t.head.lemma_.lower() not in CLAIM_VERBS or t.head.i > t.i:
                continue      # "..., officials said" after the news reports it, it does not claim it
            # (a news agency reporting it tells the news, it does not accuse: "Reuters reports that")
            speakers = [sp for sp in af.subject(t.head) if sp.ref.code and sp.ref.sector != "MED"]
            targets = {a.code for a in ev.actors}
            if not speakers or {sp.ref.code for sp in speakers} & targets:
                continue
            new = _derived(ev, "clm0")
            new.actors, new.recipients = _refs(speakers), list(ev.actors)
            new.status = "asserted"
            new.location = None
            self._retype(new, "ACCUSE", "112", f" (claim: {t.head.lemma_.lower()})")
            new._trigger_i = t.head.i
            out.append(new)
        return out

    def _conditional_threat(self, ev: Event, t) -> None:
        """A hostile action an actor says it will or may take on a condition ("will withdraw its
        force unless ...", "may halt mediation if ...") is a threat, and is retyped.  Unconditional
        future actions are left to `_intentions`."""
        if ev.status not in ("future", "hypothetical") or ev.type in GOVERNING_TYPES:
            return
        if t.pos_ == "NOUN" and t.dep_ in ("dobj", "obj"):
            t = t.head      # "we will take forceful measures if ...": the verb bears the condition
        aux = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
        if not aux & {"will", "would", "may", "might", "shall", "'ll", "could"}:
            return
        if ev.recipients and (ev.quad_class in (3, 4) or ev.type == "RETREAT" and ev.mode != "resign") and any(
                is_condition(c) for c in t.children):
            # "would stand down if he were charged" offers one's own post, it threatens no one
            self._retype(ev, "THREATEN", THREAT_CAMEO.get(ev.type, "130"), " (conditional)")
            ev.status = "asserted"

    def _pledged(self, ev: Event, note: str) -> None:
        """A cooperative action promised rather than done is an AGREE.  The PLOVER manual keeps
        promised concessions as CONCEDE, but both gold standards (PLOVER GSR, PETRARCH2) code
        "is prepared to lift the ban", "will allow refugees to return", "will free prisoners" as
        AGREE, and so do we, with CAMEO's "express intent to yield" codes."""
        yield_code = YIELD_INTENT_CAMEO.get((ev.cameo or "")[:3], "035") if ev.type in ("RETREAT", "CONCEDE") else None
        self._retype(ev, "AGREE", yield_code or INTENT_CAMEO.get(ev.type, "030"), note)

    def _retype(self, ev: Event, type_: str, cameo: str, note: str) -> None:
        ev.type, ev.mode, ev.cameo = type_, None, cameo
        ev.goldstein = ontology.goldstein(cameo)
        ev.intensity = ontology.intensity(type_)
        ev.quad_class = ontology.quad_class(type_)
        ev.extractor += note

    def _governed(self, ev: Event, gov, cand: Candidate, doc, sent, article, af) -> Event | None:
        """The event of a governing word, built from the action it governs."""
        gtype = cand.entry.type
        scale_down = False
        if gtype in ("AGREE", "THREATEN"):
            # "promised to end joint military exercises": a pledge to scale down (0356), not a threat
            scale_down = ev.status == "negated" and (ev.quad_class or 0) in (3, 4) and cand.entry.type == "AGREE"
            gtype = "AGREE" if (ev.quad_class or 0) in (1, 2) or scale_down else "THREATEN"
        g_actors = [s for s in cand.actors if s.ref.code]
        e_actor_codes = {a.code for a in ev.actors}
        if g_actors and {s.ref.code for s in g_actors} != e_actor_codes:
            # "urged Russia to withdraw", "accused the US of suppressing China": the doer is the target
            target_refs = ev.actors
        else:
            target_refs = ev.recipients
        if not g_actors and gtype in ("REQUEST", "ACCUSE", "REJECT"):
            return None     # "faces pressure from Congress to help Iran", "a tunnel defying Israel's blockade"
        if not g_actors:
            g_actors_refs = ev.actors if target_refs is ev.recipients else []
        else:
            g_actors_refs = [s.ref for s in g_actors]
        if g_actors_refs and not target_refs and gtype in ("REJECT", "AGREE") and ev.type in SELF_DIRECTED_TYPES \
                and g_actors_refs[0].code and ":" not in g_actors_refs[0].code:
            # "declined to resign", "agreed to step down": a refusal or pledge about one's own
            # conduct is directed at the actor's own country
            own = g_actors_refs[0]
            target_refs = [replace(own, name=own.code, kb_id=own.code, kind="state", role=None,
                                   method="self-directed", score=0.5)]
        if g_actors_refs and not target_refs and gtype == "THREATEN":
            # "threatened to launch an offensive unless Baghdad accepted ...": the one who must yield
            target_refs = _refs(_condition_party(gov, {r.code for r in g_actors_refs}, af))
        if not g_actors_refs or not target_refs:
            return None
        new = _derived(ev, "gov0")
        new.actors, new.recipients = list(g_actors_refs), list(target_refs)
        new.trigger = gov.text
        refused = gtype == "REJECT" and ev.status == "negated"     # "declined to resign" did decline
        new.status = "asserted" if ev.status in ("future", "hypothetical") or refused or scale_down else ev.status
        cameo = cand.entry.cameo if cand.entry.type == gtype else ontology.default_cameo(gtype)
        if scale_down:
            cameo = "0356"
        new.extractor = cand.entry.name
        self._retype(new, gtype, cameo or ontology.default_cameo(gtype), f" (governing {ev.type.lower()})")
        new._trigger_i = gov.i
        new.date_from_publication = getattr(ev, "date_from_publication", False)
        if new.status == "asserted":
            _dated_today(new, article)      # "vowed to retake the city": the vow is of the day of the news
        return new

    # ------------------------------------------------------------------ building events
    def _event(self, c: Candidate, doc, sent, article: Article, af) -> Event | None:
        e = c.entry
        if e.type == "ASSAULT":
            accidents = rules.rule_words().accident_words
            if c.trigger.lemma_.lower() in accidents or c.trigger.dep_ in ("advcl", "xcomp", "conj") and (
                    c.trigger.head.lemma_.lower() in accidents):
                return None     # "a Russian plane crashed in Sinai, killing all 224 on board": an accident
            if c.trigger.dep_ == "acl" and c.trigger.lemma_.lower() in TARGETING_VERBS and any(
                    x.type != "ASSAULT" for x in self._entries(c.trigger.head)):
                return None     # "sanctions targeting Russian banks": whom the sanctions are aimed at
        actors = [s for s in c.actors if s.ref.code]
        recipients = [s for s in c.recipients if s.ref.code and s not in actors]
        if e.type == "CONSULT" and (not recipients or all(_is_place(s, doc) for s in recipients)):
            # "will host the China-Africa Summit", "the China-Japan-ROK meeting will be held in Chengdu",
            # "will attend the China-ASEAN Summit in Singapore" (the host is no party)
            parties = self._listed_parties(c.trigger, doc)
            if len(parties) >= 2:
                own = {s.ref.code for s in actors} or {parties[0].ref.code}
                actors = actors or [parties[0]]
                recipients = [s for s in parties if s.ref.code not in own]
            elif actors and not recipients:
                # "At the invitation of France, Wang Qishan will attend the Paris Peace Forum": the host
                own = {s.ref.code for s in actors}
                recipients = [s for s in _inviters(c.trigger, af) if s.ref.code not in own] or recipients
        if not actors:
            if not recipients and e.type == "PROTEST":
                recipients = self._protest_target(c.trigger, af, [])
            actors = self._unattributed_actor(c, sent, recipients, doc, af)
            if not actors:
                return None
            if e.mode in ("expel", "deport"):
                # "a US diplomat has been expelled from New Zealand": the state he is expelled from acts
                own = {s.ref.code for s in actors}
                recipients = [s for s in recipients if s.ref.code not in own] or recipients
            if e.type not in UNATTRIBUTED_TYPES | {"PROTEST"}:     # an arrest or charge: the state's authorities
                actors = [replace(s, ref=replace(s.ref, method="authority-default")) for s in actors]
            if not recipients and actors[0].ref.method == "location-default":
                recipients = [actors[0]]      # violence against people of the place
            elif not recipients:
                loc = self._location(c.trigger, sent, [], [])
                if loc is not None and loc.country:
                    recipients = [_place_target(loc, doc, c.trigger)]
        if not recipients and e.type == "AGREE":
            # "inked a deal to give 200m euro to Libya's government": whom the deal provides for
            recipients = _deal_parties(c.trigger, af, {s.ref.code for s in actors})
        if not recipients and e.type not in ("CONSULT", "AGREE", "COOPERATE"):
            # "mobilized reservists for a possible war against Iraq"
            a_codes0 = {s.ref.code for s in actors}
            recipients = [s for s in af.against(c.trigger) if s.ref.code and s.ref.code not in a_codes0]
        if not recipients and e.type in ("ACCUSE", "REJECT", "REQUEST") and any(
                o.lower_ in ("it", "this", "that") for o in af.objects(c.trigger)):
            # "The bill is a gross interference in China's affairs. China firmly opposes it.": the
            # foreign party the sentences before spoke of
            recipients = _party_before(c.trigger, af, {s.ref.code for s in actors})
        if not recipients and e.type in ("SANCTION", "COERCE", "ASSAULT") and c.trigger.dep_ in ("dobj", "obj"):
            # "If the US is bent on having its own way, we will take forceful measures": against
            # the one whose conduct is the condition
            recipients = _condition_party(c.trigger.head, {s.ref.code for s in actors}, af)
        if not recipients and e.type == "SANCTION" and RESPONSE_WORDS & {
                t.lemma_.lower() for t in (c.trigger, *c.trigger.children)}:
            # "China will take necessary retaliatory measures": against the side that provoked them
            recipients = _party_before(c.trigger, af, {s.ref.code for s in actors})
        if not recipients and e.type == "ACCUSE" and c.trigger.pos_ == "VERB":
            # "slammed the controversy as a partisan attack from Democrats": whom the label names
            mine = {_identity(a.ref) for a in actors}
            recipients = [x for p in prep_pobjs(c.trigger, ("as",)) for x in af.actors_within(p, 4)
                          if _identity(x.ref) not in mine][:1]
        if not recipients and e.type == "SANCTION" and actors and af.home and af.home not in {
                s.ref.code for s in actors} and not is_transcript(article):
            # "The United States closed its embassy" in an article about Yemen: the state it is about
            # (not in a press conference, whose most named state is the speaker's own)
            recipients = [_place_target(Location(self.kb.country_name(af.home) or af.home, af.home), doc, c.trigger,
                                        method="home-default")]
        a_codes = {s.ref.code for s in actors}
        mine = [s for s in recipients if s.ref.method == "coref:it" and s.ref.code in a_codes and s.ref.sector != "CVL"]
        if e.type in ("ASSAULT", "COERCE", "SANCTION") and mine:
            # "Azerbaijan had attacked its border posts", said Armenia: not its own posts, the other
            # side's (but "used chemical weapons against its people": its own civilians)
            recipients = [s for s in recipients if s not in mine] + [
                s for s in _party_before(c.trigger, af, a_codes) if s not in recipients]
        symmetric = e.type in ("CONSULT", "AGREE", "COOPERATE")
        a_keys = {_identity(s.ref) for s in actors}
        # a recipient of the actor's own country is kept when it is a different actor
        # ("Turkish police dispersed Turkish students"), never for two-sided types
        # (and violence in the actor's own country is against its people: "the Syrian regime has used
        # chemical weapons in Syria")
        if not any(s.ref.method in DEFAULT_ACTOR_METHODS for s in actors):
            recipients = [s for s in recipients if s.ref.code not in a_codes or _identity(s.ref) not in a_keys
                          or e.type in ("ASSAULT", "COERCE") and _is_place(s, doc)]
        if symmetric:
            # "Xi will host the China-Africa Summit": the host named in the meeting's name is no guest;
            # "the visit Heath made to China", with Heath taken for Chinese: no one visits his own state
            recipients = [s for s in recipients if s.ref.code not in a_codes or not _names_meeting(doc[s.head])
                          and not (s.ref.kind == "state" and c.trigger.lemma_.lower() in VISIT_NOUNS)]
            if any(s.ref.code not in a_codes for s in recipients):
                # "will visit the aforementioned countries" (a list that took in the visitor's own)
                recipients = [s for s in recipients if s.ref.code not in a_codes or s.ref.method != "coref:list"]
        if e.type in ("ASSAULT", "COERCE") and (e.cameo or "1")[:2] in ("17", "18") and any(
                _rioters(s, doc) for s in actors):
            # "demonstrators torched the embassy", "rioters beat a policeman": a violent protest (145);
            # protesters firing missiles are fighting (19x), not rioting
            e = replace(e, type="PROTEST", cameo="145", mode="riot")
            c = Candidate(e, c.trigger, c.actors, c.recipients, c.thing_object)
        if e.type == "COERCE" and c.trigger.lemma_.lower() == "declare" and actors and all(
                (s.ref.code or "").startswith("IGO:") for s in actors):
            return None     # "WHO did not declare a global health emergency": an alert, no state's decree
        if e.type == "PROTEST" and c.trigger.lemma_.lower() == "march" and actors and all(
                (s.ref.code or "").startswith("NSA:") or s.ref.sector in ("MIL", "REB") for s in actors if not s.ref.via):
            return None     # "the Islamic State started an aggressive march on Iraq": an advance, not a protest
        if e.type == "ASSAULT" and c.trigger.lemma_.lower() in VERBAL_ATTACK_NOUNS and _in_words(actors, recipients):
            # "Trump and other White House officials attacked Cohen": two named civilians, so words
            e = replace(e, type="ACCUSE", cameo="111", mode="disapprove", solo=False)
            c = Candidate(e, c.trigger, c.actors, c.recipients, c.thing_object)
        if e.type == "MOBILIZE" and not recipients and len({s.ref.code for s in actors}) >= 2:
            # "French and Egyptian warships launched war games": joint exercises are cooperation
            e = replace(e, type="COOPERATE", cameo="062", mode=None)
            c = Candidate(e, c.trigger, c.actors, c.recipients)
            symmetric = True
        reciprocal = len(actors) >= 2 and _reciprocal(c.trigger)
        if reciprocal:
            recipients = []     # (not "of interference in Venezuela's affairs": the sides are each other's)
        if not recipients and len(actors) >= 2 and (symmetric or e.symmetric_subject or reciprocal):
            codes = {s.ref.code for s in actors}
            sectors = {s.ref.sector for s in actors}
            if len(codes) >= 2:
                first = actors[0]
                recipients = [s for s in actors[1:] if s.ref.code != first.ref.code]
                actors = [s for s in actors if s.ref.code == first.ref.code]
            elif None not in sectors and len(sectors) >= 2 and sectors & {"OPP", "REB"}:
                # "Yanukovych and the opposition reached agreement": two sides of one country
                first = actors[0]
                recipients = [s for s in actors[1:] if s.ref.sector != first.ref.sector]
                actors = [s for s in actors if s.ref.sector == first.ref.sector]
        trig = c.trigger
        location = None
        if not recipients and e.type == "PROTEST":
            recipients = self._protest_target(trig, af, actors)
        if not recipients and e.type == "THREATEN":
            recipients = _condition_party(trig, a_codes, af)
        placed = e.type in PLACE_TARGET_TYPES or e.mode == "investigate"     # "sent inspectors to Iran"
        if not recipients and placed and not (c.thing_object and e.type not in DOMESTIC_TYPES | {"ASSAULT"}
                                              and e.mode != "investigate"):
            # no stated target: the event is directed at the place where it happens
            # ("imposed a curfew in Cizre", "demonstrated in Serbia"); protests without a
            # stated target are directed at the protesters' own government
            location = self._location(trig, sent, actors, recipients)
            target = location
            if target is None and e.pos == "noun":
                # "the annexation of Crimea", "strikes on Kharkiv" (also on the counted noun: "a
                # series of strikes on Gaza")
                counted = trig.head.head if trig.dep_ == "pobj" and trig.head.lower_ == "of" and \
                    trig.head.head.lemma_.lower() in COUNTED_OBJECT_HEADS else None
                heads = [(trig, ("of", "on", "against", "into", "in"))] + (
                    [(counted, ("on", "against"))] if counted is not None else [])
                for h, hp in heads:
                    for q in prep_pobjs(h, hp):
                        target = target or self._place(q)
            acted_on = False
            if target is None and e.pos == "verb":
                # "seized the city of Mosul", "took over the capital Sanaa": the place acted on
                for o in af.objects(trig):
                    if o.lemma_.lower() in INSTRUMENT_HEADS:
                        continue        # "sent 2,500 U.S. troops to the region": whose troops, not where
                    target = target or self._place(o) or next(
                        (p for a in o.children if a.dep_ == "appos" for p in [self._place(a)] if p), None)
                acted_on = target is not None
            if target is None and e.mode == "investigate" and trig.dep_ in ("advcl", "xcomp"):
                # "sent 21 personnel to Bosnia to investigate ...": where they were sent
                for q in prep_pobjs(trig.head, ("to", "in")):
                    target = target or self._place(q)
            if target is not None and target.country:
                recipients = [_place_target(target, doc, trig, method="place-object" if acted_on else "location")]
            elif e.type in DOMESTIC_TYPES and actors[0].ref.code and ":" not in actors[0].ref.code and not (
                    e.mode == "seize" and not af.objects(trig)):
                # (a seizure needs something seized: "the new Congress takes over in January" is no event)
                recipients = [_place_target(Location(actors[0].ref.name or "", actors[0].ref.code), doc, trig,
                                            method="protest-default")]
        if not recipients and e.type in ("SANCTION", "COERCE", "ASSAULT") and e.pos == "verb" and actors:
            # "fined a local resident", "detained local journalists": people of the place
            # ("fined a local resident 70,000 rubles" hangs the person on the sum)
            local = next((n for o in af.objects(trig) for n in (o, *o.children) if n.pos_ == "NOUN" and any(
                c.dep_ == "amod" and c.lower_ == "local" for c in n.children)), None)
            if local is not None:
                place = self._location(trig, sent, actors, [])
                code = place.country if place is not None and place.country else actors[0].ref.code
                if code and ":" not in code:
                    recipients = [_place_target(Location(place.name if place else code, code), doc, local,
                                                method="local")]
        if not recipients and e.type == "ASSAULT" and actors and actors[0].ref.code.startswith("NSA:"):
            # "following the Barcelona attack, ... a jihadist used a van to target people": the
            # attack the sentence places
            for t in sent:
                if t.dep_ == "compound" and t.pos_ == "PROPN" and t.head.lemma_.lower() in ATTACK_NOUNS:
                    loc = self._place_here(t)
                    if loc is not None and loc.country:
                        recipients = [_place_target(loc, doc, t, method="attack-place")]
                        break
        if not recipients and e.type == "ASSAULT" and actors and actors[0].ref.code:
            recipients = self._assault_default(actors[0], af, doc, trig)
        if not recipients and e.type in SPEECH_TYPES and trig.dep_ == "pcomp" and trig.head.head.pos_ == "VERB" \
                and trig.head.head.lemma_.lower() in rules.TELL:
            # "In urging denuclearization, Trump told Kim ...": urged whom he told
            told = trig.head.head
            recipients = [s for o in (*af.objects(told), *(ch for ch in told.children if ch.dep_ == "dative"))
                          for s in af.actors_at(o) if s.ref.code not in a_codes]
        if not recipients and e.type in SPEECH_TYPES:
            # "At their meeting in Singapore, Kim pledged ...": said to the other party of the meeting
            for p in prep_pobjs(trig, ("at", "during")):
                if p.lemma_.lower() in MEETING_NOUNS:
                    met = [s for pair in af.between(p) for s in pair] or af.noun_agent(p) or af.prep_objects(p, {"with"})
                    recipients = [s for s in met if s.ref.code and s.ref.code not in a_codes]
        # "Merkel rejected the accusations": rejected whoever made them ("the allegations made by
        # Sean Spicer"; else found after the article is read)
        claims = [o for o in trig.children if o.dep_ in ("dobj", "obj")
                  and o.lemma_.lower() in rules.rule_words().claim_nouns] if e.type == "REJECT" else []
        if not recipients and claims:
            recipients = [s for o in claims for s in af.actors_at(o) if s.ref.code and s.ref.code not in a_codes]
        answering = not recipients and bool(claims) and e.pos == "verb"
        if not recipients and e.type == "AGREE" and e.pos == "verb" and len(actors) == 1 \
                and actors[0].ref.kind == "igo" and e.objects:
            # "OPEC reached a consensus on production cuts": the members agreed among themselves
            recipients = list(actors)
        if not recipients and not e.solo and not answering:
            return None
        if e.type == "CONSULT" and recipients and all(s.ref.sector == "MED" for s in recipients):
            return None      # "speaks to CNN", "told the BBC": an interview, not a consultation
        if e.weight < 0.6 and c.thing_object and not any(s.ref.method not in ("location", "protest-default")
                                                        for s in recipients):
            return None       # an ambiguous verb about a thing: "struck an optimistic tone"
        future = modality(trig, e.status, None, article.date, sent) == "future"
        date, precision = self._date(trig, sent, article, future)
        status = modality(trig, e.status, date, article.date, sent)
        if not e.source.startswith("rule:") and any(
                ch.dep_ == "aux" and ch.lower_ in ("must", "should", "ought") for ch in trig.children):
            return None      # an obligation ("he must resign") is what someone demands, not an event
        if e.type == "ASSAULT" and trig.lemma_.lower() == "fire" and not e.objects and any(
                o.i in af.by_tok and af.by_tok[o.i].ref.kind == "person" for o in af.objects(trig)):
            # "Esper fired Navy Secretary Richard Spencer": a dismissal from office, not gunfire
            e = replace(e, type="SANCTION", cameo="166", mode="expel")
        if e.type == "ASSAULT" and trig.lemma_.lower() in CONTEST_WORDS and _political_contest(actors, recipients):
            return None      # "the battle between the US establishment and Trump": politics, not violence
        if e.pos == "noun" and _in_background(trig):
            return None
        if e.pos == "noun" and trig.dep_ == "attr" and any(
                ch.dep_ == "aux" and ch.lower_ in ("should", "must", "ought") for ch in trig.head.children):
            return None      # "this should be the consensus between the two countries": a norm, not an event
        if sent.text.rstrip().rstrip('"\u201d\u2019\'').endswith("?"):
            return None      # a question ("What requests is China making to the US?") asserts nothing
        if _entitlement(trig):
            return None      # "defended the right of Russian troops to fire on militants"
        if status == "negated" and e.pos == "noun" and trig.dep_ == "pobj" and trig.head.lower_ == "without":
            return None      # "the talks ended without agreement": nothing was agreed, nobody refused
        if status == "negated" and e.type == "REJECT" and trig.lemma_.lower() in ("rule", "exclude"):
            # "would not rule out military strikes against the Islamic State": a threat of them
            threatened = next((x.type for o in af.objects(trig) for x in self._entries(o)
                               if x.type in ("ASSAULT", "MOBILIZE", "SANCTION", "COERCE")), None)
            if threatened is not None:
                e = replace(e, type="THREATEN", cameo=THREAT_CAMEO[threatened], mode=None)
                status = "asserted"
        if status == "negated" and not e.status and (e.type in ("AGREE", "CONCEDE") or e.type in (
                "AID", "SUPPORT", "COOPERATE") and any(ch.dep_ == "neg" for ch in trig.children)):
            # "would not meet the hostage-takers' demands", "did not accept the plan": a refusal
            # 120 reject, 124 refuse to yield, 121 reject material cooperation
            e = replace(e, type="REJECT", cameo={"AGREE": "120", "CONCEDE": "124"}.get(e.type, "121"), mode=None)
            status = "asserted"
        if e.type == "COERCE" and e.mode == "restrict" and recipients and all(
                r.ref.sector == "BUS" and r.ref.code not in {s.ref.code for s in actors} for r in recipients):
            # "Australia banned Huawei from its 5G network": a measure against a foreign state's
            # firms is an economic sanction (163), not repression at home
            e = replace(e, type="SANCTION", cameo="163", mode="discontinue")
        if e.type == "ASSAULT" and e.objects and actors and all(
                s.ref.sector in POLICE_SECTORS and ":" not in (s.ref.code or ":") for s in actors) and any(
                o.lemma_.lower() == "raid" for o in af.objects(trig)):
            # "authorities launched six raids": a search by police (COERCE seize), not an assault
            e = replace(e, type="COERCE", cameo="1711", mode="seize")
        defaulted = False
        if date is None and status == "asserted" and article.date:
            date, precision, defaulted = article.date, "day", True
        if location is None:
            location = self._location(trig, sent, actors, recipients, light=bool(e.objects) or e.pos == "noun")
        mode = e.mode
        if e.type == "CONSULT" and mode is None:
            mode = self._consult_mode(trig, sent, actors, recipients, location)
        if location is None:
            # failing a place of its own, the place the sentence names ("were killed in fighting
            # that broke out in Mosul", "Putin's meeting with Pope Francis in Vatican City")
            location = self._sentence_place(trig, sent)
        cameo = e.cameo or ontology.default_cameo(e.type, mode)
        if e.type == "CONSULT" and mode and not e.cameo:
            cameo = ontology.default_cameo(e.type, mode)
        lo = min([trig.i] + [s.start for s in actors + recipients])
        hi = max([trig.i + 1] + [s.end for s in actors + recipients])
        ev_start, ev_end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
        conf = e.weight * min([s.ref.score for s in actors + recipients] or [1.0])
        if recipients:
            conf = min(1.0, conf + 0.1)
        eid = hashlib.sha1(f"{article.id}|{e.type}|{ev_start}|{ev_end}|{trig.i}".encode()).hexdigest()[:16]
        ev = Event(
            event_id=eid, article_id=article.id, type=e.type, mode=mode,
            contexts=[], cameo=cameo, goldstein=ontology.goldstein(cameo) if cameo else None,
            intensity=ontology.intensity(e.type, mode), quad_class=ontology.quad_class(e.type),
            actors=_refs(actors), recipients=_refs(recipients),
            date=date, date_precision=precision, location=location, status=status,
            sentence=sent.text, evidence_start=ev_start, evidence_end=ev_end, trigger=trig.text,
            confidence=round(conf, 3), extractor=e.name)
        ev.date_from_publication = defaulted
        ev._trigger_i = trig.i
        ev._reciprocal = reciprocal and not symmetric and bool(recipients)
        ev._answering = answering
        return ev

    def _assault_default(self, actor: MentionSpan, af, doc, trig) -> list[MentionSpan]:
        """Violence with no stated victim and no place: by police or a mob, against people of their
        own state ("an Indian mob killed a man", "beaten by a group of policemen"); by an armed
        group, against the state the article is about, or failing one the state it fights in
        ("the Taliban have staged a series of attacks")."""
        code = actor.ref.code
        if ":" not in code and set(actor.ref.text.lower().split()) & DOMESTIC_FORCE_WORDS:
            return [_place_target(Location(self.kb.country_name(code) or code, code), doc, trig, method="domestic-default")]
        if code.startswith("NSA:"):
            group = self.kb.entities.get(actor.ref.kb_id or code)
            state = af.home if af.home and ":" not in af.home else group.country if group is not None else None
            if state:
                return [_place_target(Location(self.kb.country_name(state) or state, state), doc, trig,
                                      method="home-default")]
        return []

    def _unattributed_actor(self, c: Candidate, sent, recipients, doc, af) -> list[MentionSpan]:
        """Violence with no stated perpetrator ("three soldiers were killed in Basra", "a car bomb
        killed a journalist in Beirut") is coded, as event-data projects do, to the country where
        it happened (not to the victims' own country); so are arrests, charges and sentences with
        no stated authority, or failing a place, to the state of the one arrested.  Accidents and
        disasters are not events."""
        e, trig = c.entry, c.trigger
        if e.type == "PROTEST":
            return self._local_protesters(trig, sent, recipients, doc, af)
        if e.type not in UNATTRIBUTED_TYPES and not (
                (trig.lemma_.lower() in STATE_ACTS or e.mode == "investigate") and trig.dep_ != "acl" and (
                    any(s.ref.kind != "state" or _of_people(s, doc) for s in recipients)
                    or trig.lemma_.lower() in STATE_ACTS and any(
                        ch.dep_ == "nsubjpass" and ch.lemma_.lower() in PEOPLE_NOUNS | {"person"} and any(
                            n.dep_ == "nummod" or n.ent_type_ == "ORDINAL" for n in ch.children)
                        for ch in trig.children))):
            # (an arrest of no one known ("a man was arrested", "they were jailed a year ago") is left
            # out, but not one of people the sentence counts: "eight people were arrested in Paris",
            # "a fourth person was arrested")
            return []
        if any(t.lemma_.lower() in rules.rule_words().accident_words for t in sent):
            return []
        passive = any(ch.dep_ in ("nsubjpass", "auxpass") for ch in trig.children) or reduced_passive(trig)
        nonagent_subject = any(ch.dep_ == "nsubj" and ch.lemma_.lower() in UNATTRIBUTED_HEADS for ch in trig.children)
        if not (passive or nonagent_subject) or e.pos != "verb" or trig.dep_ == "relcl":
            return []
        if any(ch.dep_ == "mark" and ch.lower_ in ("if", "unless", "whether") for ch in trig.children):
            return []
        if e.type in UNATTRIBUTED_TYPES and modality(trig, None, None, None, sent) in ("future", "hypothetical", "negated"):
            return []      # "they fear the suspect could be tortured in China": no act, no place to blame
        if any(ch.dep_ == "agent" for ch in trig.children) and not any(
                p.lemma_.lower() in UNATTRIBUTED_HEADS for ch in trig.children if ch.dep_ == "agent"
                for p in ch.children):
            return []      # "killed by Israeli troops" whose agent was not resolved: do not guess
        for p in [ch for ch in trig.children if ch.dep_ == "nsubj"] + prep_pobjs(trig, ("in", "by", "from")):
            # "killed in Israeli tank shelling", "a Taliban suicide blast has killed": the attack's own agent
            if p.lemma_.lower() in UNATTRIBUTED_HEADS:
                found = [a for a in af.noun_agent(p) if a.ref.code]
                if found:
                    return found
            if p.head.lower_ == "from":
                # "a mortar bomb was fired at it from the Gaza Strip": fired from there
                origin = self._place(p)
                if origin is not None and origin.country:
                    return [_place_target(origin, doc, trig, method="origin-default")]
        if e.type not in UNATTRIBUTED_TYPES:
            # "the suspect will be deported, Malaysian police said": the authority that tells of it
            say = rules.reporting_verb(trig)
            if say is not None:
                found = [s for s in af.subject(say) if s.ref.code and ":" not in s.ref.code
                         and s.ref.code not in {r.ref.code for r in recipients}]
                if found:
                    return found
        loc = self._location(trig, sent, [], recipients)
        if loc is None:
            # a place anywhere in the clauses the act belongs to or that say when it happened ("when
            # a bomb exploded in Kandahar"), not in a clause of its own ("was killed before he was
            # to board a flight to Macau")
            for t in sent:
                clause = clause_verb(t)
                if clause is not None and clause != trig and clause not in trig.ancestors and not (
                        clause.head == trig and any(m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "as", "while")
                                                    for m in clause.children)):
                    continue
                if t.dep_ == "pobj" and t.head.lower_ in ("in", "near", "outside", "at", "of", "over"):
                    loc = self._place(t)
                    if loc is not None and loc.country:
                        break
        if loc is not None and loc.country and any(
                _mission_noun(t) and t.dep_ == "pobj" and t.head.lower_ in ("in", "inside", "at", "within")
                and any(af.by_tok[c.i].ref.code not in (None, loc.country)
                        for c in list(t.children) + [g for c in t.children for g in c.children] if c.i in af.by_tok)
                for t in sent):
            # "murdered inside the Saudi consulate in Istanbul", "in the Saudi Arabia's Consulate
            # General": not the host state's doing
            return []
        if loc is not None and loc.country:
            return [_place_target(loc, doc, trig, method="location-default")]
        if trig.lemma_.lower() in STATE_ACTS and sent.start > 0:
            # "French police launched the operation ... Eight people were arrested in the raid": the
            # police of the sentence before
            before = doc[sent.start - 1].sent
            police = [s for s in af.spans if before.start <= s.start < sent.start and s.ref.sector == "COP"
                      and s.ref.code and ":" not in s.ref.code]
            if police:
                return police[-1:]
        victims = [s for s in recipients if s.ref.kind == "state" or (s.ref.code and ":" not in s.ref.code)]
        if victims and e.pos == "verb" and e.type != "ASSAULT":
            # "the Canadian was sentenced": his own state's courts (but "the Russian politician was
            # shot dead" says nothing of who shot him)
            v = victims[0].ref
            return [_place_target(Location(v.name or v.code, v.code), doc, trig, method="victim-default")]
        return []

    def _protest_target(self, trig, af, actors) -> list[MentionSpan]:
        """Whom a protest is aimed at, from the demand it makes: "rioted, demanding independence
        from Indonesian rule", "staged rallies to demand reforms by Suharto's government"."""
        verb = trig
        if trig.pos_ not in ("VERB", "AUX"):
            verb, _slot = _governing_verb(trig)
            if verb is None:
                return []
        purposes, frontier = [], [verb] if verb is trig else [verb, trig]
        for _ in range(3):       # "rioted ..., joining demonstrators in demanding ..."
            nxt = []
            for t in frontier:
                for ch in t.children:
                    if ch.dep_ in ("advcl", "xcomp", "acl", "pcomp"):
                        nxt.append(ch)
                    elif ch.dep_ == "prep" and ch.lower_ in ("in", "by"):
                        # "in demanding ...", "in protest of ..."
                        nxt += [g for g in ch.children if g.dep_ in ("pcomp", "pobj")]
            purposes += nxt
            frontier = nxt
        for pv in purposes:
            if not any(e.type in ("REQUEST", "PROTEST", "REJECT") for e in self._entries(pv)):
                continue
            found = []
            # "demanding independence from Indonesian rule", "to protest against Sweden's decision"
            for o in af.objects(pv) + prep_pobjs(pv, ("against", "of", "over")):
                found += [s for s in af.actors_within(o, 4) if s not in actors and s not in found]
            if found:
                return found
        return []

    def _local_protesters(self, trig, sent, recipients, doc, af) -> list[MentionSpan]:
        """Protesters named only as people ("prisoners rioted at a jail in Dili", "thousands of
        students staged demonstrations") are people of the place where they protest."""
        verb = trig
        if in_state(trig):
            verb = trig.head.head       # "doctors have been on strike since May"
        elif trig.pos_ not in ("VERB", "AUX"):
            if _occurs(trig):
                # "there have been violent demonstrations in the suburbs of Paris", "protests
                # erupted in Tunis": no one named, the people of the place
                # ("protests rocked Paris": the place struck)
                places = [t for t in trig.subtree if t.dep_ == "pobj"] + (
                    af.objects(trig.head) if trig.dep_ == "nsubj" else [])
                loc = self._location(trig, sent, [], recipients) or next(
                    (p for t in places for p in [self._place(t)] if p and p.country), None)
                return [_place_target(loc, doc, trig, method="location-default")] if loc and loc.country else []
            verb, slot = _governing_verb(trig)
            if verb is None or slot != "object":
                return []
        subj = [ch for ch in verb.children if ch.dep_ == "nsubj"]
        if not subj and verb.dep_ == "acl":
            subj = [verb.head]      # "Hundreds of students protested in Manila" read as a noun phrase
        if not subj:
            return []
        head = subj[0]
        for _ in range(2):      # "tens of thousands of students": the counted noun
            if head.lemma_.lower() not in COLLECTIVE_NOUNS:
                break
            inner = prep_pobjs(head, ("of",))
            if not inner:
                break
            head = inner[0]
        ethnic = any(c.lower_ == "ethnic" for c in head.children) or any(
            c.lower_ == "ethnic" for c in head.doc[max(head.left_edge.i, head.i - 3):head.i])
        # (whoever is on strike is a group of people: "meat-sellers have gone on strike")
        grouped = ethnic or (in_state(trig) and head.tag_ == "NNS")
        if (head.lemma_.lower() not in GROUP_NOUNS | COLLECTIVE_NOUNS and not grouped) or head.pos_ == "PRON":
            return []
        loc = self._location(verb, sent, [], recipients)
        if loc is None or not loc.country:
            for t in head.subtree:          # "students throughout Indonesia"
                if t.dep_ == "pobj":
                    loc = self._place(t)
                    if loc is not None and loc.country:
                        break
        if loc is None or not loc.country:
            # no place stated: people protesting against a state's decision are taken to be
            # its people ("ethnic Turks began a hunger strike to protest against Sweden's decision")
            state = next((r.ref.code for r in recipients if r.ref.code and len(r.ref.code) == 3), None)
            if state is None and head.tag_ == "NNS" and head.lemma_.lower() not in FOREIGN_PRONE:
                state = af.home     # "State hospital doctors have been on strike since Feb. 15"
            if state is None:
                return []
            loc = Location(self.kb.country_name(state) or state, state)
        return [_place_target(loc, doc, trig, method="location-default")]

    def _date(self, trig, sent, article: Article, future: bool = False) -> tuple[str | None, str | None]:
        best = None
        for ent in sent.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            d, p = resolve_date(ent.text, article.date, future)
            if d is None:
                continue
            if ent.root.dep_ in ("compound", "nummod", "amod", "poss") and ent.root.head != trig \
                    and ent.root.head.pos_ in ("NOUN", "PROPN"):
                continue      # "the 2012 terror attack", "the 2011 uprising": the date of another thing
            # prefer dates attached to the trigger's clause, then the nearest
            attached = any(t == trig or trig in t.ancestors or t.head == trig or t.head.head == trig
                           for t in ent)
            # (or to the verb the trigger hangs from: "came on the back of a telephone conversation
            # between Trump and Erdogan, on Tuesday")
            in_clause = ent.root.head == trig or ent.root.head.head == trig or trig in ent.root.ancestors or (
                trig.pos_ in ("NOUN", "PROPN") and ent.root.head == clause_verb(trig))
            dist = min(abs(t.i - trig.i) for t in ent)
            key = (0 if attached or in_clause else 1, dist)
            if best is None or key < best[0]:
                best = (key, d, p)
        if best is None:
            return None, None
        if best[0][0] == 1 and best[0][1] > 12:
            return None, None
        return best[1], best[2]

    def _location(self, trig, sent, actors, recipients, light: bool = True) -> Location | None:
        # "in Rome", "at the State Department", "in the Italian capital, Rome"
        # prepositions attached to the trigger, to the verbs governing it, or to its object
        # noun ("held talks in Washington"); not those inside an argument ("abuses in China")
        heads = {trig.i}
        t = trig
        for _ in range(2):
            if t.dep_ in ("xcomp", "conj", "ccomp", "dobj", "nsubj", "nsubjpass", "pobj") and t.head is not t:
                t = t.head if t.dep_ != "pobj" else t.head.head
                heads.add(t.i)
        if light:
            heads |= {c.i for c in trig.children if c.dep_ in ("dobj", "obj", "attr") and c.pos_ == "NOUN"}
        # "killed in Israeli tank shelling in the east of the Gaza Strip" (shelling parsed as a clause)
        heads |= {c.i for c in trig.children if c.dep_ == "advcl" and c.lemma_.lower() in UNATTRIBUTED_HEADS}
        cands = []
        for tok in sent:
            if tok.dep_ != "prep" or tok.lower_ not in PLACE_PREPS or tok.head.i not in heads:
                continue
            for p in tok.children:
                if p.dep_ != "pobj":
                    continue
                for t in [p, *[c for c in p.children if c.dep_ == "appos"], *p.conjuncts]:
                    loc = self._place(t)
                    if loc:
                        cands.append((abs(t.i - trig.i), loc))
        if not cands:
            # a visit happens where the visitor goes: "will visit Italy", "a visit to Singapore",
            # "will travel to France to attend ..."
            goes = [sent.doc[i] for i in sorted(heads) if sent.doc[i].lemma_.lower() in DESTINATION_WORDS]
            goes += [h for h in (trig.head,) if trig.dep_ == "advcl" and h.lemma_.lower() in DESTINATION_WORDS]
            for g in goes:
                visited = [c for c in g.children if c.dep_ == "dobj"] if g.lemma_.lower() == "visit" else []
                for q in [*prep_pobjs(g, ("to",)), *visited]:
                    loc = self._place(q)
                    if loc:
                        return loc
            return None
        cands.sort(key=lambda x: x[0])
        return cands[0][1]

    def _sentence_place(self, trig, sent) -> Location | None:
        """The place named by "in", "at", "near" ... anywhere in the sentence, nearest the trigger."""
        cands = [(abs(p.i - trig.i), loc) for tok in sent if tok.dep_ == "prep" and tok.lower_ in PLACE_PREPS
                 for p in tok.children if p.dep_ == "pobj" for loc in [self._place(p)] if loc is not None]
        return min(cands, key=lambda x: x[0])[1] if cands else None

    def _place(self, t, depth: int = 0) -> Location | None:
        loc = self._place_here(t)
        if loc is None and depth < 2:
            # "in the town of Cizre in southeastern Turkey"
            for p in prep_pobjs(t, ("in", "of", "near")):
                loc = self._place(p, depth + 1)
                if loc is not None:
                    return loc
        return loc

    def _place_here(self, t) -> Location | None:
        if _mission_noun(t):
            return None     # an embassy is abroad: "outside the Chinese embassy in Manila"
        span = t.doc[t.left_edge.i:t.i + 1] if t.left_edge.i >= t.i - 4 else t.doc[t.i:t.i + 1]
        cands = [span.text, " ".join(x.text for x in span if x.dep_ == "compound" or x == t), t.text]
        if t.lemma_.lower() in FACILITY_NOUNS:
            # "at Kuala Lumpur International Airport", "outside the Sinjar prison": the place it is in
            names = [x.text for x in span if x.pos_ == "PROPN" and x.i < t.i]
            cands += [" ".join(names[:k]) for k in range(len(names), 0, -1)]
        for cand in cands:
            k = norm(cand)
            k = k.removeprefix("the ")
            pl = self.kb.places.get(k)
            if pl is not None:
                return Location(pl.name, pl.country, pl.lat, pl.lon)
            if k in self.kb.metonyms:
                code, _ = self.kb.metonyms[k]
                cap = (self.kb.countries.get(code) or {}).get("capital") or {}
                if cap.get("name"):
                    return Location(cap["name"], code, cap.get("lat"), cap.get("lon"))
            for kind, key in self.kb.names.get(k, []):
                if kind == "state":
                    c = self.kb.countries.get(key) or {}
                    return Location(c.get("name", key), key, None, None)
                if kind == "body":
                    code = self.kb.entities[key].code
                    cap = (self.kb.countries.get(code) or {}).get("capital") or {}
                    if cap.get("name"):
                        return Location(cap["name"], code, cap.get("lat"), cap.get("lon"))
        return None

    def _consult_mode(self, trig, sent, actors, recipients, location) -> str | None:
        words = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
        near = {t.lemma_.lower() for t in trig.subtree} | {t.lemma_.lower() for t in trig.children}
        for s in actors + recipients:
            near |= {w.lower() for w in s.ref.text.split()}
        negated_call = any(c.dep_ in ("prt", "prep") and c.lower_ == "off" for c in trig.children)
        if not negated_call and (near & {"phone", "telephone", "video", "videoconference"}
                                 or trig.lemma_.lower() in ("phone", "telephone")):
            return "phone"
        if "summit" in words and len({s.ref.code for s in actors + recipients}) > 2:
            return "multilateral"
        if (near & VISIT_WORDS) or trig.lemma_.lower() in VISIT_WORDS:
            return "visit"
        if location and location.country:
            codes = {s.ref.code for s in actors + recipients}
            if location.country not in codes:
                return "third-party"
        return None


def noun_agent_found(actors, tok) -> bool:
    """True when the noun's own phrase named its agent ("Iran's attacks", "US support")."""
    return bool(actors) and not any(c.dep_ == "prep" and c.lower_ in ("between", "among") for c in tok.children) \
        and not (tok.dep_ == "compound" and any(c.lower_ in ("between", "among") for c in tok.head.children))


def _political_contest(actors: list[MentionSpan], recipients: list[MentionSpan]) -> bool:
    """A fight within one state between parties none of which bears arms (government, parties,
    courts, media, business, civilians): a figure of speech for a political contest."""
    sides = actors + recipients
    codes = {s.ref.code for s in sides}
    return bool(recipients) and len(codes) == 1 and ":" not in next(iter(codes)) and all(
        s.ref.sector not in ARMED_SECTORS and s.ref.kind != "nsa" for s in sides)


def _desire_head(t):
    """The verb of wishing an action depends on when someone else is to do it: "wants Putin to
    attack", "hope that the two sides will continue to demonstrate goodwill and meet each other
    halfway" (through conjoined and aspectual verbs); None for one's own wish ("hopes to visit")."""
    g, subject = t, False
    for _ in range(5):
        subject = subject or any(c.dep_ == "nsubj" for c in g.children)
        if g.dep_ == "conj":
            g = g.head
            continue
        if g.dep_ not in ("ccomp", "xcomp"):
            return None
        if g.head.lemma_.lower() in DESIRE_VERBS:
            return g.head if subject else None
        g = g.head
    return None


def _rioters(s: MentionSpan, doc) -> bool:
    """Whether a mention names protesters ("a Ukrainian protestor") or modifies them ("Ukrainian rioters")."""
    last = doc[s.end - 1]
    return last.lemma_.lower() in PROTESTER_NOUNS or (
        last.dep_ in ("amod", "compound", "nmod") and last.head.lemma_.lower() in PROTESTER_NOUNS)


def _dated_today(ev: Event, article: Article) -> None:
    """An undated event said to be so in the news of the day has the publication date."""
    if ev.date is None and article.date:
        ev.date, ev.date_precision, ev.date_from_publication = article.date, "day", True


def _party_before(trig, af, own: set, sentences: int = 3) -> list[MentionSpan]:
    """The last state or organisation other than ``own`` named as a subject (failing that, named
    at all) in the sentence of ``trig`` before it or in the few sentences before."""
    doc = trig.doc
    start = trig.sent.start
    for _ in range(sentences):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    found = [s for s in set(af.by_tok.values()) if start <= s.start and s.end <= trig.i
             and s.ref.kind in ("state", "igo", "nsa", "body", "agent") and s.ref.code and s.ref.code not in own
             and s.ref.sector != "MED"       # ("Reuters reports that ...": who tells, not a party)
             and not (doc[s.head].dep_ in ("compound", "amod", "poss")       # not "Hong Kong affairs"
                      and doc[s.head].head.lemma_.lower() in rules.TOPIC_NOUNS)]
    # (one that acted, the subject of its clause, before one merely named)
    acting = [s for s in found if doc[s.head].dep_ in ("nsubj", "nsubjpass")]
    return [max(acting or found, key=lambda s: s.end)] if found else []


def _deal_parties(trig, af, own: set) -> list[MentionSpan]:
    """The parties an agreement provides for, named in its terms: "inked a deal to give 200m euro
    to Libya's government", "signed an agreement to supply Iran with missiles"."""
    deals = [trig] if trig.lemma_.lower() in COMMITMENT_NOUNS else [
        o for o in af.objects(trig) if o.lemma_.lower() in COMMITMENT_NOUNS]
    terms = [v for d in deals for v in d.children if v.dep_ == "acl" and v.pos_ == "VERB"]
    if deals and deals[0] is not trig:
        # ("inked a deal to give ...", the purpose hung on the verb)
        terms += [v for v in trig.children if v.dep_ == "advcl" and v.pos_ == "VERB"
                  and any(a.dep_ == "aux" and a.lower_ == "to" for a in v.children)]
    return [s for v in terms for h in (v, *af.objects(v))
            for s in af.prep_objects(h, {"to", "with", "for"}) + [
                x for ch in h.children if ch.dep_ == "dative" for x in af.actors_at(ch)]
            if s.ref.code and s.ref.code not in own][:2]


def _in_words(actors, recipients) -> bool:
    """Both sides of an attack are named persons outside armed forces and armed groups: a
    politician attacks another in words."""
    civilian = ARMED_SECTORS - {None}
    return bool(actors and recipients) and all(
        s.ref.kind in ("person", "agent") and s.ref.sector not in ARMED_SECTORS for s in actors) and all(
        s.ref.kind == "person" and s.ref.sector not in civilian for s in recipients)


def _is_place(s: MentionSpan, doc) -> bool:
    """A mention that stands as the place of something ("in Singapore", "in Chengdu")."""
    t = doc[s.head]
    return t.dep_ == "pobj" and t.head.lower_ in ("in", "at")


def _subject_lemmas(verb) -> set[str]:
    """The lemmas of a verb's subject, through a counted noun ("thousands of protesters") and from
    the first of two joined verbs ("protesters marched and gathered")."""
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subj and verb.dep_ == "conj":
        subj = [c for c in verb.head.children if c.dep_ == "nsubj"]
    found = set()
    for head in subj:
        found.add(head.lemma_.lower())
        if head.lemma_.lower() in COLLECTIVE_NOUNS:
            found |= {p.lemma_.lower() for p in prep_pobjs(head, ("of",))}
    return found


def _governing_verb(tok):
    """The verb a nominal trigger depends on, and how: as (part of) its object ("held talks",
    "gave $5m of aid", "launched a mediation effort") or as its purpose ("returned for talks")."""
    t = tok
    if t.dep_ == "compound":
        t = t.head
    for _ in range(3):
        if t.dep_ in ("dobj", "obj", "dative") and t.head.pos_ in ("VERB", "AUX"):
            return t.head, "object"
        if t.dep_ == "pobj" and t.head.dep_ == "prep":
            p = t.head
            if p.lower_ in ("for", "to") and p.head.pos_ in ("VERB", "AUX") and p.head.lemma_.lower() in MOTION_VERBS:
                return p.head, "purpose"
            if p.lower_ == "in" and p.head.lemma_.lower() in ENGAGE_VERBS:
                return p.head, "engaged"
            if p.lower_ == "on" and t is tok and t.lemma_.lower() in READINESS_NOUNS and p.head.pos_ in ("VERB", "AUX"):
                return p.head, "readiness"     # "troops remained on alert", "put its army on standby"
            if p.lower_ == "of" and p.head.dep_ in ("dobj", "obj"):
                t = p.head
                continue
        break
    return None, None


def _occurs(tok) -> bool:
    """A nominal event said only to take place: "there have been demonstrations in Paris",
    "protests erupted in Tunis"."""
    if tok.dep_ == "attr" and any(c.dep_ == "expl" for c in tok.head.children):
        return True
    return tok.dep_ == "nsubj" and tok.head.lemma_.lower() in OCCURRENCE_VERBS


def _entitlement(tok) -> bool:
    """A verb that only completes a noun of ability or entitlement ("the right to fire",
    "the capacity to strike", "the need to negotiate") states no event."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    if tok.dep_ == "acl":
        return tok.head.lemma_.lower() in ENTITLEMENT_NOUNS
    # "would not give permission to Russia to help Israel", parsed with the verb on "give"
    return tok.dep_ in ("advcl", "xcomp") and any(
        o.dep_ in ("dobj", "obj") and o.lemma_.lower() in ENTITLEMENT_NOUNS for o in tok.head.children)


def _supposed(tok) -> bool:
    """A noun supposed, not reported: "in the event of a Chinese attack", "in case of an invasion"."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "of":
        return False
    frame = tok.head.head
    return frame.lower_ in ("event", "case") and frame.dep_ == "pobj" and frame.head.lower_ == "in"


def _condition_party(trig, own: set, af) -> list[MentionSpan]:
    """The actor of an "if"/"unless" clause attached to a trigger or to the action it governs
    ("unless Baghdad accepted", "if it was invaded by China"), other than the trigger's own actor."""
    for t in (trig, *[x for x in trig.children if x.dep_ in ("xcomp", "ccomp")]):
        for cl in t.children:
            if not is_condition(cl):
                continue
            agent = [p for c in cl.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            subj = [c for c in cl.children if c.dep_ in ("nsubj", "nsubjpass")]
            who = [s for x in (agent or subj) for s in af.actors_at(x) if s.ref.code and s.ref.code not in own]
            if who:
                return who
    return []


def _noun_clauses(n) -> list:
    """Verbs of the clauses that complete a noun: "an invitation to attend ...", "a formula
    for ending ...", "a plan to withdraw ..."."""
    out = [c for c in n.children if c.dep_ == "acl" and c.pos_ in ("VERB", "AUX")]
    out += [g for c in n.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "on")
            for g in c.children if g.dep_ == "pcomp" and g.pos_ in ("VERB", "AUX")]
    return out


def _intent_head(t, type_: str):
    """The word of intent an action is the aim of: "ready to send troops", "wants to help",
    "willing to send material to help defend ..." (through purpose clauses, up to three verbs)."""
    g = t
    while g.dep_ == "conj" and g.head.pos_ in ("VERB", "AUX") and g.head.i < g.i:
        g = g.head      # "ready to strengthen dialogue and deepen cooperation"
    for _ in range(3):
        if g.dep_ not in ("xcomp", "advcl") or g.head is g or g.dep_ == "advcl" and not any(
                m.dep_ == "aux" and m.lower_ == "to" for m in g.children):
            return None
        g = g.head
        lemma = g.lemma_.lower()
        if lemma in INTENT_ADJECTIVES or lemma in INTENT_VERBS and type_ != "CONSULT":
            return g
    return None


def _aimed_at(noun, af) -> list[MentionSpan]:
    """Whom a nominal event is aimed at, named by a participle: "sanctions targeting Russian
    banks", "the reimposition of sanctions affecting Iran's automobile sector", "a campaign aimed
    at Iran"."""
    nouns = [noun] + ([noun.head.head] if noun.dep_ == "pobj" and noun.head.lower_ == "of" else [])
    return [s for n in nouns for v in n.children if v.dep_ == "acl" and v.lemma_.lower() in TARGETING_VERBS
            for o in af.objects(v) + prep_pobjs(v, ("at",)) for s in af.actors_within(o, 3)]


def _inviters(trig, af: ArgumentFinder) -> list[MentionSpan]:
    """Who invited the actor to what the trigger names ("At the invitation of X, Y will visit ...")."""
    v = trig.head if trig.dep_ in ("dobj", "obj") and trig.pos_ == "NOUN" else trig
    for p in prep_pobjs(v, ("at", "on", "upon")):
        if p.lemma_.lower() == "invitation":
            found = [s for o in prep_pobjs(p, ("of", "from")) for s in af.actors_at(o)]
            if found and p.i < v.i:
                # the list of hosts may run on past the phrase the parser gave it ("of the
                # governments of Kenya, the Federal Republic of Nigeria and Sierra Leone, ...")
                end = min((s.start for s in af.subject(v) if s.start > p.i), default=v.i)
                found += [s for i, s in sorted(af.by_tok.items()) if p.right_edge.i < i < end
                          and s.ref.kind in ("state", "agent") and s.ref.code and s not in found]
            return found
    return []


def _crowd_count(n) -> bool:
    """Whether a number counts a crowd rather than a delegation ("three million", "233,224")."""
    if n.lower_ in ("hundred", "hundreds", "thousand", "thousands", "million", "millions"):
        return True
    digits = n.text.replace(",", "")
    return digits.isdigit() and int(digits) >= 100


def _mission_noun(t) -> bool:
    """An embassy or consulate ("the Consulate General")."""
    return t.lemma_.lower() in ("embassy", "consulate") or (
        t.lower_ == "general" and any(c.lemma_.lower() == "consulate" for c in t.children))


def _reciprocal(trig) -> bool:
    """Whether a verb is done to "each other" or "one another" ("accused each other of interference")."""
    objs = [c for c in trig.children if c.dep_ in ("dobj", "obj")] + prep_pobjs(trig, ("with", "against", "to", "at"))
    return any((o.lower_ == "other" and any(d.lower_ == "each" for d in o.children))
               or (o.lower_ == "another" and any(d.lower_ == "one" for d in o.children))
               or (o.lower_ == "one" and any(d.lower_ == "another" for d in o.children)) for o in objs)


def _reciprocals(events: list[Event]) -> list[Event]:
    """Each side of an act done to each other is an event of its own ("the United States and
    Russia accused each other": two accusations)."""
    out = []
    for ev in events:
        out.append(ev)
        if getattr(ev, "_reciprocal", False):
            mirror = _derived(replace(ev, actors=ev.recipients, recipients=ev.actors), "rc")
            mirror.__dict__.update({k: v for k, v in ev.__dict__.items() if k.startswith("_")
                                    or k == "date_from_publication"})
            out.append(mirror)
    return out


def _derived(ev: Event, tag: str) -> Event:
    """A copy of an event for a second reading of the same words (a pledge, a threat, a claim),
    with its own id."""
    return replace(ev, event_id=ev.event_id[:12] + tag)


def _interfered_in(s: MentionSpan, doc) -> bool:
    """A place whose affairs are interfered in ("opposes any foreign interference in Hong Kong
    affairs"): the one interfered with, not the one the stance is taken against."""
    t = doc[s.head]
    if t.dep_ in ("compound", "poss") and t.head.lemma_.lower() in rules.TOPIC_NOUNS:
        t = t.head
    return t.dep_ == "pobj" and t.head.lower_ == "in" and t.head.head.lemma_.lower() in INTERFERENCE_WORDS


def _convenes(verb) -> bool:
    """A verb by which a meeting brings its parties together ("brought together", "gathered")."""
    words = rules.rule_words().convening
    lemma = verb.lemma_.lower()
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod") and c.lower_ == "together"}
    return lemma in words or any(f"{lemma} {p}" in words for p in particles)


def _names_meeting(tok) -> bool:
    """A word in a meeting's name: "China" in "the China-Africa Summit"."""
    for _ in range(3):
        if tok.dep_ not in ("compound", "nmod", "amod", "appos") or tok.head == tok:
            return False
        tok = tok.head
        if tok.lemma_.lower() in MEETING_NOUNS | MEETING_NAMES:
            return True
    return False


def _presupposed(t, gov, ev: Event, af: ArgumentFinder) -> bool:
    """Whether an act named as the object of a criticism or a rejection is one its own actor has
    done ("condemned Israel's airstrike on Gaza", "opposes the US imposition of tariffs"), as
    against one only proposed or imputed ("opposes sanctions against Iran", "accused Ukraine of
    shelling"): a noun whose doer is named inside its own phrase, someone other than the critic."""
    if t.pos_ != "NOUN" or ev.status != "asserted" or not ev.actors:
        return False
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in DOING_OF_NOUNS:
        t = t.head.head             # "the US imposition of tariffs"
    if not (t.head == gov and t.dep_ in ("dobj", "obj") or t.dep_ == "pobj" and t.head.head == gov):
        return False
    if not any(c.dep_ in ("poss", "compound", "amod") and c.i in af.by_tok for c in t.children):
        return False
    critics = {s.ref.code for s in af.subject(gov)}
    return bool(critics) and not critics & {a.code for a in ev.actors}


def _fold_subject_nouns(events: list[Event], doc) -> list[Event]:
    """"An attack by Kataib Hezbollah on a base killed an American contractor": the attack and the
    killing are one event, told by the verb; "approved a grant to Sudan" is the grant, told by
    the noun."""
    verbs = {ev._trigger_i: ev.type for ev in events if hasattr(ev, "_trigger_i")}
    out = []
    for ev in events:
        t = doc[ev._trigger_i] if hasattr(ev, "_trigger_i") else None
        if t is not None and t.pos_ in ("NOUN", "PROPN") and t.dep_ == "nsubj" and verbs.get(t.head.i) == ev.type:
            continue
        if t is not None and ev.type == "SUPPORT" and t.pos_ == "VERB" and t.lemma_.lower() in LIGHT_VERBS and any(
                o.dep_ in ("dobj", "obj") and o.i in verbs for o in t.children):
            continue        # "approved a grant to ...": the grant, not an endorsement
        out.append(ev)
    return out


def _of_people(s: MentionSpan, doc) -> bool:
    """A state named as the people's: "two Chinese nationals", "the North Korean suspect"."""
    head = doc[s.head]
    return head.dep_ in ("amod", "compound") and head.head.lemma_.lower() in PEOPLE_NOUNS


def _visits_apart(events: list[Event]) -> list[Event]:
    """A trip to several states (or to an organisation's seat and a state: "will visit the EU
    Headquarters and Slovenia") is one visit to each ("Wang Yi will visit Pakistan and Nepal"),
    while a meeting of several parties stays one event."""
    out = []
    for ev in events:
        hosts = [r for r in ev.recipients if r.code and (len(r.code) == 3 and r.code.isupper()
                                                         or r.code.startswith("IGO:"))]
        if ev.type != "CONSULT" or ev.mode != "visit" or len(hosts) < 2 or len(hosts) != len(ev.recipients):
            out.append(ev)
            continue
        for k, host in enumerate(hosts):
            one = ev if k == 0 else _derived(ev, f"v{k}")
            one.recipients = [host]
            if one.location is not None and one.location.country not in (None, host.code):
                one.location = None
            out.append(one)
    return out


def _answer_accusations(events: list[Event]) -> list[Event]:
    """A rejection of accusations that does not say whose ("Merkel called the accusations
    absurd") answers the last accusation made before it against the rejecting side; with none,
    it is dropped."""
    out = []
    for i, ev in enumerate(events):
        if getattr(ev, "_answering", False):
            own = {a.code for a in ev.actors}
            accusation = next((a for a in reversed(events[:i]) if a.type == "ACCUSE"
                               and own & {r.code for r in a.recipients}
                               and not own & {x.code for x in a.actors}), None)
            if accusation is None:
                continue
            ev.recipients = [replace(r, method="accuser") for r in accusation.actors]
        out.append(ev)
    return out


def _in_background(tok) -> bool:
    """A noun inside an "after ..."/"since ..."/"amid ..." phrase (up to two noun levels up)."""
    t = tok
    for _ in range(3):
        if t.dep_ == "pobj" and t.head.lower_ in BACKGROUND_PREPS:
            return True
        if t.dep_ not in ("pobj", "compound", "nmod") or t.head is t:
            return False
        t = t.head if t.dep_ != "pobj" else t.head.head
    return False


def _place_target(loc: Location, doc, trig, method: str = "location") -> MentionSpan:
    """The state where an event happens, as its recipient when no target is stated."""
    ref = ActorRef(name=loc.name, code=loc.country, sector=None, kb_id=loc.country, text=trig.text,
                   start=trig.idx, end=trig.idx + len(trig), kind="state", method=method, score=0.6)
    return MentionSpan(ref, trig.i, trig.i + 1, trig.i)


def _strangers_only(ev: Event) -> bool:
    """An event between people the knowledge base does not know, placed in the article's home
    state only by default ("the footballer assaulted a man", "Bradley sued Stokes"), with no
    political actor on either side: not political, not coded."""
    def stranger(r: ActorRef) -> bool:
        return (r.method or "").endswith("+home-state") or r.method in (
            "location", "location-default", "origin-default", "victim-default", "protest-default", "place-object")
    return any((a.method or "").endswith("+home-state") for a in ev.actors + ev.recipients) and all(
        stranger(r) for r in ev.actors + ev.recipients)


def _identity(ref: ActorRef) -> tuple:
    return (ref.code, ref.kb_id or ref.name, ref.sector)


def _refs(spans: list[MentionSpan]) -> list[ActorRef]:
    """The actors of one side, without repeating the same actor."""
    out, seen = [], set()
    for s in spans:
        key = (s.ref.code, s.ref.kb_id or s.ref.name)
        if key not in seen:
            seen.add(key)
            out.append(s.ref)
    return out


def _other_people(a: Event, b: Event) -> bool:
    """Whether two events of the same sides are between different people ("Paris prosecutors put
    Fillon under investigation" and "opened a probe into his rival Emmanuel Macron")."""
    for side_a, side_b in ((a.actors, b.actors), (a.recipients, b.recipients)):
        pa = {x.kb_id or x.name for x in side_a if x.kind == "person" and not x.via}
        pb = {x.kb_id or x.name for x in side_b if x.kind == "person" and not x.via}
        if pa and pb and not pa & pb:
            return True
    return False


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per real-world interaction per article: mentions with the same type, sides and
    status are merged when their dates agree or one of them only has the publication date.
    The first mention is kept (news leads with the main fact), completed with the other's
    explicit date and place."""
    out: list[Event] = []
    for ev in events:
        a = frozenset(x.code for x in ev.actors)
        r = frozenset(x.code for x in ev.recipients)
        # two-sided events: the same parties, however the sentence split them into sides
        sides = a | r if ev.type in ("CONSULT", "AGREE", "COOPERATE") else (a, r)
        ev._key = (ev.type, sides, ev.status)
        # (a visit and a phone call between the same sides are two interactions)
        same = next((p for p in out if p._key == ev._key and (
            p.date == ev.date or getattr(p, "date_from_publication", False)
            or getattr(ev, "date_from_publication", False))
            and not ({p.mode, ev.mode} == {"visit", "phone"}) and not _other_people(p, ev)), None)
        if same is None:
            # "put its army on high alert along the border with India": the verb and its noun
            # say one thing; the reading that found the recipient is kept
            half = next((i for i, p in enumerate(out) if p.type == ev.type and p.status == ev.status
                         and p.sentence == ev.sentence and frozenset(x.code for x in p.actors) == a
                         and bool(p.recipients) != bool(ev.recipients)), None)
            if half is None:
                out.append(ev)
            elif not out[half].recipients:
                out[half] = ev
            continue
        if getattr(same, "date_from_publication", False) and not getattr(ev, "date_from_publication", False):
            same.date, same.date_precision, same.date_from_publication = ev.date, ev.date_precision, False
        if same.location is None and ev.location is not None:
            same.location = ev.location
        if same.mode is None and ev.mode is not None:
            same.mode = ev.mode
        same.confidence = max(same.confidence, ev.confidence)
    return out
