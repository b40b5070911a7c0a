"""The README's pandas recipe. Needs pandas: .ci/run runs it in the Spark venv (pandas<3)."""

import json

import pytest

pd = pytest.importorskip("pandas")


def test_readme_pandas_recipe(extractor, generated_rows, tmp_path):
    rows = [row for row in generated_rows if '"text"' in row and "2020-02-30" not in row]
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(row + "\n" for row in rows), encoding="utf-8")

    # As in the README:
    df = pd.read_json(path, lines=True, dtype=False, convert_dates=False)  # id, text, date
    results = extractor.extract_many(df.to_dict("records"))  # Rust threads, GIL released
    out = pd.json_normalize(results)[["id", "reference_date"]]
    out["sections"] = [len(r["sections"]) for r in results]
    out["credits"] = [[c["value"] for c in r["credits"]] for r in results]

    expected = [json.loads(line) for line in extractor.extract_lines(rows)]
    assert df["date"].isna().any()  # rows without a date hold NaN: read as absent
    assert results == expected
    assert list(out["id"]) == [e["id"] for e in expected]
    assert list(out["sections"]) == [len(e["sections"]) for e in expected]
    # A Series of texts works too.
    assert extractor.extract_many(df.text[:20]) == [extractor.extract(t) for t in df.text[:20]]


def test_pandas_gaps_are_absent(extractor):
    plain = extractor.extract("正文")
    assert extractor.extract("正文", date=pd.NaT) == plain
    assert extractor.extract("正文", date=pd.NA, id=pd.NA) == plain
    stamp = extractor.extract("正文", date=pd.Timestamp("2020-12-30 10:05"))
    assert stamp["reference_date"] == "2020-12-30T10:05"
