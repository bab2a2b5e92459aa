import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


@pytest.fixture(scope="session")
def shared():
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED.resolve()


@pytest.fixture(scope="session")
def pipeline():
    from communique.pipeline import Pipeline
    return Pipeline()


@pytest.fixture(scope="session")
def nlp(pipeline):
    return pipeline.nlp


@pytest.fixture(scope="session")
def extract(pipeline):
    """Run the pipeline on one text; returns the ArticleResult."""
    from communique.model import Article

    def run(text, date="2024-01-13", title=None, id="t"):
        return pipeline.process(Article(id=id, text=text, date=date, title=title))
    return run


os.environ.setdefault("TQDM_DISABLE", "1")
