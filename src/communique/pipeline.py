"""Wiring the stages: article -> spaCy doc -> actor mentions -> events and quotes -> result.

``Pipeline`` loads the spaCy model, the knowledge base and the lexicon once; ``process`` and
``process_many`` turn ``Article`` records into ``ArticleResult`` records.  Nothing here knows
about SQL or the command line.
"""
from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Iterable, Iterator

from .actors.kb import get_kb
from .actors.mentions import MentionFinder
from .events.extract import EventExtractor
from .events.lexicon import get_lexicon
from .model import Article, ArticleResult, Mention
from .nlp.loader import get_nlp
from .quotes import transcript
from .quotes.extract import QuoteExtractor
from .topics.tagger import get_tagger

log = logging.getLogger(__name__)

MAX_CHARS = 200_000   # longer texts are cut (spaCy's parser memory grows with length)


class Pipeline:
    def __init__(self, model: str | None = None):
        self.nlp = get_nlp(model)
        self.kb = get_kb()
        self.mentions = MentionFinder(self.kb)
        self.events = EventExtractor(self.kb, get_lexicon())
        self.quotes = QuoteExtractor()
        self.topics = get_tagger()

    def _analyse(self, article: Article, doc) -> ArticleResult:
        """One article's result; an unexpected failure on one article is reported on the result
        (``error``) instead of stopping the batch."""
        try:
            return self._analyse_doc(article, doc)
        except Exception as e:  # noqa: BLE001 - one bad article must not stop a batch
            log.warning("extraction failed on %s: %s", article.id, e)
            return ArticleResult(article, error=f"extraction failed: {type(e).__name__}: {e}")

    def _analyse_doc(self, article: Article, doc) -> ArticleResult:
        speaker = transcript.spokesperson(article, self.mentions) if transcript.is_transcript(article) else None
        # a government's own transcript is about that government's business: its home state
        spans = self.mentions.find(doc, article.date, home=speaker.code if speaker is not None else None)
        quotes = self.quotes.extract(doc, spans, article)
        if speaker is not None:
            quotes += transcript.transcript_quotes(article, speaker, doc.text)
        # "we" in the spokesperson's answers and in direct quotes is the speaker's government
        we = transcript.first_person_spans(doc, spans, quotes, article, self.mentions, speaker)
        if we:
            spans = sorted(spans + we, key=lambda s: s.start)
        events = self.events.extract(doc, spans, article, quotes)
        for q in quotes:
            # the events a quote supports: those whose evidence lies in the quoted words
            q.event_ids = [ev.event_id for ev in events if ev.evidence_start < q.end and ev.evidence_end > q.start]
        sents = list(doc.sents)
        sent_spans = [(s.start_char, s.end_char) for s in sents]
        sent_topics = self.topics.tag_spans(doc.text, sent_spans)
        char_starts = [a for a, _ in sent_spans]
        for ev in events:
            k = bisect_right(char_starts, ev.evidence_start) - 1
            found = list(sent_topics[k]) if k >= 0 else self.topics.tag(ev.sentence)
            # PLOVER contexts are the "context:" topics; the rest are issue topics
            ev.contexts = [t.split(":", 1)[1] for t in found if t.startswith("context:")]
            ev.topics = [t for t in found if not t.startswith("context:")]
        topics = self.topics.tag(doc.text)
        starts = [s.start for s in sents]
        mentions = [Mention(article.id, s.ref, sentence=bisect_right(starts, s.start) - 1) for s in spans]
        sentence_topics = [{"start": a, "end": b, "topics": t} for (a, b), t in zip(sent_spans, sent_topics) if t]
        return ArticleResult(article, mentions, events, quotes, topics, sentence_topics=sentence_topics)

    def process(self, article: Article) -> ArticleResult:
        return self._analyse(article, self.nlp(article.body[:MAX_CHARS]))

    def process_many(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[ArticleResult]:
        """Results in input order; spaCy batches the parsing."""
        def texts():
            for a in articles:
                yield a.body[:MAX_CHARS], a
        for doc, art in self.nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
            yield self._analyse(art, doc)
