from communique.quotes.extract import find_quote_spans


def spans(text):
    return [text[s:e] for s, e in find_quote_spans(text)]


def test_curly_and_straight_quotes():
    t = 'He said “the top priority” was peace. She added: "We disagree."'
    assert spans(t) == ["the top priority", "We disagree."]


def test_apostrophes_are_not_quotes():
    t = "Qin’s talks with the US side’s envoy were ‘frank’, he said."
    assert spans(t) == ["frank"]


def test_quote_running_over_a_paragraph_break():
    t = "Qin told Burns: “The top priority is to stabilise relations.\n\n“This should be the basic consensus.”"
    assert spans(t) == ["The top priority is to stabilise relations.", "This should be the basic consensus."]


def test_split_quote():
    t = '"We will respond," the minister said, "and firmly."'
    assert spans(t) == ["We will respond,", "and firmly."]


def test_no_quotes():
    assert spans("Nothing quoted here, it’s plain.") == []
