"""Write N JSONL article rows built from the seed fixture, for tests and throughput runs.

usage: python3 examples/spark/make_rows.py N [--errors] > rows.jsonl

Row i has id `row-<i>` and a window of the seed article's lines (so texts
differ in length and content), a reference date from a small cycle or none,
and, on some rows, the traps of real archives: CRLF line ends, U+2028 and
U+0085 inside the text (valid unescaped in JSON: never split rows with
str.splitlines()), full-width punctuation and digits, an HTML entity. With --errors, every
500th row is one the CLI answers with an error row (no text, a bad date).
Deterministic: the same N gives the same bytes.
"""

import argparse
import json
import sys
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "articles" / "longgang-cuhksz.txt"
DATES = ["2020-12-30", "2021-01-04", None, "2019-06-15T09:30", None]


def rows(count, errors=False):
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for i in range(count):
        start = (i * 7) % len(lines)
        length = 3 + (i * 13) % len(lines)
        text = "\n".join((lines + lines)[start : start + length])
        if i % 5 == 1:
            text = text.replace("\n", "\r\n")
        if i % 7 == 2:
            text = text.replace("。", "。\u2028", 1)
        if i % 11 == 3:
            text = text.replace(",", ",\u0085", 1)
        if i % 17 == 5:
            text = text.replace(",", "，").replace(":", "：").replace("(", "（").replace(")", "）")
        if i % 13 == 4:
            text = "２０２０年１２月３０日 &amp; " + text
        row = {"id": f"row-{i:06d}", "text": text}
        date = DATES[i % len(DATES)]
        if date:
            row["date"] = date
        if errors and i % 500 == 499:
            row = {"id": row["id"], "date": "2020-02-30"} if i % 1000 == 999 else {"id": row["id"]}
        yield json.dumps(row, ensure_ascii=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    out = sys.stdout.buffer
    for row in rows(args.count, args.errors):
        out.write(row.encode("utf-8") + b"\n")


if __name__ == "__main__":
    main()
