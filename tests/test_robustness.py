"""A failure inside extraction on one article is reported and the batch goes on."""
from communique.model import Article


def test_failure_on_one_article_does_not_stop_the_batch(pipeline, monkeypatch):
    arts = [Article(id="ok1", text="Russia accused Ukraine of shelling the plant.", date="2022-08-10"),
            Article(id="boom", text="China urged Japan to show restraint.", date="2022-08-10"),
            Article(id="ok2", text="Iran accused Israel of attacking its embassy.", date="2022-08-10")]
    real = pipeline.events.extract

    def flaky(doc, spans, article, quotes=None):
        if article.id == "boom":
            raise ValueError("simulated failure")
        return real(doc, spans, article, quotes)

    monkeypatch.setattr(pipeline.events, "extract", flaky)
    results = list(pipeline.process_many(arts))
    assert [r.article.id for r in results] == ["ok1", "boom", "ok2"]
    assert results[1].error and "simulated failure" in results[1].error and results[1].events == []
    assert results[0].events and results[2].events and results[0].error is None


def test_empty_and_odd_texts(extract):
    for text in ["", " ", "\n\n\n", "“”", "..." * 50, "A" * 5000, "日本政府は抗議した。"]:
        res = extract(text)
        assert res.error is None
