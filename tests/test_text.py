"""Text cleaning, header detection and date parsing (communique.text)."""
from __future__ import annotations

import pytest

from communique.text.clean import clean_text
from communique.text.dates import parse_date
from communique.text.header import find_dateline, split_header


def _mojibake(s: str) -> str:
    """What a UTF-8 string looks like after being decoded as cp1252 (latin-1 for holes)."""
    out = []
    for b in s.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


# --------------------------------------------------------------------------- mojibake

@pytest.mark.parametrize("broken, fixed", [
    ("Itâ€™s", "It’s"),
    ("cafÃ©", "café"),
    ("â€œtop priorityâ€\x9d", "“top priority”"),
    ("â€œtop priorityâ€ was", "“top priority” was"),     # the 0x9D byte was lost
    ("Â£5", "£5"),
    ("2014â€“2016 â€” endâ€¦", "2014–2016 — end…"),
])
def test_mojibake_examples(broken, fixed):
    assert clean_text(broken) == fixed


@pytest.mark.parametrize("original", [
    "Łódź and Kraków", "Zürich’s naïve façade", "Москва и Россия", "北京 said", "Nguyễn Xuân Phúc",
    "Ștefan", "Ελλάδα", "price €5™",
])
def test_mojibake_round_trip_single_and_double(original):
    assert clean_text(_mojibake(original)) == original
    assert clean_text(_mojibake(_mojibake(original))) == original


@pytest.mark.parametrize("genuine", [
    "São Paulo", "CAFÉ” he wrote", "a café…” she said", "ESPAÑ” x", "Ölfeld", "naïve", "Ångström",
])
def test_genuine_accents_are_not_touched(genuine):
    assert clean_text(genuine) == genuine


# --------------------------------------------------------------------------- characters and lines

def test_nfc_spaces_invisible_and_line_endings():
    s = "Cafe\u0301\u00a0ok\u200b!\r\nsecond\u202fline \t \rthird\ufeff"
    assert clean_text(s) == "Café ok!\nsecond line\nthird"


def test_trailing_spaces_and_blank_line_collapse():
    s = "one   \n\n\n\n\ntwo\t\n\nthree\n   \n   \n\nfour\n\n"
    assert clean_text(s) == "one\n\ntwo\n\nthree\n\nfour"


def test_odd_apostrophes_and_typographic_quotes():
    assert clean_text("Qin´s talks and the countries´ views") == "Qin’s talks and the countries’ views"
    assert clean_text("don`t") == "don’t"
    assert clean_text("run `ls` now") == "run `ls` now"
    kept = "“Stop,” he said. ‘Yes’, it’s \"plain\" and 'single'."
    assert clean_text(kept) == kept


# --------------------------------------------------------------------------- glued sentences

@pytest.mark.parametrize("glued, spaced", [
    ("heading to Norway.The United States should", "heading to Norway. The United States should"),
    ("in a briefing on Tuesday.Zhao made the comment", "in a briefing on Tuesday. Zhao made the comment"),
    ('Taiwanese "separatists."“China firmly opposes', 'Taiwanese "separatists." “China firmly opposes'),
    ("Republic of China.Washington, Zhao said", "Republic of China. Washington, Zhao said"),
    ("he said.“We will", "he said. “We will"),
    ("he asked?They left", "he asked? They left"),
    ("since 2019.The talks", "since 2019. The talks"),
    ("the party).The vote", "the party). The vote"),
])
def test_missing_space_after_sentence_end_is_inserted(glued, spaced):
    assert clean_text(glued) == spaced


@pytest.mark.parametrize("text", [
    "the U.S.A and the U.K.", "e.g. this one", "i.e.The", "growth of 3.5 percent", "J.K. Rowling",
    "see https://example.com/News.Today for more", "www.Example.Com", "write to john.Smith@example.org",
    "a Ph.D. student", "a Ph.D.The", "Mail.Ru Group", "ASP.NET code", "version 2.0.Beta",
    "the Think.Eat.Save campaign",
])
def test_no_space_inserted_in_abbreviations_numbers_urls(text):
    assert clean_text(text) == text


@pytest.mark.parametrize("glued, spaced", [
    ("Meanwhile,-Paris prosecutors", "Meanwhile, Paris prosecutors"),
    ("an investigation.-The police said", "an investigation. The police said"),
    ("Source:-Al Jazeera", "Source: Al Jazeera"),
    ("presidential election rival-Emmanuel Macron", "presidential election rival Emmanuel Macron"),
    ("talks with the-European Union", "talks with the European Union"),
    ("introduction of-new sanctions", "introduction of new sanctions"),
    ("as-Haiti's president", "as Haiti's president"),
    ("shot at-Mayo hospital", "shot at Mayo hospital"),
    ("asked Ms-DeVos", "asked Ms DeVos"),
    # a past-tense verb glued to its subject, an article after it
    ("Russia-recalled its ambassador on Monday.", "Russia recalled its ambassador on Monday."),
])
def test_hyphen_for_a_lost_space_becomes_a_space(glued, spaced):
    assert clean_text(glued) == spaced


@pytest.mark.parametrize("text", [
    "anti-Iranian", "post-Brexit talks", "al-Qaeda", "an-Nusra", "as-Sahab", "voter-ID laws", "Rep.-elect",
    "in-depth", "an A-Team", "WHO-TV", "U.S.-Mexican trade", "the one-China principle", "state-of-the-art",
    "Iran-backed militias and Saudi-led forces clashed.",
    "hit-and-run", "Lt.-Gen", "majority-Muslim", "then-King", "Secretary-General", "Mar-a-Lago",
    "Port-au-Prince", "Iran-backed", "US-led", "at-risk youth",
])
def test_real_hyphenated_compounds_are_kept(text):
    assert clean_text(text) == text


# --------------------------------------------------------------------------- boilerplate

def test_boilerplate_lines_removed_only_when_whole_lines():
    s = ("First paragraph.\n\nRead more: China warns US\n\nAlso read: Taiwan votes\n\nAdvertisement\n\n"
         "Subscribe to our newsletter\n\nClick here to follow the story\n\nRELATED: Something else\n\n"
         "Second paragraph.\n\nRead more carefully, he said.\nAdvertisement spending rose.\n"
         "Subscribers to the service complained.")
    assert clean_text(s) == ("First paragraph.\n\nSecond paragraph.\n\nRead more carefully, he said.\n"
                             "Advertisement spending rose.\nSubscribers to the service complained.")


def test_clean_text_is_idempotent_and_handles_empty():
    s = ("â€œWeâ€™re readyâ€\x9d, he said.The talks ended.\r\n\r\n\r\n\r\nRead more: x\n"
         "Qin´s view\u00a0here. ")
    once = clean_text(s)
    assert once == "“We’re ready”, he said. The talks ended.\n\nQin’s view here."
    assert clean_text(once) == once
    assert clean_text("") == ""
    assert clean_text("  \n\t\n") == ""


# --------------------------------------------------------------------------- header

def test_split_header_date_url_title():
    raw = (" date 2022-06-28 https://example.com/a/b-1.html\n\n"
           "Beijing Asks US to ‘Stop All Forms of Official Interaction With Taiwan’\n\n"
           "China’s Foreign Ministry has reiterated its call.\n\nSecond paragraph.")
    h = split_header(raw)
    assert h["date"] == "2022-06-28"
    assert h["url"] == "https://example.com/a/b-1.html"
    assert h["title"] == "Beijing Asks US to ‘Stop All Forms of Official Interaction With Taiwan’"
    assert h["text"] == "China’s Foreign Ministry has reiterated its call.\n\nSecond paragraph."
    assert h["dateline"] is None


def test_split_header_date_line_without_url_and_no_title():
    h = split_header("date 2024-01-12\nThe ministry said on Friday that talks would resume.")
    assert (h["date"], h["url"], h["title"]) == ("2024-01-12", None, None)
    assert h["text"] == "The ministry said on Friday that talks would resume."


def test_split_header_title_rules():
    # a first line that ends with a period is the first sentence, not a headline
    h = split_header("The talks ended on Friday.\n\nThey will resume.")
    assert h["title"] is None and h["text"].startswith("The talks ended")
    # a capitalised headline without a blank line is still a headline
    h = split_header("China Warns Washington Over Taiwan Arms Sales\nThe ministry said on Friday.")
    assert h["title"] == "China Warns Washington Over Taiwan Arms Sales"
    assert h["text"] == "The ministry said on Friday."
    # a hard-wrapped sentence is not
    h = split_header("China Warns Washington Over Taiwan Arms Sales\nand more text follows.")
    assert h["title"] is None
    # a lone short line is the text itself
    assert split_header("Only a short line")["title"] is None
    # an over-long line is not a headline
    long_line = "Word " * 60
    assert split_header(long_line.strip() + "\n\nBody.")["title"] is None
    # "date" followed by something that is not a date is not a date line
    h = split_header("Date Night Returns to Paris\n\nWe went out.")
    assert h["date"] is None
    assert h["title"] == "Date Night Returns to Paris"


def test_dateline_is_reported_and_kept_in_text():
    h = split_header("BEIJING: Chinese Foreign Minister Qin Gang held talks on Monday.")
    assert h["dateline"] == "Beijing"
    assert h["text"].startswith("BEIJING: Chinese")


@pytest.mark.parametrize("text, place", [
    ("BEIJING — China said", "Beijing"),
    ("KYIV, Ukraine (AP) — Russian forces", "Kyiv"),
    ("WASHINGTON, Jan 12 (Reuters) - The United States", "Washington"),
    ("BEIJING, May 8 (Xinhua) -- China", "Beijing"),
    ("MOSCOW, January 10. /TASS/. Russia", "Moscow"),
    ("NEW YORK — The", "New York"),
    ("ST. PETERSBURG, Russia — Putin", "St. Petersburg"),
    ("WASHINGTON—A prolonged shutdown", "Washington"),
    ("WASHINGTON/NEW YORK (Reuters) - Lawyers", "Washington"),
    ("WASHINGTON (CNN)The president", "Washington"),
    ("Kyiv (AFP) - Ukraine said", "Kyiv"),
    ("EXCLUSIVE: China plans", None),
    ("FILE - In this photo", None),
    ("US: China responds", None),
    ("NATO: Allies agree", None),
    ("CCTV: Our question is", None),
    ("EDITOR’S NOTE: This story", None),
    ("Beijing said on Monday", None),
    ("The BEIJING talks", None),
])
def test_find_dateline(text, place):
    assert find_dateline(text) == place


# --------------------------------------------------------------------------- dates

@pytest.mark.parametrize("s, iso", [
    ("2024-01-12", "2024-01-12"),
    ("2024-01-12T23:30:00-05:00", "2024-01-12"),
    ("2024-01-12T10:00:00.000Z", "2024-01-12"),
    ("2024-01-12 10:00", "2024-01-12"),
    ("January 12, 2024", "2024-01-12"),
    ("Jan. 12, 2024", "2024-01-12"),
    ("Friday, January 12th, 2024", "2024-01-12"),
    ("12 Jan 2024", "2024-01-12"),
    ("12 January, 2024", "2024-01-12"),
    ("12-Jan-2024", "2024-01-12"),
    ("2024/01/12", "2024-01-12"),
    ("Fri, 12 Jan 2024 10:00:00 GMT", "2024-01-12"),
    ("Sat, 13 Jan 2024 01:02:03 +0000", "2024-01-13"),
    ("20240112", "2024-01-12"),
    ("25/01/2024", "2024-01-25"),
    ("7/23/17", "2017-07-23"),
])
def test_parse_date_formats(s, iso):
    assert parse_date(s) == iso


@pytest.mark.parametrize("s", [None, "", "yesterday", "2024-02-30", "12/01/2024", "last November",
                               "0000-00-00",
                               "Title: 2024 plans"])
def test_parse_date_rejects(s):
    assert parse_date(s) is None


def test_clean_text_idempotent_on_seed_articles():
    from pathlib import Path

    seeds = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"
    files = sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    if not files:
        pytest.skip("shared seeds not available")
    for f in files:
        once = clean_text(f.read_text(encoding="utf-8"))
        assert once and clean_text(once) == once
        assert "  \n" not in once and "\n\n\n" not in once
