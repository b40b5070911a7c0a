"""Type stubs for the compiled part of zhnews (python/src/lib.rs)."""

import datetime
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

__version__: str

DateLike = Union[str, datetime.date, None]

class Extractor:
    """Extracts organizations, people, dates, figures, sections and credits.

    Build it once and reuse it: the first extractor in a process builds the
    jieba dictionary (about 0.2 s). Thread-safe; pickles by its options.
    """

    def __init__(
        self,
        *,
        fields: Optional[Sequence[str]] = None,
        date: DateLike = None,
        dateline: bool = True,
        user_words: Optional[str] = None,
    ) -> None: ...
    def extract(
        self, text: str, date: DateLike = None, id: Union[str, int, None] = None
    ) -> dict[str, Any]: ...
    def extract_many(
        self,
        items: Iterable[Union[str, Mapping[str, Any]]],
        threads: Optional[int] = None,
    ) -> list[dict[str, Any]]: ...
    def extract_line(self, line: Union[str, bytes]) -> str: ...
    def extract_lines(
        self, lines: Iterable[Union[str, bytes]], threads: Optional[int] = None
    ) -> list[str]: ...

def parse_numeral(text: str) -> Union[int, float]: ...
