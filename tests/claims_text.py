"""Find the quantified sentences of the pages' prose (shared by test_claims.py and the inventory tool)."""

from __future__ import annotations

import re
from pathlib import Path

QUANTIFIER = re.compile(r"\b(every|all|never|only|always|none|no scheduler|each)\b", re.I)


def prose(text: str) -> str:
    """The page without front matter, code blocks, includes, figures, HTML and link targets."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"^\s*--8<--.*$", " ", text, flags=re.M)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return text


def sentences(text: str) -> list[str]:
    out = []
    for paragraph in re.split(r"\n\s*\n", prose(text)):
        paragraph = " ".join(paragraph.split())
        out += [s for s in re.split(r"(?<=[.!?:])\s+(?=[-A-Z*`(\[|])", paragraph) if s]
    return out


def words(sentence: str) -> str:
    """The sentence with inline code replaced by `…`, so `None` or `all_groups` is not a quantifier."""
    return re.sub(r"`[^`]*`", "`…`", sentence)


def quantified(page: Path) -> list[str]:
    return [words(s) for s in sentences(page.read_text(encoding="utf-8")) if QUANTIFIER.search(words(s))]


def quote(sentence: str) -> str:
    """A short exact piece of the sentence around its first quantifier (what the inventory stores)."""
    m = QUANTIFIER.search(sentence)
    starts = [w.start() for w in re.finditer(r"\S+", sentence[: m.start()])]
    ends = [w.end() for w in re.finditer(r"\S+", sentence[m.end():])]
    begin = starts[-4] if len(starts) >= 4 else 0
    end = m.end() + (ends[4] if len(ends) >= 5 else (ends[-1] if ends else 0))
    return sentence[begin:end]
