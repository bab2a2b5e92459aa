def test_quote_lists_the_events_it_states(extract):
    res = extract('"We urge Japan to stop its provocations," Chinese Foreign Ministry spokesperson Wang Wenbin said.',
                  date="2023-03-01")
    q = [q for q in res.quotes if q.kind == "direct"]
    req = [e for e in res.events if e.type == "REQUEST"]
    assert q and req
    assert req[0].event_id in q[0].event_ids
    assert q[0].to_dict()["events"] == q[0].event_ids
