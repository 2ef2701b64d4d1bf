"""The two editions of the built site (English at the root, Japanese under ``ja/``), after both are built.

mkdocs-static-i18n builds the Japanese edition inside the English build and writes one search index
for both, so a search on an English page would also list Japanese pages (and the reverse). Here each
edition gets its own index: ``search/search_index.json`` holds the English pages only, and
``ja/search/search_index.json`` the Japanese ones, tokenised with Material's Japanese segmenter; the
Japanese pages look for their index (and resolve results) under ``ja/``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

JA = "ja"
# Japanese punctuation separates terms too (Material's segmenter splits the words between them).
JA_SEPARATOR = r"[\s\-、。，．・：；「」『』（）［］【】〈〉《》！？]+"


def split_search_index(site: Path) -> tuple[int, int]:
    """Write one index per edition; returns the number of entries of each (English, Japanese)."""
    path = site / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    prefix = JA + "/"
    en = [d for d in index["docs"] if not (d["location"] == prefix or d["location"].startswith(prefix))]
    ja = [dict(d, location=d["location"][len(prefix):]) for d in index["docs"] if d not in en]
    config = index["config"]
    path.write_text(json.dumps({**index, "config": {**config, "lang": ["en"]}, "docs": en}, ensure_ascii=False),
                    encoding="utf-8")
    target = site / JA / "search" / "search_index.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    ja_config = {**config, "lang": ["ja", "en"], "separator": JA_SEPARATOR}
    target.write_text(json.dumps({**index, "config": ja_config, "docs": ja}, ensure_ascii=False), encoding="utf-8")
    return len(en), len(ja)


CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def rebase_japanese_pages(site: Path) -> int:
    """Point each Japanese page's Material config at the edition's root (its search index lives there)."""
    count = 0
    for page in sorted((site / JA).rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        match = CONFIG.search(text)
        if not match:
            continue
        config = json.loads(match[2])
        base = config["base"]
        # base leads from the page to the site root ("../../.."); the edition's root is one level less
        config["base"] = "." if base in ("..", "../") else re.sub(r"/?\.\.$", "", base) or "."
        text = text[:match.start(2)] + json.dumps(config) + text[match.end(2):]
        page.write_text(text, encoding="utf-8")
        count += 1
    return count
