"""Shared fixtures: one extractor, the seed article, the CLI binary, generated rows."""

import importlib.util
import os
from pathlib import Path

import pytest

import zhnews

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "articles" / "longgang-cuhksz.txt"
SEED_DATE = "2020-12-30"


def _make_rows():
    """examples/spark/make_rows.py, the generator the Spark test and the throughput runs use."""
    spec = importlib.util.spec_from_file_location("make_rows", ROOT / "examples" / "spark" / "make_rows.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def extractor():
    return zhnews.Extractor()


@pytest.fixture(scope="session")
def seed():
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def generated_rows():
    """400 JSONL rows (str) from the seed: windows, dates, CRLF, U+2028/U+0085, error rows."""
    return list(_make_rows().rows(400, errors=True))


@pytest.fixture(scope="session")
def cli():
    """The release CLI: $ZHNEWS_CLI, else target/release/zhnews. Required under CI."""
    path = Path(os.environ.get("ZHNEWS_CLI", ROOT / "target" / "release" / "zhnews"))
    if not path.is_file():
        message = f"the zhnews CLI is not at {path}: cargo build --release --features cli"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path
