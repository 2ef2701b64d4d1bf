"""The two editions of the built site (English at the root, Japanese under ``ja/``), after both are built.

mkdocs-static-i18n builds the Japanese edition inside the English build and writes one search index
for both, so a search on an English page would also list Japanese pages (and the reverse). Here each
edition gets its own index: ``search/search_index.json`` holds the English pages only, and
``ja/search/search_index.json`` the Japanese ones, tokenised with Material's Japanese segmenter; the
Japanese pages look for their index (and resolve results) under ``ja/``.
"""

from __future__ import annotations

import json
import os
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


HEAD_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def link_twins(site: Path) -> int:
    """Make each page's language switcher lead to its twin, by a relative link (and drop the head's
    alternate links, see below).

    mkdocs-static-i18n writes the home pages' links from ``site_url`` (wrong wherever the site is served
    elsewhere) and misses the playground's twin (the notebook is not a page when it pairs them)."""
    count = 0
    for page in sorted(site.rglob("index.html")):
        rel = page.parent.relative_to(site)
        if rel.parts[:1] == ("assets",):
            continue
        english = rel.relative_to(JA) if rel.parts[:1] == (JA,) else rel
        targets = {"en": site / english, JA: site / JA / english}
        text = page.read_text(encoding="utf-8")

        def relink(m):
            target = targets[m[2]]
            return f'href="{Path(os.path.relpath(target, page.parent)).as_posix()}/"{m[1]}' if target.is_dir() else m[0]
        new = re.sub(r'href="[^"]*"(\s+hreflang="(en|ja)")', relink, text)
        # Material fetches "sitemap.xml" next to each <link rel="alternate"> of the head, expecting the
        # root of each language there: next to a page it is a 404. The sitemap already pairs the pages
        # (xhtml:link alternates, for search engines); the switcher's own links lead to the twin.
        new = HEAD_ALTERNATE.sub("", new)
        if new != text:
            page.write_text(new, encoding="utf-8")
            count += 1
    return count


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


# --- generated tables on Japanese pages ------------------------------------------------------------------
# Snippets print some tables of behaviour as Markdown (docs/generated/NAME.txt, included outside code
# blocks). Both editions show the same table; on a Japanese page its words are translated cell by cell
# with this phrasebook, and numbers and code spans pass through unchanged (tests/test_i18n.py checks both
# that, and that no English is left). A new phrase in a snippet's table fails that test until it is added.
N = r"-?\d+(?:\.\d+)?(?:e-?\d+)?"
C = r"`[^`]+`"
KS = r"\d+(?:-\d+)?(?:, \d+(?:-\d+)?)*"  # the k of a resume verdict: "5, 10" or "1-7, 9-15"
PHRASES: list[tuple[str, str]] = [
    # column headers
    (r"Scheduler", "スケジューラ"),
    (r"Attributes it leaves out", "含まれない属性"),
    (rf"({C}) keys \(type of the value\)", r"\1 のキー（値の型）"),
    (r"Verdict", "判定"),
    (rf"What happens after ({C}) at step ({N})", r"ステップ \2 で \1 を呼んだ後の動作"),
    (r"New group's LR: highest, last", "新しいグループの学習率：最大値、最後の値"),
    (r"Changed on resume, but the checkpoint's value is used", "再開時に変えたが、チェックポイントの値が使われる"),
    (r"Changed on resume, and the new value is used", "再開時に変え、新しい値が使われる"),
    (r"build with the new LR, load both", "新しい学習率で作り、両方を読み込む"),
    (rf"load, then set ({C})", r"読み込んでから \1 を設定"),
    (r"scale the LRs in the checkpoint", "チェックポイント内の学習率をスケールする"),
    (r"replay the new schedule", "新しいスケジュールを再生する"),
    (rf"scheduler built after ({C})", r"\1 の後に作ったスケジューラ"),
    (r"LR ratio after an outside halving", "外から半分にした後の学習率の比"),
    (r"Behaviour", "挙動"),
    (r"In ChainedScheduler", "ChainedScheduler に入れられるか"),
    (r"mode", "モード"),
    (r"improvement when", "改善とみなす条件"),
    (rf"boundary for best=({N}), threshold=({N})", r"best=\1、threshold=\2 のときの境界"),
    (r"just past the boundary", "境界をわずかに越えた値"),
    (r"exactly at the boundary", "境界ちょうどの値"),
    (r"between boundary and best", "境界と best の間の値"),
    (rf"Arguments counted in ({C}) calls", r"\1 の呼び出し回数で数える引数"),
    (rf"Usual cadence of ({C})", r"\1 を呼ぶ通常の頻度"),
    # cells
    (r"\*\*handled\*\*", "**対応する**"),
    (r"\*\*raises\*\*", "**例外**"),
    (r"\*\*wrong LR\*\*", "**学習率が誤る**"),
    (r"ReduceLROnPlateau, min_lr as a list", "ReduceLROnPlateau（min_lr をリストで指定）"),
    (rf"({C}) in ({C}) at step ({N}): ({C})", r"ステップ \3 の \2 で \1：\4"),
    (r"follows the schedule from the step it joined", "加わったステップからスケジュールに従う"),
    (rf"raised to ({N}) times the LR it was added with", r"追加したときの学習率の \1 倍に上がる"),
    (rf"Resuming at step ({N}) with lr=({N}) instead of ({N}) \(and every other LR argument halved\)",
     r"ステップ \1 で、lr=\3 の代わりに lr=\2 として再開（学習率に関わるほかの引数もすべて半分）"),
    (r"right", "正しい"),
    (rf"wrong from step ({N}): ({N}) for ({N})", r"ステップ \1 から誤り：正しくは \3 のところ \2"),
    (rf"optimizer ({C}(?:, {C})*)", r"オプティマイザの \1"),
    (r"exact at every k", "すべての k で一致"),
    (rf"no ({C}) argument", r"\1 引数なし"),
    (r"\*\*overwrites it\*\* \(closed form\)", "**上書きする**（閉形式）"),
    (r"keeps the change \(chainable\)", "変更を保つ（漸化式）"),
    (r"keeps part of it", "一部を保つ"),
    (r"no \(ValueError\)", "不可（ValueError）"),
    (r"yes", "可"),
    (r"\*\*per batch\*\*", "**バッチごと**"),
    (rf"({N}) schedulers in torch ({N}(?:\.\d+)*)\.", r"torch \2 のスケジューラ \1 個。"),
    (r"none \(every call\)", "なし（呼び出しごと）"),
    (r"per epoch", "エポックごと"),
    (r"per epoch \(per batch for a short warm-up\)", "エポックごと（短いウォームアップならバッチごと）"),
    (r"per epoch of the SWA phase", "SWA フェーズのエポックごと"),
    (rf"per epoch, or per batch as ({C}) after batch ({C})", r"エポックごと、またはバッチ \2 の後に \1 としてバッチごと"),
    (rf"per epoch, or per batch with ({C}) in batches", r"エポックごと、または \1 をバッチ数で数えてバッチごと"),
    (rf"per validation, as ({C})", r"検証ごとに \1 として"),
    (r"the cadence of its sub-schedulers", "中のスケジューラの頻度に従う"),
    (rf"({C}): improvement", r"\1：改善"),
    (rf"({C}): bad epoch", r"\1：改善なし"),
]
# the parts of a resume verdict: "k = 5, 10: every step from k on; k = 3: step k only (up to 0.5)"
RESUME_PARTS = [
    (rf"k = ({KS}): every step from k on", r"k = \1：k 以降のすべてのステップ"),
    (rf"k = ({KS}): step k only", r"k = \1：ステップ k のみ"),
    (rf"k = ({KS}): some steps after k", r"k = \1：k より後の一部のステップ"),
]


def translate_cell(cell: str) -> str:
    text = cell.strip()
    for pattern, japanese in PHRASES:
        if re.fullmatch(pattern, text):
            return re.sub(pattern, japanese, text)
    bound = re.fullmatch(rf"(.*) \(up to ({N})\)", text)
    body, tail = (bound[1], f"（最大 {bound[2]}）") if bound else (text, "")
    parts = body.split("; ")
    out = []
    for part in parts:
        for pattern, japanese in RESUME_PARTS:
            if re.fullmatch(pattern, part):
                out.append(re.sub(pattern, japanese, part))
                break
        else:
            return cell.strip()  # not in the phrasebook: left as printed (the test names it)
    return "；".join(out) + tail


def translate_table(text: str) -> str:
    """A generated Markdown table (and any caption line) with its words in Japanese."""
    lines = []
    for line in text.splitlines():
        if line.startswith("|") and not re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", line.strip()):
            cells = line.strip().strip("|").split("|")
            lines.append("| " + " | ".join(translate_cell(c) for c in cells) + " |")
        elif line.strip() and not line.startswith("|"):
            lines.append(translate_cell(line))
        else:
            lines.append(line)
    return "\n".join(lines) + ("\n" if text.endswith("\n") else "")


INCLUDE_LINE = re.compile(r'^(?P<indent>[ \t]*)--8<--\s+"(?P<name>[^"]+\.txt)"\s*$')
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def translate_included_tables(markdown: str, generated: Path) -> str:
    """On a Japanese page: expand each generated table included outside a code block, translated."""
    out, fence = [], None
    for line in markdown.splitlines():
        m = FENCE.match(line)
        if m and (fence is None or m[1].startswith(fence)):
            fence = None if fence else m[1][:3]
            out.append(line)
            continue
        inc = None if fence else INCLUDE_LINE.match(line)
        if inc and (generated / inc["name"]).exists():
            table = translate_table((generated / inc["name"]).read_text(encoding="utf-8"))
            out += [inc["indent"] + row if row else row for row in table.splitlines()]
        else:
            out.append(line)
    return "\n".join(out) + "\n"


# --- the playground's alt texts on its Japanese page --------------------------------------------------------
# The notebook's code (shared by both editions) writes each figure's alt text from the plotted values, in
# English; the Japanese page gets the same statement in Japanese, values unchanged.
ONE_TRACE = (rf"(?P<name>[Ll]earning rate|momentum) of (?P<title>[^\"]*?) over (?P<n>\d+) steps: starts at (?P<start>{N}), "
             rf"highest (?P<top>{N}) \(first at step (?P<top_at>\d+)\), lowest (?P<low>{N}) \(first at step (?P<low_at>\d+)\), "
             rf"ends at (?P<end>{N})")
NOTEBOOK_ALT = re.compile(r'<img alt="([^"]*)"')
NOTEBOOK_NAMES = {"learning rate": "学習率", "momentum": "モーメンタム"}


def _trace_ja(m: re.Match) -> str:
    return (f"{m['title']} の{NOTEBOOK_NAMES[m['name'].lower()]}（{m['n']} ステップ）：最初 {m['start']}、"
            f"最大 {m['top']}（最初はステップ {m['top_at']}）、最小 {m['low']}（最初はステップ {m['low_at']}）、最後 {m['end']}")


def translate_notebook_alts(html_text: str) -> str:
    def alt(m):
        parts = m[1].split("; below it, ")
        matches = [re.fullmatch(ONE_TRACE, p) for p in parts]
        if not all(matches):
            return m[0]  # not written by the notebook's describe(): left as it is (the test names it)
        return '<img alt="' + "。その下に、".join(_trace_ja(x) for x in matches) + '"'
    return NOTEBOOK_ALT.sub(alt, html_text)


# A line break inside a Markdown paragraph becomes a space in the browser, which Japanese text does not
# have between characters: on Japanese pages, a break between two Japanese characters is removed.
CJK = r"\u3000-\u30ff\u3400-\u9fff\uff00-\uffef"
JA_BREAK = re.compile(rf"(?<=[{CJK}])[ \t]*\n[ \t]*(?=[{CJK}])")
PRE = re.compile(r"(<pre\b.*?</pre>|<code\b.*?</code>|<script\b.*?</script>)", re.S)


def join_japanese_lines(html_text: str) -> str:
    parts = PRE.split(html_text)
    return "".join(p if i % 2 else JA_BREAK.sub("", p) for i, p in enumerate(parts))


def notebooks_as_pages(files, config) -> None:
    """Make each edition's notebook a page again, at its edition's address.

    mkdocs-jupyter marks notebooks as pages in its own on_files, but mkdocs-static-i18n then rebuilds
    every file of the edition being built as a plain file, and a plain ``.ipynb`` is an asset: the
    playground would be copied, not executed and rendered. Here the notebook of the edition is wrapped
    as mkdocs-jupyter wraps it, with the address the edition gives it (``playground/``, ``ja/playground/``).
    """
    import posixpath  # noqa: PLC0415

    from mkdocs_jupyter.plugin import NotebookFile  # noqa: PLC0415

    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is None:
        return
    for file in list(files):
        if file.src_uri.endswith(".ipynb") and not file.is_documentation_page() and jupyter.should_include(file):
            page = NotebookFile(file, **config)
            stem = posixpath.splitext(file.dest_uri)[0]
            stem = stem[: -len("/index")] if stem.endswith("/index") else stem  # already given a page's address
            page.dest_path = f"{stem}/index.html" if config.use_directory_urls else f"{stem}.html"
            page.abs_dest_path = str(Path(config.site_dir) / page.dest_path)
            page.url = f"{stem}/" if config.use_directory_urls else f"{stem}.html"
            files.remove(file)
            files.append(page)


def add_notebooks_to_sitemap(site: Path, site_url: str) -> int:
    """mkdocs-static-i18n lists the pages it paired, and the notebooks were not pages then: add them."""
    import gzip  # noqa: PLC0415

    path = site / "sitemap.xml"
    if not path.exists():
        return 0
    text = path.read_text(encoding="utf-8")
    base = site_url if site_url.endswith("/") else site_url + "/"
    added = 0
    for copy in sorted(site.glob("*/*.ipynb")):  # the English notebook is copied next to its page
        folder = copy.parent.relative_to(site).as_posix() + "/"
        urls = {"en": base + folder, JA: base + f"{JA}/{folder}"}
        if not (site / JA / folder / "index.html").exists():
            urls.pop(JA)
        for url in urls.values():
            if f"<loc>{url}</loc>" in text:
                continue
            links = "".join(f'\n        <xhtml:link rel="alternate" hreflang="{lang}" href="{u}"/>' for lang, u in urls.items())
            entry = f"\n    <url>\n        <loc>{url}</loc>\n        <changefreq>daily</changefreq>{links}\n    </url>"
            text = text.replace("</urlset>", entry + "\n</urlset>")
            added += 1
    path.write_text(text, encoding="utf-8")
    with gzip.open(site / "sitemap.xml.gz", "wb") as out:
        out.write(text.encode("utf-8"))
    return added
