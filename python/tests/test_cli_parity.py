"""The wheel gives exactly what the CLI gives: dicts equal to its JSON, rows equal to its bytes."""

import json
import subprocess

SEED_ROW_ID = "longgang-cuhksz"


def run_cli(cli, args, stdin=b""):
    done = subprocess.run([str(cli), *args], input=stdin, capture_output=True, check=True)
    return done.stdout


def test_seed_dict_equals_cli_output(extractor, seed, cli):
    row = json.dumps({"id": SEED_ROW_ID, "text": seed, "date": "2020-12-30"}, ensure_ascii=False)
    [line] = run_cli(cli, ["extract", "--jsonl", "-"], (row + "\n").encode()).split(b"\n")[:-1]
    expected = json.loads(line)
    got = extractor.extract(seed, date="2020-12-30", id=SEED_ROW_ID)
    assert got == expected
    # Same keys in the same order, at the top and inside items.
    assert json.dumps(got, ensure_ascii=False, separators=(",", ":")) == line.decode()
    assert len(got["sections"]) == 8


def test_seed_equals_reviewed_golden_output(extractor, seed):
    from conftest import ROOT

    golden = json.loads((ROOT / "fixtures" / "articles" / "longgang-cuhksz.json").read_text("utf-8"))
    assert extractor.extract(seed, date="2020-12-30", id=golden.get("id")) == golden


def test_extract_lines_is_byte_identical_to_cli(extractor, generated_rows, cli):
    rows = generated_rows + [
        "not json",
        '{"id": 7, "text": 5}',
        '{"id": "x", "text": "今天", "date": "明天"}',
        '{"text": "(编辑:张三)", "other": [1, 2]}',
    ]
    stdin = "".join(row + "\n" for row in rows).encode()
    expected = run_cli(cli, ["extract", "--jsonl", "-"], stdin).decode().split("\n")
    assert expected.pop() == ""
    assert len(expected) == len(rows)
    assert extractor.extract_lines(rows) == expected
    assert extractor.extract_lines(rows, threads=1) == expected
    assert [extractor.extract_line(row) for row in rows[:50]] == expected[:50]
    assert extractor.extract_lines([row.encode() for row in rows[:50]], threads=3) == expected[:50]


def test_invalid_utf8_bytes_give_the_cli_error_row(extractor, cli):
    row = b'{"id": "bad", "text": "\xff\xfe"}'
    expected = run_cli(cli, ["extract", "--jsonl", "-"], row + b"\n").decode().rstrip("\n")
    got = extractor.extract_line(row)
    assert got == expected
    assert json.loads(got)["error"]["kind"] == "invalid_utf8"
    assert json.loads(got)["id"] == "bad"


def test_options_match_cli_options(seed, cli):
    import zhnews

    row = json.dumps({"id": "s", "text": seed}, ensure_ascii=False) + "\n"
    args = ["extract", "--jsonl", "-", "--date", "2021-01-04", "--fields", "dates,credits"]
    expected = run_cli(cli, args, row.encode()).decode().rstrip("\n")
    extractor = zhnews.Extractor(fields=["dates", "credits"], date="2021-01-04")
    assert extractor.extract_line(row) == expected
    assert extractor.extract(seed, id="s") == json.loads(expected)


def test_parse_numeral_equals_cli_numeral(cli):
    import zhnews

    inputs = ["三千五百", "两千三百万", "1.2万", "三点五", "二〇二〇", "０.５", "负十二"]
    out = run_cli(cli, ["numeral", *inputs]).decode().splitlines()
    for text, line in zip(inputs, out):
        expected = json.loads(line)
        assert expected["input"] == text
        got = zhnews.parse_numeral(text)
        assert got == expected["value"] and type(got) is type(expected["value"]), text
