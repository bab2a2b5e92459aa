"""Event accuracy on real news articles annotated by the team (a development set).

benchmarks/data/news_dev_gold.jsonl holds the team's gold for 330 articles of
../shared/corpora, annotated by following ../shared/eval/GUIDELINES.md without running
communique, in fifteen batches of three parts:

    A  8 from Al Jazeera, BBC, China Daily and TASS        (sixth session)
    B  8 from CNN, ABC News, DW, RTE and HuffPost          (sixth session)
    C  6 PRC foreign-ministry transcripts                  (sixth session)
    D  8 from Al Jazeera, TASS, China Daily, CNN and BBC   (seventh session)
    E  8 from US outlets of the abp corpus (Politico, Fox, NYT, Vox, Washington Times ...)
    F  6 PRC foreign-ministry transcripts                  (seventh session)
    G  8 from Al Jazeera, TASS, China Daily, BBC and CNN   (eighth session)
    H  8 from US outlets of the abp corpus (USA Today, Washington Times, Fox, CSM, Townhall ...)
    I  6 PRC foreign-ministry transcripts                  (eighth session)
    J  8 from Al Jazeera, TASS, China Daily, BBC and CNN   (ninth session)
    K  8 from US outlets of the abp corpus (NYT, National Review, Vox, CNN, Fox, NPR, Townhall ...)
    L  6 PRC foreign-ministry transcripts                  (ninth session)
    M  8 from Al Jazeera, TASS, China Daily, BBC and CNN   (tenth session)
    N  8 from US outlets of the abp corpus (Washington Times, New York Post, Guardian, CNN, USA Today, NPR ...)
    O  6 PRC foreign-ministry transcripts                  (tenth session)
    P  8 from Al Jazeera, TASS, China Daily, BBC and CNN   (eleventh session)
    Q  8 from US outlets of the abp corpus (NYT, National Review, Fox, Washington Times, Newsmax, NPR, CNN, Reason)
    R  6 PRC foreign-ministry transcripts                  (eleventh session)
    S  8 from Al Jazeera, TASS, China Daily, BBC and CNN   (twelfth session)
    T  8 from US outlets of the abp corpus (Breitbart, Washington Times, CBN, CNN, Reuters, NPR, New York Post, Newsmax)
    U  6 PRC foreign-ministry transcripts                  (twelfth session)
    V  8 from Al Jazeera, TASS, China Daily, BBC and CNN   (thirteenth session)
    W  8 from US outlets of the abp corpus (Townhall, NYT, USA Today, National Review, Newsmax, Vox, CBN, Politico)
    X  6 PRC foreign-ministry transcripts                  (thirteenth session)
    Y  8 from Al Jazeera, TASS, China Daily, BBC and CNN   (fourteenth session)
    Z  8 from US outlets of the abp corpus (Fox, CSM, Washington Times, CNN, USA Today, Townhall, Newsmax)
    AA 6 PRC foreign-ministry transcripts                  (fourteenth session)
    AB 8 from Al Jazeera, TASS, China Daily, BBC and CNN   (fourteenth session, second batch)
    AC 8 from US outlets of the abp corpus (Vox, NYT, The Hill, CNN, Washington Times, NPR, AP, CSM)
    AD 6 PRC foreign-ministry transcripts                  (fourteenth session, second batch)
    AE 8 from Al Jazeera, TASS, China Daily, BBC and CNN   (fifteenth session)
    AF 8 from US outlets of the abp corpus (The Week, Townhall, CSM, NPR, CNN, USA Today, Breitbart, National Review)
    AG 6 PRC foreign-ministry transcripts                  (fifteenth session)
    AH 8 from Al Jazeera, TASS, China Daily, BBC and CNN   (sixteenth session)
    AI 8 from US outlets of the abp corpus (CNN, Washington Times, CSM, NPR, Defense One, NYT, Vox, USA Today)
    AJ 6 PRC foreign-ministry transcripts                  (sixteenth session)
    AK 8 from Al Jazeera, TASS, China Daily, BBC and CNN   (seventeenth session)
    AL 8 from US outlets of the abp corpus (Fox, CSM, NYT, Politico, National Review, The Hill, CNN)
    AM 6 PRC foreign-ministry transcripts                  (seventeenth session)
    AN 8 from Al Jazeera, TASS, China Daily, BBC and CNN   (seventeenth session, second batch)
    AO 8 from US outlets of the abp corpus (Fox, CNN, National Review, Vox, Townhall, CSM, Washington Times, Reason)
    AP 6 PRC foreign-ministry transcripts                  (seventeenth session, second batch)
    AQ 8 from Al Jazeera, TASS, China Daily, BBC and CNN   (eighteenth session)
    AR 8 from US outlets of the abp corpus (NYT, Fox, Politico, Reuters, Washington Times, Daily Mail, NPR)
    AS 6 PRC foreign-ministry transcripts                  (eighteenth session)

Each batch was scored once by the code of its time before being used to find errors, so the
first figures in docs/evaluation.md are held-out measurements and later ones are not.  It stores the article ids and our
annotations only (no article text and no evidence quotations): this script reads the texts
from ../shared/corpora, cut to the length that was annotated, writes an articles file and a
gold file to a temporary directory and runs ``communique eval`` on them.

    python benchmarks/news_dev.py            # all parts together
    python benchmarks/news_dev.py --set C    # one part (A to Z, AA to AS; repeatable)

Exits 0 with a message when ../shared/corpora is absent.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "data" / "news_dev_gold.jsonl"
CORPORA = ROOT / ".." / "shared" / "corpora"
SETS = ("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U", "V", "W", "X",
        "Y", "Z", "AA", "AB", "AC", "AD", "AE", "AF", "AG", "AH", "AI", "AJ", "AK", "AL", "AM", "AN", "AO", "AP",
        "AQ", "AR", "AS")


def build(sets: set[str], out: Path) -> tuple[Path, Path]:
    gold = [json.loads(line) for line in GOLD.open(encoding="utf-8") if line.strip()]
    gold = [g for g in gold if g["set"] in sets]
    wanted: dict[str, set[str]] = {}
    for g in gold:
        wanted.setdefault(g["corpus"], set()).add(g["article_id"])
    rows: dict[str, dict] = {}
    for corpus, ids in wanted.items():
        with gzip.open(CORPORA / corpus, "rt", encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if r.get("id") in ids:
                    rows[r["id"]] = r
    arts, golds = out / "articles.jsonl", out / "gold.jsonl"
    with arts.open("w", encoding="utf-8") as fa, golds.open("w", encoding="utf-8") as fg:
        for g in gold:
            r = rows.get(g["article_id"])
            if r is None:
                print(f"article {g['article_id']} not found in {g['corpus']}: skipped", file=sys.stderr)
                continue
            fa.write(json.dumps({"id": r["id"], "date": r.get("date"), "source": r.get("source"),
                                 "url": r.get("url"), "title": r.get("title"),
                                 "text": r["text"][:g["text_chars"]]}, ensure_ascii=False) + "\n")
            fg.write(json.dumps({k: v for k, v in g.items() if k not in ("corpus", "text_chars", "set")},
                                ensure_ascii=False) + "\n")
    return arts, golds


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", action="append", choices=list(SETS),
                    help="part of the set to score (repeatable; default: all)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and false positives")
    args = ap.parse_args(argv)
    if not CORPORA.is_dir():
        print(f"{CORPORA} not found: nothing to evaluate")
        return 0
    from communique.cli import main as cli_main
    with tempfile.TemporaryDirectory() as tmp:
        arts, golds = build(set(args.set or SETS), Path(tmp))
        return cli_main(["eval", "--articles", str(arts), "--gold", str(golds)] + (["-v"] if args.verbose else []))


if __name__ == "__main__":
    sys.exit(main())
