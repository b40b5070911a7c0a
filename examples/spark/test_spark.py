"""The Spark recipe in local[2] gives the single-machine CLI's output, row for row, under LANG=C.

Run by .ci/run in a venv with pyspark, pandas<3, pyarrow and the zhnews wheel:

    LANG=C LC_ALL=C ZHNEWS_CLI=target/release/zhnews python -m pytest examples/spark

Input: 3,000 rows from examples/spark/make_rows.py (the seed fixture in windows,
with CRLF, U+2028, U+0085, full-width forms and a few error rows) plus blank
lines. Each path of zhnews_spark.py must write exactly the bytes that
`zhnews extract --jsonl` writes on one machine. The traps of the recipe's
docstring each have a test here.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import make_rows  # noqa: E402
import zhnews_spark  # noqa: E402

ROWS = 3000
# Spark on loopback only, no UI, in every JVM these tests start.
LOOPBACK = [
    "--conf", "spark.ui.enabled=false",
    "--conf", "spark.driver.host=127.0.0.1",
    "--conf", "spark.driver.bindAddress=127.0.0.1",
]


@pytest.fixture(scope="module")
def cli():
    path = Path(os.environ.get("ZHNEWS_CLI", ROOT / "target" / "release" / "zhnews")).resolve()
    if not path.is_file():
        pytest.fail(f"the zhnews CLI is not at {path}: cargo build --release --features cli")
    return path


@pytest.fixture(scope="module")
def data(tmp_path_factory, cli):
    """(input path, the single-machine CLI's output bytes, number of non-blank rows)."""
    folder = tmp_path_factory.mktemp("spark")
    rows = list(make_rows.rows(ROWS, errors=True))
    # Blank lines, which the CLI skips: the recipe must keep rows aligned anyway.
    rows.insert(10, "")
    rows.insert(2000, " \t")
    source = folder / "input.jsonl"
    source.write_bytes("".join(row + "\n" for row in rows).encode("utf-8"))
    expected = subprocess.run(
        [str(cli), "extract", "--jsonl", str(source)], capture_output=True, check=True
    ).stdout
    return source, expected, ROWS


@pytest.fixture(scope="module")
def spark():
    session = zhnews_spark.session("local[2]", app_name="zhnews-test")
    session.sparkContext.setLogLevel("ERROR")
    session.sparkContext.addPyFile(zhnews_spark.__file__)
    # Several partitions for the DataFrame reader too (--via pandas), as for textFile.
    session.conf.set("spark.sql.files.maxPartitionBytes", str(4 << 20))
    yield session
    session.stop()


def run(spark, source, output, **options):
    args = {"via": "cli", "cli": None, "installed": False, "format": "jsonl", "partitions": 4}
    args.update(options)
    zhnews_spark.run(spark, argparse.Namespace(**args, input=str(source), output=str(output)))


def text_output(folder):
    """The part files of a text output, concatenated in partition order."""
    parts = sorted(Path(folder).glob("part-*"))
    assert parts, f"no part files in {folder}"
    return b"".join(part.read_bytes() for part in parts)


def test_jvm_runs_in_c_locale_with_utf8_files(spark):
    system = spark.sparkContext._jvm.java.lang.System
    # The locale is C (so the JVM's default would be US-ASCII), and the option fixes it.
    assert system.getProperty("sun.jnu.encoding") == "ANSI_X3.4-1968"
    assert system.getProperty("file.encoding") == "UTF-8"


def test_pipe_through_cli_equals_single_machine(spark, data, cli, tmp_path):
    source, expected, count = data
    run(spark, source, tmp_path / "out", via="cli", cli=str(cli))
    got = text_output(tmp_path / "out")
    assert got.count(b"\n") == count
    assert "香港中文大学(深圳)".encode() in got
    assert got == expected


def test_jvm_pipe_equals_single_machine(spark, data, cli, tmp_path):
    source, expected, _ = data
    run(spark, source, tmp_path / "out", via="jvm-pipe", cli=str(cli))
    assert text_output(tmp_path / "out") == expected


def test_wheel_in_map_partitions_equals_single_machine(spark, data, tmp_path):
    source, expected, _ = data
    run(spark, source, tmp_path / "out", via="wheel")
    assert text_output(tmp_path / "out") == expected


def parquet_rows(folder):
    import pyarrow.parquet as pq

    rows = []
    for part in sorted(Path(folder).glob("part-*.parquet")):
        rows += pq.read_table(part).to_pylist()
    return rows


def check_parquet(rows, expected):
    lines = expected.decode("utf-8").split("\n")[:-1]
    assert len(rows) == len(lines)
    names = [name for name, _ in zhnews_spark.PARQUET_COLUMNS]
    for row, line in zip(rows, lines):
        out = json.loads(line)
        assert tuple(row[name] for name in names) == zhnews_spark.flatten(line)
        assert row["id"] == out["id"]
        if "error" in out:
            assert row["error_kind"] == out["error"]["kind"] and row["sections"] is None
        else:
            assert json.loads(row["sections"]) == out["sections"]
            assert row["credits_count"] == len(out["credits"])


def test_map_in_pandas_to_parquet_equals_single_machine(spark, data, tmp_path):
    source, expected, _ = data
    run(spark, source, tmp_path / "out", via="pandas", format="parquet")
    check_parquet(parquet_rows(tmp_path / "out"), expected)


def test_wheel_to_parquet_equals_single_machine(spark, data, tmp_path):
    source, expected, _ = data
    run(spark, source, tmp_path / "out", via="wheel", format="parquet")
    check_parquet(parquet_rows(tmp_path / "out"), expected)


def test_pipe_loses_rows_silently_without_check_code(spark, data, cli):
    """A CLI that fails (here: a bad --date) must fail the job, not give an empty partition."""
    source, _, _ = data
    lines = spark.sparkContext.textFile(str(source), 2).filter(zhnews_spark.is_row)
    failing = f"{cli} extract --jsonl - --date not-a-date"
    assert lines.pipe(failing, env={}).collect() == []  # the trap: no error, no rows
    with pytest.raises(Exception, match="PIPE_FUNCTION_EXITED"):
        lines.pipe(failing, env={}, checkCode=True).collect()


def test_rows_split_on_newline_only(spark, data, tmp_path):
    """Rows hold U+2028 and U+0085: str.splitlines() would cut them, "\\n" does not."""
    source, expected, count = data
    text = expected.decode("utf-8")
    assert "\u2028" in text and "\u0085" in text
    assert len(text.splitlines()) > count  # what the trap would do
    assert len(text.split("\n")[:-1]) == count
    # Spark's own line reader keeps them too.
    out = tmp_path / "expected.jsonl"
    out.write_bytes(expected)
    assert spark.read.text(str(out)).count() == count


def spark_submit(args, cwd):
    env = dict(os.environ, LANG="C", LC_ALL="C", PYSPARK_PYTHON=sys.executable)
    command = [str(Path(sys.executable).parent / "spark-submit"), "--master", "local[2]", *LOOPBACK, *args]
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-3000:]


def test_script_under_spark_submit_equals_single_machine(data, cli, tmp_path):
    source, expected, _ = data
    spark_submit(
        [
            "--driver-java-options", "-Dfile.encoding=UTF-8",
            str(HERE / "zhnews_spark.py"), str(source), str(tmp_path / "out"),
            "--via", "cli", "--cli", str(cli),
        ],
        cwd=tmp_path,
    )
    assert text_output(tmp_path / "out") == expected


def test_jvm_pipe_mangles_chinese_without_utf8_option(data, cli, tmp_path):
    """The trap the option prevents: under LANG=C the JVM's pipe sends `?` for every Chinese character."""
    source, expected, _ = data
    spark_submit(
        [
            str(HERE / "zhnews_spark.py"), str(source), str(tmp_path / "out"),
            "--via", "jvm-pipe", "--cli", str(cli),
        ],
        cwd=tmp_path,
    )
    got = text_output(tmp_path / "out")
    assert got != expected
    assert "亮点一".encode() in expected and "亮点一".encode() not in got
