"""The Japanese edition cannot drift from the English one.

Source checks (scripts/i18n.py, which translators run too): every page has its twin; each twin has
the same includes, code, figures, formulas, headings and front matter as its English page; its prose is
Japanese; it uses the terminology of scripts/ja_terms.tsv; its alt texts state no number the English
(trace-checked) alt texts do not. Built-site checks: each Japanese page shows the same outputs, code and
figures as its English page, with the same heading anchors, and the language switcher joins the two.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import DOCS, ROOT, pages

import editions
import i18n

ENGLISH = i18n.english_pages()


def test_every_english_page_has_its_japanese_twin_and_back():
    assert len(ENGLISH) >= 36
    missing = [p.relative_to(DOCS).as_posix() for p in ENGLISH if not i18n.twin_of(p).exists()]
    orphans = [p.relative_to(DOCS).as_posix() for p in i18n.japanese_pages() if not i18n.twin_of(p).exists()]
    assert not missing, f"pages without a Japanese twin: {missing}"
    assert not orphans, f"Japanese pages without an English page: {orphans}"


@pytest.mark.parametrize("page", ENGLISH, ids=[p.relative_to(DOCS).as_posix() for p in ENGLISH])
def test_twin_has_the_same_structure_and_japanese_prose(page):
    twin = i18n.twin_of(page)
    if not twin.exists():
        pytest.fail(f"{twin.relative_to(ROOT)} is missing")
    problems = i18n.check_pair(page, twin)
    assert not problems, "\n".join(problems)


# --- the checks can fail: each defect they exist for, planted in a real twin ------------------

PLANTED = "docs/schedulers/step_lr.ja.md"


def planted(edit) -> list[str]:
    en, ja = ROOT / "docs/schedulers/step_lr.md", ROOT / PLANTED
    text = ja.read_text(encoding="utf-8")
    changed = edit(text)
    assert changed != text, "the edit did not apply"
    return _check_text(en, ja, changed)


def _check_text(en: Path, ja: Path, text: str) -> list[str]:
    tmp = ja.with_name(".planted.ja.md")
    tmp.write_text(text, encoding="utf-8")
    try:
        return i18n.check_pair(en, tmp)
    finally:
        tmp.unlink()


def test_the_planted_file_is_clean_to_begin_with():
    assert _check_text(ROOT / "docs/schedulers/step_lr.md", ROOT / PLANTED, (ROOT / PLANTED).read_text()) == []


@pytest.mark.parametrize("what, edit, expected", [
    ("an English paragraph left behind",
     lambda t: t.replace("\n## ", "\nStepLR multiplies the learning rate by gamma every few steps.\n\n## ", 1), "not Japanese"),
    ("an English clause inside Japanese",
     lambda t: t.replace("\n## ", "\nこれは multiplies the learning rate by gamma every time です。\n\n## ", 1), "English phrase"),
    ("an English table cell", lambda t: re.sub(r"\| 必須 \|", "| required |", t, count=1), "not Japanese"),
    ("an include dropped", lambda t: t.replace('--8<-- "step_lr.txt"', "", 1), "includes differ"),
    ("a heading anchor changed", lambda t: t.replace("{#formula}", "{#shiki}", 1), "heading"),
    ("a heading added", lambda t: t.replace("\n## ", "\n## 追加の見出し {#extra}\n\n本文です。\n\n## ", 1), "heading"),
    ("a code block changed", lambda t: t.replace("```text title=", "```text title=\"x\"\n追加\n```\n\n```text title=", 1), "code block"),
    ("a number the English alt text does not state",
     lambda t: re.sub(r"!\[([^\]]*)\]\(\.\./generated/step_lr\.svg\)", r"![\1 1234 回](../generated/step_lr.svg)", t, count=1),
     "1234"),
    ("a terminology variant", lambda t: t.replace("学習率", "学習レート", 1), "学習レート"),
    ("a front-matter value changed", lambda t: t.replace("scheduler: StepLR", "scheduler: MultiStepLR", 1), "front matter"),
])
def test_each_check_catches_its_defect(what, edit, expected):
    problems = planted(edit)
    assert any(expected in p for p in problems), f"{what}: not caught; problems: {problems}"


def test_the_terminology_table_covers_the_issue_terms_and_bans_variants():
    terms = {}
    for line in i18n.TERMS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cols = line.split("\t")
            terms[cols[0]] = cols[1]
    for english, japanese in {"learning rate": "学習率", "scheduler": "スケジューラ", "warm-up": "ウォームアップ",
                              "epoch": "エポック", "batch": "バッチ", "step": "ステップ"}.items():
        assert terms.get(english) == japanese
    assert "スケジューラー" in i18n.banned_terms()


def test_the_script_check_tells_japanese_from_english():
    assert i18n.script_problems("StepLR は `step_size` 回ごとに学習率を gamma 倍します。") is None
    assert i18n.script_problems("PR #7889 で変更されました。") is None
    assert i18n.script_problems("The wrapped optimizer; every param group is scheduled.") == "not Japanese"
    assert "English phrase" in i18n.script_problems("これは divide by ten every thirty epochs のスケジュールです")


# --- the built site ----------------------------------------------------------------------------------

class Content(HTMLParser):
    """What a page shows that both editions share: heading ids, figures, code and outputs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.images, self.code, self.alternates = [], [], [], {}
        self.lang = None
        self._pre = None
        self._in_article = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "article":
            self._in_article += 1
        if tag == "a" and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a.get("href")
        if not self._in_article:
            return
        if re.fullmatch(r"h[1-6]", tag) and a.get("id"):
            self.ids.append((tag, a["id"]))
        if tag == "img":
            self.images.append(a.get("src"))
        if tag == "pre":
            self._pre = []

    def handle_endtag(self, tag):
        if tag == "article":
            self._in_article -= 1
        if tag == "pre" and self._pre is not None:
            self.code.append("".join(self._pre))
            self._pre = None

    def handle_data(self, data):
        if self._pre is not None:
            self._pre.append(data)


def content(path: Path) -> Content:
    parser = Content()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def page_dir(page: Path) -> str:
    rel = page.relative_to(DOCS).with_suffix("").as_posix()
    return "" if rel == "index" else rel + "/"


BUILT = [p for p in pages()] + [DOCS / "playground.ipynb"]


@pytest.mark.parametrize("page", BUILT, ids=[p.relative_to(DOCS).as_posix() for p in BUILT])
def test_each_japanese_page_shows_what_its_english_page_shows(built_site, page):
    en = content(built_site / page_dir(page) / "index.html")
    ja = content(built_site / "ja" / page_dir(page) / "index.html")
    assert (en.lang, ja.lang) == ("en", "ja")
    assert ja.ids == en.ids, "heading anchors differ"
    assert files(built_site / "ja" / page_dir(page), ja.images) == files(built_site / page_dir(page), en.images), \
        "the pages show different figure files"
    if page.suffix == ".md":  # notebooks carry their own (translated) prose inside code-free cells
        assert ja.code == en.code, "code blocks or outputs differ"
    # the language switcher leads to the same page in the other language
    assert ja.alternates.get("en") and en.alternates.get("ja"), "no language switcher"
    assert (built_site / "ja" / page_dir(page) / ja.alternates["en"]).resolve() == (built_site / page_dir(page)).resolve()
    assert (built_site / page_dir(page) / en.alternates["ja"]).resolve() == (built_site / "ja" / page_dir(page)).resolve()


def files(folder: Path, sources: list[str]) -> list:
    """Image sources as the files they load (data: URIs as themselves)."""
    return [src if src.startswith("data:") else (folder / src).resolve() for src in sources]


def test_each_edition_searches_its_own_pages(built_site):
    en = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    ja = json.loads((built_site / "ja" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any(d["location"].startswith("ja/") for d in en["docs"])
    assert "ja" in ja["config"]["lang"] and en["config"]["lang"] == ["en"]
    assert {d["location"].split("#")[0] for d in ja["docs"]} == {d["location"].split("#")[0] for d in en["docs"]}
    whole_pages = [d for d in ja["docs"] if "#" not in d["location"]]
    assert whole_pages and all(i18n.JAPANESE.search(d["title"] + d["text"]) for d in whole_pages)


def test_the_site_has_one_404_page_and_it_is_english(built_site):
    assert '<html lang="en"' in (built_site / "404.html").read_text(encoding="utf-8")
    assert not (built_site / "ja" / "404.html").exists()


# --- generated tables of behaviour on Japanese pages -----------------------------------------------------

def included_tables() -> list[str]:
    names = []
    for page in i18n.japanese_pages():
        if page.suffix == ".md":
            names += [m["name"] for m in map(editions.INCLUDE_LINE.match, i18n._outside_fences(
                page.read_text(encoding="utf-8")).splitlines()) if m]
    return sorted(set(names))


TABLES = included_tables()


def cells(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        if line.startswith("|") and not re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", line.strip()):
            out += [c.strip() for c in line.strip().strip("|").split("|")]
        elif line.strip():
            out.append(line.strip())
    return out


def test_japanese_pages_include_the_generated_tables():
    assert len(TABLES) >= 8, TABLES


@pytest.mark.parametrize("name", TABLES)
def test_a_generated_table_is_japanese_with_its_data_unchanged(generated, name):
    english = (generated / name).read_text(encoding="utf-8")
    japanese = editions.translate_table(english)
    for before, after in zip(cells(english), cells(japanese), strict=True):
        assert sorted(re.findall(r"`[^`]+`", before)) == sorted(re.findall(r"`[^`]+`", after)), (before, after)
        assert sorted(re.findall(r"\d+(?:\.\d+)?(?:e-?\d+)?", re.sub(r"`[^`]+`", "", before))) == sorted(
            re.findall(r"\d+(?:\.\d+)?(?:e-?\d+)?", re.sub(r"`[^`]+`", "", after))), (before, after)
        problem = i18n.script_problems(re.sub(r"`[^`]+`", " ", after))
        assert problem is None, f"{name}: {before!r} has no Japanese in scripts/editions.py's PHRASES ({problem})"


def test_the_playground_alt_texts_are_japanese_on_its_japanese_page(built_site):
    html = (built_site / "ja" / "playground" / "index.html").read_text(encoding="utf-8")
    alts = re.findall(r'<img alt="([^"]*)"', html)
    english = re.findall(r'<img alt="([^"]*)"', (built_site / "playground" / "index.html").read_text(encoding="utf-8"))
    assert len(alts) == len(english) >= 2
    for ja, en in zip(alts, english):
        assert i18n.script_problems(ja) is None, ja
        assert sorted(re.findall(r"\d+(?:\.\d+)?(?:e-?\d+)?", ja)) == sorted(re.findall(r"\d+(?:\.\d+)?(?:e-?\d+)?", en))


def test_japanese_paragraphs_have_no_break_between_characters(built_site):
    """A line break inside Japanese text would show as a space."""
    for page in sorted((built_site / "ja").rglob("index.html")):
        body = editions.PRE.sub("\x00", page.read_text(encoding="utf-8"))  # code stays a boundary
        assert not editions.JA_BREAK.search(body), page
