"""Extract a JSONL archive of articles with Spark, through the zhnews CLI or the zhnews wheel.

usage: spark-submit --driver-java-options -Dfile.encoding=UTF-8 \\
           examples/spark/zhnews_spark.py INPUT OUTPUT [--via cli|jvm-pipe|wheel|pandas]
           [--cli PATH [--installed]] [--format jsonl|parquet] [--partitions N]

INPUT   JSONL rows {"id"?, "text", "date"?}: a file, folder or glob on any
        Hadoop-supported URI (file://, hdfs://, s3a://; .gz and .bz2 are read as text).
        UTF-8 only: Spark's text reader replaces invalid bytes with U+FFFD before
        zhnews sees them, so a row that the CLI alone answers with an invalid_utf8
        error row is extracted from the lossy text instead. Transcode GB18030 first.
OUTPUT  a folder that Spark fills with part files, in input order:
        jsonl    rows byte-identical to `zhnews extract --jsonl` (error rows included);
        parquet  one row per article: id, reference_date, error_kind, error_message,
                 <field>_count (int) and <field> (the field's JSON list as a string)
                 for organizations, people, dates, figures, sections, credits.

--via cli     RDD.pipe through `zhnews extract --jsonl -`. The binary (--cli, a Linux
              build of this repository's CLI) is shipped with SparkContext.addFile,
              or, with --installed, run from that same path on every node.
--via jvm-pipe  the JVM's own RDD.pipe (Scala PipedRDD) through the same CLI: rows
              never pass through Python. JSONL output only. Needs -Dfile.encoding=UTF-8.
--via wheel   the zhnews wheel in mapPartitions: Extractor.extract_lines, the same
              rows in-process, no subprocess. The wheel must be installed on every node.
--via pandas  the wheel in mapInPandas over spark.read.text (Arrow batches).

Traps this recipe handles (examples/spark/test_spark.py covers each):
- RDD.pipe ignores the child's exit status unless checkCode=True: a failing CLI
  would silently give an empty partition. We pass checkCode=True.
- PySpark's pipe starts the child with an empty environment (no PATH), so the
  command is an absolute path, and the CLI takes its settings from arguments only.
- The JVM writes text in its default charset unless told otherwise: under LANG=C
  on Java 17 that is US-ASCII, and the JVM's pipe (--via jvm-pipe) turns every
  Chinese character into `?`. PySpark's own RDD.pipe and the wheel paths encode
  UTF-8 themselves. Start the driver and the executors with -Dfile.encoding=UTF-8
  (this script sets it for the executors and, when it starts the JVM itself,
  for the driver; under spark-submit pass --driver-java-options).
- Rows may contain U+2028 or U+0085 (valid unescaped in JSON): lines are split
  on "\\n" only, never with str.splitlines().
- The CLI skips blank lines; so that output rows match input rows one for one,
  blank lines are dropped before either path.
"""

import argparse
import json
import os
import sys

# Blank input lines are skipped by `zhnews extract --jsonl` (ASCII white space only).
ASCII_WHITESPACE = " \t\n\x0c\r"
FIELDS = ("organizations", "people", "dates", "figures", "sections", "credits")
# Rows per call into the wheel: large enough to amortize the call, small enough to stream.
BATCH = 256

_EXTRACTOR = None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--via", choices=["cli", "jvm-pipe", "wheel", "pandas"], default="cli")
    parser.add_argument("--cli", help="the zhnews binary (for --via cli)")
    parser.add_argument(
        "--installed",
        action="store_true",
        help="--cli is installed at this path on every node: do not ship it",
    )
    parser.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    parser.add_argument(
        "--partitions",
        type=int,
        default=None,
        help="minimum input partitions (RDD paths; --via pandas splits by spark.sql.files.maxPartitionBytes)",
    )
    parser.add_argument("--master", default=None, help="e.g. local[2]; default: spark-submit's")
    args = parser.parse_args(argv)
    if args.via in ("cli", "jvm-pipe") and not args.cli:
        parser.error(f"--via {args.via} needs --cli PATH")
    if args.via == "jvm-pipe" and args.format != "jsonl":
        parser.error("--via jvm-pipe writes jsonl only")

    spark = session(args.master)
    try:
        run(spark, args)
    finally:
        spark.stop()


def session(master=None, app_name="zhnews"):
    """A SparkSession set up for this recipe: UTF-8 JVMs, no UI, loopback when local."""
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.appName(app_name)
        # Effective for the driver only when this call starts the JVM (python script.py);
        # under spark-submit, pass --driver-java-options -Dfile.encoding=UTF-8.
        .config("spark.driver.extraJavaOptions", "-Dfile.encoding=UTF-8")
        .config("spark.executor.extraJavaOptions", "-Dfile.encoding=UTF-8")
        .config("spark.ui.enabled", "false")
        # Reuse Python workers (the default), so each builds its extractor once.
        .config("spark.python.worker.reuse", "true")
    )
    if master is not None:
        builder = builder.master(master)
        if master.startswith("local"):
            builder = (
                builder.config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
            )
        # Local Python workers run this interpreter (a venv with the wheel), not
        # whatever `python3` is first on PATH. PySpark reads the variable itself.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        if master.startswith("local"):
            # Bind the JVM this call starts to loopback, whatever the host name resolves to.
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    return builder.getOrCreate()


def run(spark, args):
    """Reads args.input, extracts by args.via, writes args.output in args.format."""
    sc = spark.sparkContext
    if __name__ != "__main__":
        # Imported by another job: its functions are pickled by reference, so
        # the executors must be able to import this file too.
        sc.addPyFile(os.path.abspath(__file__))
    if args.via == "pandas":
        # Split by spark.sql.files.maxPartitionBytes (128 MB), not --partitions:
        # repartitioning would shuffle the rows out of input order.
        frame = spark.read.text(args.input)
        if args.format == "parquet":
            out = frame.mapInPandas(extract_frames, schema=PARQUET_SCHEMA)
            out.write.mode("error").parquet(args.output)
        else:
            out = frame.mapInPandas(extract_frames_jsonl, schema="value string")
            out.write.mode("error").text(args.output)
        return

    if args.via == "jvm-pipe":
        # The CLI skips blank lines itself; nothing to filter without Python.
        lines = sc._jsc.textFile(args.input, args.partitions or sc.defaultMinPartitions)
        lines.pipe(cli_command(sc, args.cli, args.installed)).saveAsTextFile(args.output)
        return

    lines = sc.textFile(args.input, minPartitions=args.partitions)
    lines = lines.filter(is_row)
    if args.via == "cli":
        rows = lines.pipe(cli_command(sc, args.cli, args.installed), env={}, checkCode=True)
    else:
        rows = lines.mapPartitions(extract_partition)
    if args.format == "parquet":
        spark.createDataFrame(rows.map(flatten), schema=PARQUET_SCHEMA).write.mode(
            "error"
        ).parquet(args.output)
    else:
        rows.saveAsTextFile(args.output)


def is_row(line):
    """False for the blank lines that the CLI skips."""
    return bool(line.strip(ASCII_WHITESPACE))


def cli_command(sc, path, installed=False):
    """The pipe command for the zhnews binary at `path`, shipped to the executors unless installed.

    PySpark's pipe runs the command with an empty environment, so the path must
    be absolute. Files added with addFile land in the Spark temporary folder in
    local mode (SparkFiles.get on the driver gives it) and in each executor's
    working folder on a cluster (YARN, Kubernetes, standalone), where Python
    workers run.
    """
    from pyspark import SparkFiles

    if installed:
        binary = path
    else:
        sc.addFile(path)
        name = os.path.basename(path)
        binary = SparkFiles.get(name) if sc.master.startswith("local") else "./" + name
    return f"{binary} extract --jsonl -"


def extractor():
    """One zhnews.Extractor per Python worker, built on first use (about 0.2 s)."""
    global _EXTRACTOR
    if _EXTRACTOR is None:
        import zhnews

        _EXTRACTOR = zhnews.Extractor()
    return _EXTRACTOR


def batches(items, size=BATCH):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def extract_partition(lines):
    """mapPartitions: JSONL rows in, the CLI's output rows out (one thread per task)."""
    ex = extractor()
    for batch in batches(lines):
        yield from ex.extract_lines(batch, threads=1)


def extract_frames_jsonl(frames):
    """mapInPandas: a `value` column of JSONL rows in, a `value` column of output rows out."""
    import pandas as pd

    ex = extractor()
    for frame in frames:
        rows = [line for line in frame["value"] if is_row(line)]
        yield pd.DataFrame({"value": ex.extract_lines(rows, threads=1)})


def extract_frames(frames):
    """mapInPandas: a `value` column of JSONL rows in, the flattened Parquet columns out."""
    import pandas as pd

    ex = extractor()
    columns = [name for name, _ in PARQUET_COLUMNS]
    for frame in frames:
        rows = [line for line in frame["value"] if is_row(line)]
        flat = [flatten(row) for row in ex.extract_lines(rows, threads=1)]
        yield pd.DataFrame.from_records(flat, columns=columns)


def flatten(row):
    """One output row (JSON text) as a tuple of the Parquet columns."""
    out = json.loads(row)
    error = out.get("error")
    values = [
        out.get("id"),
        out.get("reference_date"),
        error["kind"] if error else None,
        error["message"] if error else None,
    ]
    for field in FIELDS:
        items = out.get(field)
        values.append(None if items is None else len(items))
        values.append(None if items is None else json.dumps(items, ensure_ascii=False))
    return tuple(values)


PARQUET_COLUMNS = [
    ("id", "string"),
    ("reference_date", "string"),
    ("error_kind", "string"),
    ("error_message", "string"),
]
for _field in FIELDS:
    PARQUET_COLUMNS += [(f"{_field}_count", "int"), (_field, "string")]
PARQUET_SCHEMA = ", ".join(f"{name} {kind}" for name, kind in PARQUET_COLUMNS)


if __name__ == "__main__":
    sys.exit(main())
