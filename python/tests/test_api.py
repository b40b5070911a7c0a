"""The Python API: types, errors as exceptions, extract_many == a loop of extract, GIL released."""

import datetime
import json
import pickle
import random
import threading
import time

import pytest

import zhnews


def test_result_is_the_output_contract(extractor):
    out = extractor.extract("12月29日,签约仪式举行。共有400多名师生参加。\n(编辑:张三)", date="2020-12-30", id="a")
    assert list(out) == [
        "id", "reference_date", "organizations", "people", "dates", "figures", "sections", "credits",
    ]
    assert out["id"] == "a" and out["reference_date"] == "2020-12-30"
    assert all(isinstance(out[field], list) for field in list(out)[2:])
    assert out["credits"][0]["value"] == "张三"


def spans(out):
    """(start, end, the text the output says is there) for every span in an output dict."""
    for field in ("organizations", "people"):
        for item in out[field]:
            for m in item["mentions"]:
                yield m["start"], m["end"], m["text"]
    for field in ("dates", "figures"):
        for m in out[field]:
            yield m["start"], m["end"], m["text"]
    for c in out["credits"]:
        yield c["start"], c["end"], c["value"]
    sections = list(out["sections"])
    while sections:
        s = sections.pop()
        sections += s.get("children", [])
        yield s["start"], s["start"] + len(s["label"]), s["label"]


def test_offsets_are_python_string_indexes(extractor, seed):
    # Astral characters count as one each, as in Python (not UTF-16 units).
    text = "𠀀𠀁" + seed.replace("\n", "\r\n", 3)
    found = list(spans(extractor.extract(text, date="2020-12-30")))
    assert len(found) >= 11  # the seed's 8 sections and 3 credits at least
    for start, end, said in found:
        assert text[start:end] == said


def test_without_id_or_date(extractor):
    out = extractor.extract("(编辑:张三)")
    assert "id" not in out
    assert out["reference_date"] is None


def test_dates_may_be_date_objects(extractor, seed):
    by_text = extractor.extract(seed, date="2020-12-30")
    assert extractor.extract(seed, date=datetime.date(2020, 12, 30)) == by_text
    at_time = extractor.extract(seed, date=datetime.datetime(2020, 12, 30, 10, 5))
    assert at_time["reference_date"] == "2020-12-30T10:05"


def test_numeric_id_becomes_its_decimal_string(extractor):
    assert extractor.extract("正文", id=7)["id"] == "7"


@pytest.mark.parametrize("date", ["2020-13-01", "2021-02-29", "tomorrow", "2020-12-30T25:00"])
def test_bad_date_is_value_error(extractor, date):
    with pytest.raises(ValueError, match="bad date"):
        extractor.extract("正文", date=date)
    with pytest.raises(ValueError, match="bad date"):
        zhnews.Extractor(date=date)


@pytest.mark.parametrize(
    "call",
    [
        lambda e: e.extract(None),
        lambda e: e.extract(b"bytes are not text"),
        lambda e: e.extract("正文", date=20201230),
        lambda e: e.extract("正文", id=True),
        lambda e: e.extract("正文", id=["a"]),
        lambda e: e.extract_line(5),
        lambda e: e.extract_many([5]),
        lambda e: e.extract_many(5),
        lambda e: e.extract_lines(["{}", None]),
    ],
)
def test_wrong_types_are_type_errors(extractor, call):
    with pytest.raises(TypeError):
        call(extractor)


def test_bad_options_are_value_errors():
    with pytest.raises(ValueError, match="unknown field"):
        zhnews.Extractor(fields=["dates", "places"])
    with pytest.raises(ValueError, match="threads"):
        zhnews.Extractor().extract_many(["正文"], threads=0)
    with pytest.raises(ValueError):
        zhnews.Extractor(user_words="龙岗 notanumber nt extra")


def test_user_words_are_used():
    extractor = zhnews.Extractor(user_words="深港国际科教城 5 ns\n")
    assert extractor.extract("(编辑:张三)")["credits"][0]["value"] == "张三"


def test_extract_many_errors_name_the_item(extractor):
    with pytest.raises(ValueError, match="item 1: .*text"):
        extractor.extract_many(["正文", {"id": "b"}])
    with pytest.raises(ValueError, match="item 2: bad date"):
        extractor.extract_many(["正文", "正文", {"text": "正文", "date": "2020-02-30"}])
    with pytest.raises(TypeError, match="item 0: .*float"):
        extractor.extract_many([float("nan")])


def test_lone_surrogates_raise_instead_of_crashing(extractor):
    with pytest.raises(UnicodeEncodeError):
        extractor.extract("正文\ud800")
    with pytest.raises(UnicodeEncodeError):
        extractor.extract_line('{"text": "\ud800"}')


def test_extract_many_equals_a_loop_of_extract(extractor, generated_rows):
    items = []
    for i, line in enumerate(json.loads(row) for row in generated_rows):
        if "text" not in line or line.get("date") == "2020-02-30":
            continue  # error rows are exceptions here, tested above
        items.append(line["text"] if i % 3 == 0 else line)
    loop = [
        extractor.extract(item) if isinstance(item, str)
        else extractor.extract(item["text"], date=item.get("date"), id=item.get("id"))
        for item in items
    ]
    assert extractor.extract_many(items) == loop
    assert extractor.extract_many(items, threads=1) == loop
    assert extractor.extract_many(iter(items), threads=3) == loop
    assert extractor.extract_many([]) == []


def test_extract_many_reads_dicts_like_jsonl_rows(extractor):
    [out] = extractor.extract_many([{"id": 7, "text": "正文", "date": "", "source": object()}])
    assert out["id"] == "7" and out["reference_date"] is None
    [out] = extractor.extract_many([{"text": "正文", "date": datetime.date(2020, 12, 30)}])
    assert out["reference_date"] == "2020-12-30"
    with pytest.raises(TypeError, match="text"):
        extractor.extract_many([{"text": 5}])


def test_gil_is_released_during_batches(extractor, seed):
    """Another Python thread keeps running while a long batch runs in Rust."""
    rows = [json.dumps({"text": seed}, ensure_ascii=False)] * 300
    ticks = 0
    running = True

    def tick():
        nonlocal ticks
        while running:
            ticks += 1

    ticker = threading.Thread(target=tick)
    ticker.start()
    try:
        time.sleep(0.01)
        before = ticks
        started = time.perf_counter()
        extractor.extract_lines(rows, threads=1)  # one call: Python runs nothing else here
        seconds = time.perf_counter() - started
        during = ticks - before
    finally:
        running = False
        ticker.join()
    # Holding the GIL for the whole call, the ticker could not run at all.
    assert seconds > 0.02, "batch too short to tell"
    assert during > 1000, f"the other thread ran {during} times during a {seconds:.2f} s call"


def test_pickles_by_options(seed):
    extractor = zhnews.Extractor(fields=["dates", "figures"], date="2020-12-30", dateline=False)
    copy = pickle.loads(pickle.dumps(extractor))
    assert repr(copy) == repr(extractor) == "Extractor(fields=['dates', 'figures'], date='2020-12-30', dateline=False)"
    assert copy.extract(seed) == extractor.extract(seed)


def test_extractor_is_shared_across_threads(extractor, seed):
    from concurrent.futures import ThreadPoolExecutor

    expected = extractor.extract(seed, date="2020-12-30")
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: extractor.extract(seed, date="2020-12-30"), range(16)))
    assert all(r == expected for r in results)


def test_parse_numeral():
    assert zhnews.parse_numeral("两千三百万") == 23_000_000
    assert zhnews.parse_numeral("三点五") == 3.5
    assert isinstance(zhnews.parse_numeral("四百"), int)
    for bad in ["", "三千五百人", "万万万"]:
        with pytest.raises(ValueError):
            zhnews.parse_numeral(bad)


def test_no_exception_on_arbitrary_text(extractor):
    """Random strings of Han, digits, full-width forms, entities and line ends never raise."""
    alphabet = list("一二三四五六七八九十百千万亿年月日号第个名元%.,:;()（）：，。、０１２３\r\n\u3000\u2028\u0085 ") + [
        "&amp;", "&#12;", "亮点", "编辑", "来源", "2020", "12", "区委书记", "有限公司",
    ]
    rng = random.Random(8)
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))
        for start, end, said in spans(extractor.extract(text, date="2020-12-30")):
            assert text[start:end] == said, text


def test_version():
    assert zhnews.__version__.count(".") == 2


def test_missing_values_are_absent(extractor):
    """None and NaN (what a pandas column holds in its gaps) mean "no such field"."""
    nan = float("nan")
    assert extractor.extract("正文", date=nan, id=nan) == extractor.extract("正文")
    [out] = extractor.extract_many([{"id": nan, "text": "正文", "date": None}])
    assert out == extractor.extract("正文")
    with pytest.raises(ValueError, match="item 0: .*text"):
        extractor.extract_many([{"id": "a", "text": nan}])
