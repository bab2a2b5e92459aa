"""Press-conference transcripts: answers belong to the spokesperson named in the title, and
"we" in them is the spokesperson's government."""
from communique.model import Article

TEXT = """Foreign Minister Wang Yi will visit Egypt next week.

Q: The US said it would impose new tariffs on Chinese goods. What is your comment?

A: We firmly oppose the US decision. We urge the US side to correct its mistake.

Q: Any update on the talks?

A: I have nothing to offer at the moment."""


def test_answers_are_the_spokespersons(pipeline):
    art = Article(id="mfa-1", text=TEXT, date="2021-03-01",
                  title="Foreign Ministry Spokesperson Wang Wenbin's Regular Press Conference on March 1, 2021")
    res = pipeline.process(art)
    answers = [q for q in res.quotes if q.cue == "press conference"]
    texts = [q.text for q in answers]
    assert any(t.startswith("We firmly oppose the US decision") for t in texts)
    assert not any(t.startswith("The US said") for t in texts)          # questions are not the spokesperson's
    assert all(q.speaker.name == "Wang Wenbin" and q.speaker.code == "CHN" for q in answers)
    # "we" in an answer is China
    req = [e for e in res.events if e.type == "REQUEST"]
    assert req and [a.code for a in req[0].actors] == ["CHN"] and [a.code for a in req[0].recipients] == ["USA"]
    rej = [e for e in res.events if e.type == "REJECT"]
    assert rej and [a.code for a in rej[0].actors] == ["CHN"]


def test_we_in_a_direct_quote_is_the_speakers_country(extract):
    res = extract('"We will never accept this interference," Russian Foreign Minister Sergei Lavrov said of the '
                  'EU sanctions.', date="2022-03-01")
    we = [m for m in res.mentions if m.actor.text == "We"]
    assert we and we[0].actor.code == "RUS"


def test_ordinary_article_is_not_a_transcript(extract):
    res = extract("We met the minister on Monday.", date="2022-03-01")
    assert not any(q.cue == "press conference" for q in res.quotes)
