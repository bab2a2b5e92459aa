"""End-to-end behaviour of the extraction pipeline on sentences written for these tests."""


def sides(ev):
    return sorted(a.code for a in ev.actors), sorted(a.code for a in ev.recipients)


def find(res, type_):
    return [e for e in res.events if e.type == type_]


def test_meeting_with_titles_resolves_people_and_countries(extract):
    res = extract("Japanese Foreign Minister Yoko Kamikawa met Chinese Foreign Minister Wang Yi in Busan on Sunday.",
                  date="2023-11-27")
    ev = find(res, "CONSULT")
    assert ev, res.events
    e = ev[0]
    assert {a.code for a in e.actors + e.recipients} == {"JPN", "CHN"}
    names = {a.name for a in e.actors + e.recipients}
    assert names == {"Yoko Kamikawa", "Wang Yi"}
    assert e.date == "2023-11-26" and e.date_precision == "day"
    assert e.status == "asserted"
    assert e.cameo and e.goldstein is not None and e.intensity is not None
    assert e.sentence.startswith("Japanese Foreign Minister") and e.evidence_end > e.evidence_start


def test_misspelt_name_resolved_by_role_and_date(extract):
    res = extract("US Secretary of State Anthony Blanken held talks with Russian Foreign Minister Sergei Lavrow "
                  "in Geneva on Friday.", date="2022-01-22")
    people = {m.actor.kb_id for m in res.mentions if m.actor.kind == "person"}
    assert {"antony-blinken", "sergey-lavrov"} <= people
    ev = find(res, "CONSULT")
    assert ev and ev[0].location and ev[0].location.name == "Geneva"


def test_role_at_date_changes_the_person(extract):
    r1 = extract("Chinese Foreign Minister Cheng Yi spoke to reporters.", date="2021-10-31")
    r2 = extract("Chinese Foreign Minister Chin Gang spoke to reporters.", date="2023-03-07")
    assert [m.actor.name for m in r1.mentions if m.actor.kind == "person"] == ["Wang Yi"]
    assert [m.actor.name for m in r2.mentions if m.actor.kind == "person"] == ["Qin Gang"]


def test_accusation_and_demand_directions(extract):
    res = extract("Russia accused Ukraine of shelling the plant. The European Union urged Moscow to withdraw its troops.",
                  date="2022-08-10")
    acc = find(res, "ACCUSE")
    assert acc and sides(acc[0]) == (["RUS"], ["UKR"])
    req = find(res, "REQUEST")
    assert req and sides(req[0]) == (["IGO:EU"], ["RUS"])


def test_negated_and_future_status(extract):
    res = extract("The Chinese president will visit France next month. "
                  "Blinken called off a planned trip to China after the balloon incident.", date="2023-02-05")
    # a planned visit is a CONSULT with status future (annotation guidelines for news), not an AGREE
    visit = [e for e in find(res, "CONSULT") if "FRA" in {a.code for a in e.actors + e.recipients}]
    assert visit and visit[0].status == "future" and visit[0].date == "2023-03"
    assert not find(res, "AGREE")
    called_off = [e for e in find(res, "CONSULT") if e.status == "negated"]
    assert called_off and sides(called_off[0])[1] == ["CHN"]


def test_historical_event(extract):
    res = extract("Biden met Xi in Bali last November, the White House said.", date="2023-05-09")
    ev = find(res, "CONSULT")
    assert ev and ev[0].status == "historical" and ev[0].date == "2022-11" and ev[0].date_precision == "month"


def test_direct_quote_speaker_through_pronoun(extract):
    res = extract('Wang Wenbin spoke at a briefing in Beijing. "The United States should stop interfering," he said.',
                  date="2023-03-01")
    q = [q for q in res.quotes if q.kind == "direct"]
    assert q and q[0].speaker.name == "Wang Wenbin" and q[0].text.startswith("The United States should")


def test_sentence_without_political_interaction_has_no_event(extract):
    res = extract("The weather in Paris was mild on Tuesday and the museums were crowded.", date="2023-03-01")
    assert res.events == []


def test_generic_agents_get_country_and_sector(extract):
    res = extract("Israeli troops arrested two Palestinian journalists in Hebron.", date="2023-03-01")
    ev = find(res, "COERCE")
    assert ev
    a, r = ev[0].actors[0], ev[0].recipients[0]
    assert (a.code, a.sector) == ("ISR", "MIL")
    assert r.code == "PSE"
