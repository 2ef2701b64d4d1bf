"""The Japanese edition (``docs/**/x.ja.md`` beside ``docs/**/x.md``): how a twin is started and checked.

    python scripts/i18n.py skeleton docs/schedulers/step_lr.md > docs/schedulers/step_lr.ja.md
    python scripts/i18n.py check                 # every twin; or name some .ja.md / .ja.ipynb files

``skeleton`` copies the English page and pins every heading to its English anchor (``{#formula}``), so
links and the language switcher land on the same section in both editions. ``check`` prints each
problem as ``file:line: message`` and exits non-zero; ``tests/test_i18n.py`` runs the same checks:

* twin structure: the same includes (``--8<--``) in the same order, the same code blocks, the same
  figures, the same display formulas, the same headings (count per level, anchors) and front-matter keys;
* script: every paragraph, list item, table cell, heading, admonition title and alt text that has English
  words left once code, formulas, names and links are set aside is Japanese, and holds no run of four or
  more lowercase English words (a sentence left behind);
* terminology: none of the variants that ``scripts/ja_terms.tsv`` rules out;
* figures: an alt text states no number that the English alt text (checked against the trace by
  tests/figure_claims.py) does not state.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
TERMS = Path(__file__).with_name("ja_terms.tsv")

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details",
              "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.arithmatex"]
EXTENSION_CONFIGS = {"pymdownx.tabbed": {"alternate_style": True}, "pymdownx.arithmatex": {"generic": True}}

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")
FENCE = re.compile(r"^(?P<indent>\s*)(?P<mark>`{3,}|~{3,})(?P<info>.*)$")
INCLUDE = re.compile(r'--8<--\s+"([^"]+)"')
IMAGE_MD = re.compile(r'!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)')
IMAGE_HTML = re.compile(r'<img\b[^>]*?\balt="(?P<alt>[^"]*)"[^>]*?\bsrc="(?P<src>[^"]+)"|<img\b[^>]*?\bsrc="(?P<src2>[^"]+)"[^>]*?\balt="(?P<alt2>[^"]*)"')
TITLE = re.compile(r'title="([^"]*)"')
NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
NUMBER_WORDS.update({"thirty": "30", "forty": "40", "fifty": "50", "hundred": "100", "tenfold": "10",
                     "twice": "2", "once": "1", "half": "0.5", "thrice": "3", "double": "2", "tenth": "10",
                     "hundredth": "100", "thousandth": "1000", "quarter": "4", "third": "3", "fifth": "5",
                     "ninefold": "9", "twofold": "2", "threefold": "3", "fivefold": "5", "hundredfold": "100",
                     "doubled": "2", "doubles": "2", "ninth": "9", "fiftieth": "50", "twentieth": "20", "hundredths": "100", "halved": "2", "halves": "2", "halving": "2", "halvings": "2"})


def twin_of(path: Path) -> Path:
    """docs/a/b.md -> docs/a/b.ja.md and back (notebooks alike)."""
    name = path.name
    if ".ja." in name:
        return path.with_name(name.replace(".ja.", ".", 1))
    stem, dot, ext = name.rpartition(".")
    return path.with_name(f"{stem}.ja.{ext}")


def english_pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*") if p.suffix in (".md", ".ipynb") and ".ja." not in p.name
                  and "generated" not in p.relative_to(DOCS).parts)


def japanese_pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*") if p.suffix in (".md", ".ipynb") and ".ja." in p.name)


# ----------------------------------------------------------------------------------------------- parsing
@dataclass
class Page:
    path: Path
    text: str
    front: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # line number of the body's first line
    includes: list[str] = field(default_factory=list)
    fences: list[tuple[int, str, str]] = field(default_factory=list)  # (line, title, body)
    images: list[tuple[int, str, str]] = field(default_factory=list)  # (line, src, alt)
    display_math: list[str] = field(default_factory=list)

    def line_of(self, text: str) -> int:
        """The source line of a rendered block: the first line holding a long enough piece of its text."""
        words = text.split()
        candidates = [" ".join(words[:n]) for n in (4, 3, 2)] + sorted(words, key=len, reverse=True)[:3]
        lines = self.text.splitlines()
        for needle in candidates:
            for i, line in enumerate(lines[self.body_line - 1:], self.body_line):
                if len(needle) >= 3 and needle in line:
                    return i
        return 1


def parse(path: Path, text: str | None = None) -> Page:
    text = path.read_text(encoding="utf-8") if text is None else text
    page = Page(path, text)
    lines = text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        for line in lines[1:end]:
            if re.match(r"^[\w-]+:", line):
                key, _, value = line.partition(":")
                page.front[key.strip()] = value.strip()
        start = end + 1
    page.body = "\n".join(lines[start:])
    page.body_line = start + 1
    fence, fence_start, fence_title, fence_body = None, 0, "", []
    for i, line in enumerate(lines[start:], start + 1):
        if fence is None:
            m = FENCE.match(line)
            if m:
                fence, fence_start, fence_body = m["mark"], i, []
                t = TITLE.search(m["info"])
                fence_title = t[1] if t else ""
                continue
            for m in INCLUDE.finditer(line):
                page.includes.append(m[1])
            for m in IMAGE_MD.finditer(line):
                page.images.append((i, m["src"], m["alt"]))
            for m in IMAGE_HTML.finditer(line):
                page.images.append((i, m["src"] or m["src2"], m["alt"] if m["alt"] is not None else m["alt2"]))
        else:
            if line.strip().startswith(fence) and set(line.strip()) == {fence[0]}:
                page.fences.append((fence_start, fence_title, "\n".join(l.strip() for l in fence_body)))
                fence = None
                continue
            fence_body.append(line)
            for m in INCLUDE.finditer(line):
                page.includes.append(m[1])
    page.display_math = [re.sub(r"\s+", " ", m).strip() for m in re.findall(r"\\\[(.*?)\\\]", _outside_fences(page.body), re.S)]
    return page


def _outside_fences(body: str) -> str:
    out, fence = [], None
    for line in body.splitlines():
        m = FENCE.match(line)
        if fence is None and m:
            fence = m["mark"]
            out.append("")
        elif fence is not None:
            if line.strip().startswith(fence) and set(line.strip()) == {fence[0]}:
                fence = None
            out.append("")
        else:
            out.append(line)
    return "\n".join(out)


def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


def render(page: Page) -> tuple[str, list[tuple[int, str, str]]]:
    """HTML of the body (includes dropped: they are shared) and its headings as (level, id, text)."""
    body = "\n".join("" if INCLUDE.search(l) and not l.strip().startswith(("`", "~")) and "`" not in l.split("--8<--")[0][-1:]
                     else l for l in page.body.splitlines())
    md = _markdown()
    html_text = md.convert(body)
    heads: list[tuple[int, str, str]] = []

    def walk(tokens):
        for t in tokens:
            heads.append((t["level"], t["id"], t["name"]))
            walk(t["children"])
    walk(md.toc_tokens)
    return html_text, heads


def headings(page: Page) -> list[tuple[int, str, str]]:
    return render(page)[1]


# ------------------------------------------------------------------------------------------- the script
class Blocks(HTMLParser):
    """The prose blocks of rendered HTML: (kind, text), code and formulas set aside."""

    PROSE = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "dt", "dd", "figcaption",
             "label", "blockquote"}
    SKIP = {"code", "pre", "script", "style"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self.stack: list[tuple[str, str, list[str]]] = []  # (kind, tag, text parts)
        self.skip = 0

    INLINE = {"a", "em", "strong", "b", "i", "sup", "sub", "abbr", "kbd", "mark", "small", "del", "ins", "span",
              "label"} - PROSE
    VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source"}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img" and a.get("alt") is not None:
            self.blocks.append(("alt text", a["alt"]))
        if tag in self.VOID:
            return
        if tag in self.SKIP or (tag in ("span", "div") and "arithmatex" in (a.get("class") or "")):
            self.skip += 1
            self.stack.append(("#skip", tag, []))
        elif tag in self.PROSE:
            self.stack.append((tag, tag, []))
        elif tag not in self.INLINE:
            self.stack.append(("#container", tag, []))

    def handle_endtag(self, tag):
        if tag in self.VOID or not any(t == tag for _, t, _ in self.stack):
            return  # an inline element (it pushed nothing), or a stray end tag
        while self.stack:
            kind, opened, parts = self.stack.pop()
            if kind == "#skip":
                self.skip -= 1
                self._text(" ")
            elif kind in self.PROSE:
                text = re.sub(r"\s+", " ", "".join(parts)).strip()
                if text:
                    self.blocks.append((kind, text))
            if opened == tag:
                return

    def handle_data(self, data):
        if not self.skip:
            self._text(data)

    def _text(self, data):
        for kind, _, parts in reversed(self.stack):
            if kind in self.PROSE:
                parts.append(data)
                return
            if kind == "#skip":
                return


NAMEISH = re.compile(r"\S*[/#_.@=()\[\]0-9<>`*+:]\S*|\S*[a-z][A-Z]\S*|[A-Z][A-Z0-9]+s?\b")


def english_words(text: str) -> list[str]:
    """Lowercase English words once names, paths, numbers and identifiers are set aside."""
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"「[^」]*」|“[^”]*”|\"[^\"]*\"", " 」 ", text)  # quoted titles of sources stay as written
    text = NAMEISH.sub(" ", text)
    return re.findall(r"\b[a-z][a-z'’-]+\b", text)


def script_problems(text: str) -> str | None:
    words = english_words(text)
    if not words:
        return None
    if not JAPANESE.search(text):
        return "not Japanese"
    runs = re.split(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uff00-\uffef。、]+", text)
    for run in runs:
        seq = english_words(run)
        tokens = [t for t in re.findall(r"\S+", NAMEISH.sub(" ", re.sub(r"https?://\S+", " ", run)))]
        streak = best = 0
        for t in tokens:
            streak = streak + 1 if re.fullmatch(r"[a-z][a-z'’-]+[,;.]?", t) else 0
            best = max(best, streak)
        if best >= 4 and seq:
            return f"English phrase left: {run.strip()[:60]!r}"
    return None


# ------------------------------------------------------------------------------------------- terminology
def banned_terms() -> dict[str, str]:
    banned = {}
    for line in TERMS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        for variant in (cols[2].split(",") if len(cols) > 2 else []):
            if variant.strip():
                banned[variant.strip()] = cols[1]
    return banned


def numbers(text: str) -> set[str]:
    text = re.sub(r"(\d+)\s*分の\s*1(?![\d.])", r"\1", text)  # "3 分の 1" states one number: a third
    found = {n.rstrip(".").lstrip("0") or "0" for n in re.findall(r"\d+(?:\.\d+)?(?:e-?\d+)?", text)}
    for w in re.findall(r"[a-z]+", text.lower()):
        if w in NUMBER_WORDS:
            found.add(NUMBER_WORDS[w])
    return found


# ------------------------------------------------------------------------------------------------ checks
def check_pair(en_path: Path, ja_path: Path) -> list[str]:
    if en_path.suffix == ".ipynb":
        return check_notebook(en_path, ja_path)
    rel = ja_path.relative_to(ROOT)
    en, ja = parse(en_path), parse(ja_path)
    out: list[str] = []

    def err(line, msg):
        out.append(f"{rel}:{line}: {msg}")

    if set(en.front) != set(ja.front):
        err(1, f"front matter keys {sorted(ja.front)} differ from the English {sorted(en.front)}")
    for key in en.front:
        if key in ja.front and key not in ("description", "title") and en.front[key] != ja.front[key]:
            err(1, f"front matter {key}: {ja.front[key]!r} differs from the English {en.front[key]!r}")
    if "description" in ja.front and script_problems(ja.front["description"]):
        err(1, f"description: {script_problems(ja.front['description'])}")
    if en.includes != ja.includes:
        missing = [i for i in en.includes if i not in ja.includes]
        extra = [i for i in ja.includes if i not in en.includes]
        err(1, f"includes differ from the English page (missing {missing}, extra {extra}"
               + (", or in another order)" if not missing and not extra else ")"))
    en_code = [(b, t if ("/" in t or "." in t) else "") for _, t, b in en.fences]
    ja_code = [(b, t if ("/" in t or "." in t) else "") for _, t, b in ja.fences]
    if en_code != ja_code:
        for k, (a, b) in enumerate(zip(en_code, ja_code)):
            if a != b:
                err(ja.fences[k][0], f"code block {k + 1} differs from the English one: {b[0][:60]!r} vs {a[0][:60]!r}")
                break
        else:
            err(1, f"{len(ja_code)} code blocks, the English page has {len(en_code)}")
    for line, title, _ in ja.fences:
        if title and not ("/" in title or "." in title) and script_problems(title):
            err(line, f"code block title {title!r}: {script_problems(title)}")
    if [s for _, s, _ in en.images] != [s for _, s, _ in ja.images]:
        err(1, f"figures {[s for _, s, _ in ja.images]} differ from the English {[s for _, s, _ in en.images]}")
    else:
        for (_, _, en_alt), (line, src, ja_alt) in zip(en.images, ja.images):
            extra = numbers(ja_alt) - numbers(en_alt)
            if extra:
                err(line, f"alt text of {src} states {sorted(extra)}, which the English alt text does not")
    if en.display_math != ja.display_math:
        err(1, "display formulas differ from the English page")
    html_ja, heads_ja = render(ja)
    _, heads_en = render(en)
    if [(l, i) for l, i, _ in heads_en] != [(l, i) for l, i, _ in heads_ja]:
        for k, (a, b) in enumerate(zip(heads_en, heads_ja)):
            if a[:2] != b[:2]:
                err(ja.line_of(b[2]), f"heading {k + 1} is h{b[0]} #{b[1]}, the English one is h{a[0]} #{a[1]} ({a[2]!r})")
                break
        else:
            err(1, f"{len(heads_ja)} headings, the English page has {len(heads_en)}")
    parser = Blocks()
    parser.feed(html_ja)
    for kind, text in parser.blocks:
        problem = script_problems(text)
        if problem:
            err(ja.line_of(text), f"{kind}: {problem}: {text[:80]!r}")
    out += term_problems(ja)
    return out


def term_problems(page: Page) -> list[str]:
    out = []
    prose = _outside_fences(page.text)
    for variant, term in banned_terms().items():
        for i, line in enumerate(prose.splitlines(), 1):
            if variant in re.sub(r"`[^`]*`", "", line):
                out.append(f"{page.path.relative_to(ROOT)}:{i}: {variant!r}: the edition writes {term!r} (scripts/ja_terms.tsv)")
    return out


def check_notebook(en_path: Path, ja_path: Path) -> list[str]:
    rel = ja_path.relative_to(ROOT)
    en, ja = json.loads(en_path.read_text()), json.loads(ja_path.read_text())
    out = []
    code = lambda nb: ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]  # noqa: E731
    if code(en) != code(ja):
        out.append(f"{rel}:1: code cells differ from the English notebook")
    kinds = lambda nb: [c["cell_type"] for c in nb["cells"]]  # noqa: E731
    if kinds(en) != kinds(ja):
        out.append(f"{rel}:1: cell types {kinds(ja)} differ from the English {kinds(en)}")
    for n, cell in enumerate(ja["cells"], 1):
        if cell["cell_type"] != "markdown":
            continue
        parser = Blocks()
        parser.feed(_markdown().convert("".join(cell["source"])))
        for kind, text in parser.blocks:
            problem = script_problems(text)
            if problem:
                out.append(f"{rel}:cell {n}: {kind}: {problem}: {text[:80]!r}")
    return out


def check(paths: list[Path] | None = None) -> list[str]:
    out = []
    if paths is None:
        for en in english_pages():
            if not twin_of(en).exists():
                out.append(f"{twin_of(en).relative_to(ROOT)}:1: missing: the Japanese twin of {en.relative_to(ROOT)}")
        for ja in japanese_pages():
            if not twin_of(ja).exists():
                out.append(f"{ja.relative_to(ROOT)}:1: no English page {twin_of(ja).relative_to(ROOT)}")
        paths = [p for p in japanese_pages() if twin_of(p).exists()]
    for ja in paths:
        ja = Path(ja).resolve()
        out += check_pair(twin_of(ja), ja)
    return out


# --------------------------------------------------------------------------------------------- skeleton
def skeleton(en_path: Path) -> str:
    """The English page with each heading pinned to its English anchor: the translator's starting point."""
    page = parse(en_path)
    heads = iter(headings(page))
    out, fence = [], None
    lines = page.text.splitlines()
    for i, line in enumerate(lines, 1):
        m = FENCE.match(line)
        if fence is None and m:
            fence = m["mark"]
        elif fence is not None and line.strip().startswith(fence) and set(line.strip()) == {fence[0]}:
            fence = None
        elif fence is None and i >= page.body_line and re.match(r"^\s*#{1,6}\s", line):
            level, anchor, _ = next(heads)
            if "__" in anchor:  # else Markdown reads `__init__` in the id as bold before the id is read
                anchor = anchor.replace("_", "\\_")
            attrs = re.search(r"\{([^}]*)\}\s*$", line)
            if attrs and "#" not in attrs[1]:  # an attribute list without an id: the id joins it
                line = f"{line[:attrs.start()].rstrip()} {{ #{anchor} {attrs[1].strip()} }}"
            elif not attrs:
                line = f"{line.rstrip()} {{#{anchor}}}"
        out.append(line)
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    if argv[:1] == ["skeleton"] and len(argv) == 2:
        sys.stdout.write(skeleton(Path(argv[1]).resolve()))
        return 0
    if argv[:1] == ["check"]:
        problems = check([Path(a) for a in argv[1:]] or None)
        print("\n".join(problems) if problems else "i18n: every twin checked, no problem")
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
