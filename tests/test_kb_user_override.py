"""A user knowledge-base directory changes resolution without code changes: a fictional Swedish
foreign minister of 2031 is unknown with the bundled files and resolved once a people file (written
by hand or by `communique kb add-person`) is in the directory."""
import argparse
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from communique.actors.kb import load_kb
from communique.actors.kb_cli import add_person, register
from communique.actors.mentions import MentionFinder
from communique.actors.resolve import PersonResolver

TEXT = "Swedish Foreign Minister Arvid Kallstrom met his Finnish counterpart in Stockholm."
DAY = "2031-03-02"
FM_SWE = [("foreign_minister", None)]
USER_PEOPLE = textwrap.dedent("""\
    # people of my project
    - id: arvid-kallstrom
      name: Arvid Kallstrom
      aliases: [Arvid Källström]
      roles:
        - {office: foreign_minister, title: Minister for Foreign Affairs, country: SWE, sector: GOV,
           start: 2030-10-01, end: null}
    """)


def _user_dir(tmp_path) -> Path:
    d = tmp_path / "mykb"
    (d / "people").mkdir(parents=True)
    (d / "people" / "user.yaml").write_text(USER_PEOPLE, encoding="utf-8")
    return d


def _kb_parser():
    p = argparse.ArgumentParser(prog="communique")
    sub = p.add_subparsers(dest="cmd")
    old = sub.add_parser("kb")              # an older kb parser is replaced, not duplicated
    old.add_argument("kb_cmd", choices=["stats"])
    register(sub)
    return p


def _run(argv, capsys):
    args = _kb_parser().parse_args(argv)
    rc = args.func(args)
    return rc, capsys.readouterr().out


def test_resolver_needs_the_user_file(tmp_path):
    bundled = PersonResolver(load_kb())
    m = bundled.resolve("Arvid Kallstrom", DAY, FM_SWE, "SWE")
    assert m is None or m.person.name != "Arvid Kallstrom"
    user = PersonResolver(load_kb(_user_dir(tmp_path)))
    m = user.resolve("Arvid Kallstrom", DAY, FM_SWE, "SWE")
    assert m is not None and m.person.id == "arvid-kallstrom"
    assert (m.code, m.sector, m.role_title) == ("SWE", "GOV", "Minister for Foreign Affairs")
    # the alias with accents, and a date before the term: the person is known but not yet in office
    assert user.resolve("Arvid Källström", DAY).person.id == "arvid-kallstrom"
    early = user.resolve("Arvid Kallstrom", "2029-01-01", FM_SWE, "SWE")
    assert early.person.id == "arvid-kallstrom" and early.former is False


def test_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNIQUE_KB", str(_user_dir(tmp_path)))
    kb = load_kb()
    assert "arvid-kallstrom" in kb.people
    monkeypatch.delenv("COMMUNIQUE_KB")
    assert "arvid-kallstrom" not in load_kb().people


def test_mentions_in_a_parsed_sentence(tmp_path, pipeline):
    doc = pipeline.nlp(TEXT)
    before = [s.ref for s in MentionFinder(load_kb()).find(doc, DAY) if "Kallstrom" in s.ref.text]
    assert before and before[0].kb_id is None            # unresolved: only the title is known
    after = [s.ref for s in MentionFinder(load_kb(_user_dir(tmp_path))).find(doc, DAY)
             if "Kallstrom" in s.ref.text]
    assert after and after[0].kb_id == "arvid-kallstrom"
    assert (after[0].name, after[0].code, after[0].sector) == ("Arvid Kallstrom", "SWE", "GOV")


def test_add_person_command(tmp_path, capsys):
    d = tmp_path / "cli-kb"
    rc, out = _run(["kb", "add-person", "--name", "Arvid Kallstrom", "--office", "foreign minister",
                    "--country", "Sweden", "--start", "2030-10-01", "--title", "Minister for Foreign Affairs",
                    "--alias", "Arvid Källström", "--kb", str(d)], capsys)
    assert rc == 0 and "arvid-kallstrom" in out
    f = d / "people" / "user.yaml"
    assert f.exists() and f.read_text(encoding="utf-8").startswith("#")
    kb = load_kb(d)
    p = kb.people["arvid-kallstrom"]
    assert [(r.office, r.country, r.sector, r.start, r.end) for r in p.roles] == [
        ("foreign_minister", "SWE", "GOV", "2030-10-01", None)]
    m = PersonResolver(kb).resolve("Arvid Kallstrom", DAY, FM_SWE, "SWE")
    assert m.person.id == "arvid-kallstrom" and m.code == "SWE"
    # a second role for the same person goes into the same record
    _run(["kb", "add-person", "--name", "Arvid Kallstrom", "--office", "head_of_government", "--country", "SWE",
          "--start", "2034-01-01", "--title", "Prime Minister", "--kb", str(d)], capsys)
    p = load_kb(d).people["arvid-kallstrom"]
    assert [r.office for r in p.roles] == ["foreign_minister", "head_of_government"]
    assert p.aliases == ["Arvid Källström"]
    # who held the office on the date, from the user's files
    rc, out = _run(["kb", "who", "foreign_minister", "SWE", "--date", DAY, "--kb", str(d)], capsys)
    assert "Arvid Kallstrom" in out


def test_add_person_keeps_bundled_roles(tmp_path):
    # a user entry replaces a bundled one whole: adding a role to a bundled person copies it first
    _path, _rec, what = add_person(tmp_path, "Wang Yi", "foreign_minister", "CHN", "2031-01-01",
                                 title="Minister of Foreign Affairs", pid="wang-yi")
    assert what == "copied from bundled"
    bundled = load_kb().people["wang-yi"]
    p = load_kb(tmp_path).people["wang-yi"]
    assert len(p.roles) == len(bundled.roles) + 1
    assert p.roles[:-1] == bundled.roles


def test_add_person_rejects_unknown_values(tmp_path):
    with pytest.raises(ValueError, match="office"):
        add_person(tmp_path, "X Y", "chief wizard", "SWE", "2031-01-01")
    with pytest.raises(ValueError, match="country"):
        add_person(tmp_path, "X Y", "foreign_minister", "Atlantis", "2031-01-01")
    with pytest.raises(ValueError, match="date"):
        add_person(tmp_path, "X Y", "foreign_minister", "SWE", "March 2031")


def test_kb_list_search_stats(capsys):
    rc, out = _run(["kb", "stats"], capsys)
    assert rc == 0 and "people" in out and "armed groups" in out
    rc, out = _run(["kb", "list", "groups", "--country", "YEM"], capsys)
    assert "NSA:Houthis" in out
    rc, out = _run(["kb", "search", "Blanken"], capsys)          # fuzzy
    assert "antony-blinken" in out
    rc, out = _run(["kb", "who", "secretary of state", "USA", "--date", "2013-06-01"], capsys)
    assert "John Kerry" in out and "Pompeo" not in out
    rc, out = _run(["kb", "who", "foreign_minister", "China", "--date", "2023-03-01"], capsys)
    assert "Qin Gang" in out


def test_import_command(tmp_path, capsys):
    src = tmp_path / "mini.actors.txt"
    src.write_text("ARVID_KALLSTROM_\n\t[SWEGOV >20301001]\nBARACK_OBAMA_\n\t[USAGOV >090120]\n", encoding="utf-8")
    d = tmp_path / "kb"
    rc, out = _run(["kb", "import", "petrarch", str(src), "--name", "mini", "--kb", str(d)], capsys)
    assert rc == 0 and "wrote 1 people" in out and "skipped 1" in out    # Obama is bundled
    kb = load_kb(d)
    assert (d / "people" / "imported_mini.yaml").exists()
    assert kb.people["arvid-kallstrom"].roles[0].start == "2030-10-01"
    assert kb.people["barack-obama"].roles[0].office == "head_of_state"   # bundled record untouched


def test_pipeline_cli_with_environment(tmp_path):
    """The real command line, configured only by COMMUNIQUE_KB."""
    d = _user_dir(tmp_path)
    art = tmp_path / "a.jsonl"
    art.write_text(json.dumps({"id": "a1", "date": DAY, "text": TEXT}) + "\n", encoding="utf-8")
    env = dict(os.environ, COMMUNIQUE_KB=str(d), TQDM_DISABLE="1")
    res = subprocess.run([sys.executable, "-m", "communique.cli", "extract", "--what", "actors", "-q", str(art)],
                         check=False, capture_output=True, text=True, env=env, timeout=300)
    assert res.returncode == 0, res.stderr
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    assert any(r.get("kb_id") == "arvid-kallstrom" and r.get("code") == "SWE" for r in rows), rows
