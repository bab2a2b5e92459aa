"""Cross-article event fusion on hand-built records (no NLP involved)."""
import json

from communique.fusion.events import fuse_events, is_symmetric
from communique.model import ActorRef, Article, ArticleResult, Event, Location


def ref(code, name=None):
    return ActorRef(name=name or code, code=code)


def ev(eid, aid, type_, actors, recipients, date, precision="day", status="asserted", mode=None,
       location=None, goldstein=None, confidence=0.5):
    return Event(event_id=eid, article_id=aid, type=type_, mode=mode,
                 actors=[ref(c) for c in actors], recipients=[ref(c) for c in recipients],
                 date=date, date_precision=precision if date else None, status=status,
                 location=location, goldstein=goldstein, confidence=confidence,
                 sentence=f"sentence of {eid}")


def result(aid, source, events, date="2024-01-13"):
    return ArticleResult(article=Article(id=aid, text="...", date=date, source=source), events=events)


BEIJING = Location("Beijing", "CHN", 39.9, 116.4)


def blinken_wang():
    """Three outlets on one Blinken-Wang meeting (one a day off, one with the sides swapped),
    a second mention of it in the first article, and an unrelated Russian attack on Ukraine."""
    return [
        result("reuters-1", "Reuters", [
            ev("r1", "reuters-1", "CONSULT", ["USA"], ["CHN"], "2024-01-12", mode="visit",
               location=BEIJING, goldstein=1.9, confidence=0.8),
            ev("r2", "reuters-1", "CONSULT", ["USA"], ["CHN"], "2024-01-12", mode="visit",
               goldstein=1.9, confidence=0.6),
        ]),
        result("xinhua-7", "Xinhua", [
            ev("x1", "xinhua-7", "CONSULT", ["CHN"], ["USA"], "2024-01-12", mode="visit",
               location=BEIJING, goldstein=1.9, confidence=0.7),
        ]),
        result("ap-3", "AP", [
            ev("a1", "ap-3", "CONSULT", ["USA"], ["CHN"], "2024-01-13", mode="third-party",
               location=BEIJING, goldstein=1.0, confidence=0.5),
            ev("a2", "ap-3", "ATTACK", ["RUS"], ["UKR"], "2024-01-12",
               location=Location("Kharkiv", "UKR"), goldstein=-10.0),
        ]),
    ]


def by_member(clusters, event_id):
    return next(c for c in clusters if event_id in c.event_ids)


def test_same_meeting_merges_and_unrelated_event_stays_apart():
    clusters = fuse_events(blinken_wang())
    assert len(clusters) == 2
    meeting = by_member(clusters, "r1")
    assert sorted(meeting.event_ids) == ["a1", "r1", "r2", "x1"]
    attack = by_member(clusters, "a2")
    assert attack.event_ids == ["a2"] and attack.type == "ATTACK"
    assert attack.num_articles == 1 and attack.num_sources == 1


def test_counts_follow_gdelt_mentions_articles_sources():
    meeting = by_member(fuse_events(blinken_wang()), "r1")
    assert meeting.num_mentions == 4          # Reuters mentions it twice
    assert meeting.num_articles == 3
    assert meeting.num_sources == 3
    assert meeting.article_ids == ["ap-3", "reuters-1", "xinhua-7"]
    assert {m.source for m in meeting.members} == {"Reuters", "Xinhua", "AP"}


def test_date_conflict_is_recorded_with_provenance():
    meeting = by_member(fuse_events(blinken_wang()), "r1")
    assert meeting.date == "2024-01-12" and meeting.date_precision == "day"
    assert meeting.date_support == 3
    values = {c.value: c for c in meeting.conflicts["date"]}
    assert set(values) == {"2024-01-12", "2024-01-13"}
    assert values["2024-01-13"].article_ids == ["ap-3"] and values["2024-01-13"].sources == ["AP"]
    assert values["2024-01-12"].article_ids == ["reuters-1", "xinhua-7"]
    assert values["2024-01-12"].mentions == 3
    # the majority mode wins and the minority one is kept as a conflict with its article
    assert meeting.mode == "visit"
    modes = {c.value: c.article_ids for c in meeting.conflicts["mode"]}
    assert modes == {"visit": ["reuters-1", "xinhua-7"], "third-party": ["ap-3"]}
    assert "status" not in meeting.conflicts and "location" not in meeting.conflicts
    assert meeting.location["name"] == "Beijing"


def test_symmetric_type_is_order_free_and_oriented_by_majority():
    assert is_symmetric("CONSULT") and not is_symmetric("ACCUSE")
    meeting = by_member(fuse_events(blinken_wang()), "x1")   # Xinhua reports CHN meets USA
    assert "x1" in meeting.event_ids
    assert meeting.actor_codes == ["USA"] and meeting.recipient_codes == ["CHN"]
    assert meeting.goldstein == round((1.9 * 3 + 1.0) / 4, 2)
    assert 0.8 < meeting.confidence < 1.0


def test_directed_type_keeps_order():
    results = [
        result("a", "A", [ev("e1", "a", "ACCUSE", ["USA"], ["CHN"], "2024-01-12")]),
        result("b", "B", [ev("e2", "b", "ACCUSE", ["CHN"], ["USA"], "2024-01-12")]),
        result("c", "C", [ev("e3", "c", "ACCUSE", ["USA"], ["CHN"], "2024-01-12")]),
    ]
    clusters = fuse_events(results)
    assert sorted(sorted(c.event_ids) for c in clusters) == [["e1", "e3"], ["e2"]]
    c = by_member(clusters, "e2")
    assert c.actor_codes == ["CHN"] and c.recipient_codes == ["USA"]


def test_date_windows_by_precision_and_status():
    results = [
        result("a", "A", [ev("d1", "a", "CONSULT", ["USA"], ["CHN"], "2024-01-12")]),
        result("b", "B", [ev("d2", "b", "CONSULT", ["USA"], ["CHN"], "2024-01-15")]),   # 3 days later
        result("c", "C", [ev("m1", "c", "CONSULT", ["USA"], ["CHN"], "2024-01", "month")]),
        result("d", "D", [ev("m2", "d", "CONSULT", ["USA"], ["CHN"], "2024-02", "month")]),
        result("e", "E", [ev("f1", "e", "CONSULT", ["USA"], ["CHN"], "2024-01-13", status="future")]),
        result("f", "F", [ev("u1", "f", "CONSULT", ["USA"], ["CHN"], None)]),
    ]
    clusters = fuse_events(results)
    groups = sorted(sorted(c.event_ids) for c in clusters)
    # three days apart: two events; a future meeting a day off is not the reported one;
    # the month mention joins the first January cluster; February and the undated stay alone
    assert groups == [["d1", "m1"], ["d2"], ["f1"], ["m2"], ["u1"]]
    assert "date" not in by_member(clusters, "m1").conflicts   # 2024-01 contains 2024-01-12


def test_undated_and_one_sided_mentions_join_only_inside_their_story():
    results = [
        result("a", "A", [ev("d1", "a", "CONSULT", ["USA"], ["CHN"], "2024-01-12")]),
        result("b", "B", [ev("u1", "b", "CONSULT", ["USA"], ["CHN"], None)]),
        result("c", "C", [ev("o1", "c", "CONSULT", ["USA"], [], "2024-01-12")]),
    ]
    alone = sorted(sorted(c.event_ids) for c in fuse_events(results))
    assert alone == [["d1"], ["o1"], ["u1"]]
    together = fuse_events(results, stories=[["a", "b", "c"]])
    assert [sorted(c.event_ids) for c in together] == [["d1", "o1", "u1"]]
    assert together[0].date == "2024-01-12" and together[0].date_support == 2


def test_places_in_different_countries_do_not_merge():
    results = [
        result("a", "A", [ev("p1", "a", "CONSULT", ["USA"], ["CHN"], "2024-01-12", location=BEIJING)]),
        result("b", "B", [ev("p2", "b", "CONSULT", ["USA"], ["CHN"], "2024-01-12",
                             location=Location("Washington", "USA"))]),
        result("c", "C", [ev("p3", "c", "CONSULT", ["USA"], ["CHN"], "2024-01-12")]),   # place unknown
    ]
    groups = sorted(sorted(c.event_ids) for c in fuse_events(results))
    assert groups == [["p1", "p3"], ["p2"]]


def test_cluster_ids_are_stable_and_output_is_deterministic():
    one = [c.to_dict() for c in fuse_events(blinken_wang())]
    two = [c.to_dict() for c in fuse_events(list(reversed(blinken_wang())))]
    assert sorted(c["cluster_id"] for c in one) == sorted(c["cluster_id"] for c in two)
    assert one == [c.to_dict() for c in fuse_events(blinken_wang())]


def test_events_without_codes_stay_single():
    results = [result("a", "A", [ev("n1", "a", "CONSULT", [], [], "2024-01-12")]),
               result("b", "B", [ev("n2", "b", "CONSULT", [], [], "2024-01-12")])]
    assert sorted(len(c.members) for c in fuse_events(results)) == [1, 1]


# --------------------------------------------------------------------------- store and command line

def test_store_round_trip_and_filters():
    from communique.store import open_store

    results = blinken_wang()
    clusters = fuse_events(results)
    with open_store(":memory:") as store:
        saved = store.save_clusters(clusters, stories=[["reuters-1", "xinhua-7", "ap-3"]])
        assert saved == {"clusters": 2, "members": 5, "stories": 1, "story_articles": 3}
        meeting = store.clusters(dyad=("CHN", "USA"))
        assert len(meeting) == 1
        m = meeting[0]
        assert m["type"] == "CONSULT" and m["actor_codes"] == ["USA"] and m["recipient_codes"] == ["CHN"]
        assert (m["num_mentions"], m["num_articles"], m["num_sources"]) == (4, 3, 3)
        assert {v["value"]: v["article_ids"] for v in m["conflicts"]["date"]}["2024-01-13"] == ["ap-3"]
        assert sorted(x["event_id"] for x in m["members"]) == ["a1", "r1", "r2", "x1"]
        assert [c["type"] for c in store.clusters(type="attack")] == ["ATTACK"]
        assert store.clusters(start="2024-01-13") == []
        assert len(store.clusters(end="2024-01")) == 2
        assert [c["type"] for c in store.clusters(min_sources=2)] == ["CONSULT"]
        assert store.clusters(actor="UKR")[0]["type"] == "ATTACK"
        assert store.stories()[0]["article_ids"] == ["ap-3", "reuters-1", "xinhua-7"]
        # a new run replaces the previous one
        store.save_clusters(clusters[:1], stories=[])
        assert len(store.clusters()) == 1 and store.stories() == []


def test_fuse_command_reads_the_store(tmp_path, capsys):
    import argparse

    from communique.fusion.cli import register
    from communique.store import open_store

    db = str(tmp_path / "f.db")
    results = blinken_wang()
    for r in results:
        r.article.text = f"Blinken and Wang Yi met in Beijing ({r.article.source})."
    with open_store(db) as store:
        store.save(results)
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(["fuse", "--db", db])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert "fused 5 events of 3 articles into 2 event clusters (1 reported by several articles)" in out
    args = parser.parse_args(["clusters", "--db", db, "--dyad", "USA,CHN", "--format", "jsonl"])
    assert args.func(args) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(rows) == 1 and rows[0]["num_sources"] == 3 and "date" in rows[0]["conflicts"]
    with open_store(db) as store:
        assert store.stories()[0]["size"] == 3
        assert store.summary()["events"] == 5          # the events themselves are untouched
