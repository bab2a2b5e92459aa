"""Small helpers over spaCy dependency parses, shared by the actor and event stages."""
from __future__ import annotations


def clause_verb(tok):
    """The nearest verb (or auxiliary) above a token: the head of the clause it is part of."""
    return next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
