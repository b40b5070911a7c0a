"""Structured facts from Chinese news and press releases.

zhnews finds the organizations, the officials with their titles, the dates
(TimeML values), the figures, the numbered sections and the credit lines of a
Chinese news text, and returns them as the JSON of the project's output
contract (OUTPUT.md) as Python dicts and lists.

    >>> import zhnews
    >>> extractor = zhnews.Extractor()          # build once: about 0.2 s
    >>> out = extractor.extract("亮点一:共建科教城\\n双方将合作共建研究中心。\\n(编辑:张三)")
    >>> out["sections"][0]["title"], out["credits"][0]["value"]
    ('共建科教城', '张三')

`Extractor.extract_many` runs a batch on Rust threads with the GIL released;
`Extractor.extract_line` / `extract_lines` are the command-line tool's JSONL
row contract in-process (byte-identical rows); `parse_numeral` reads Chinese
numerals.
"""

from ._zhnews import Extractor, __version__, parse_numeral

__all__ = ["Extractor", "parse_numeral", "__version__"]
