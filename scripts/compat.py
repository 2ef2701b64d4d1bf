"""What the release matrix (``docs/compatibility.json``, written by ``scripts/matrix.py``) tells readers.

The MkDocs hook calls ``annotate(markdown, src_uri)`` for every page:

* under the title of a page that includes snippets: the releases on which all of its
  snippets print the same output as on the pinned torch, and an expandable note per
  snippet that differs somewhere (which releases, the diff of the printed output, where
  the traces depart), or that raised;
* under the title of the home page: the site-wide count and the newest release checked;
* on ``compatibility.md``: the snippets x releases table in place of ``<!-- compat:table -->``
  and the per-release summary in place of ``<!-- compat:releases -->``.

A result counts only for the snippet content it was recorded for: a snippet whose
current sha256 is not in the record is "not yet checked on other releases", never a
result. Nothing here imports torch.
"""

from __future__ import annotations

import json
import posixpath
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import matrix  # noqa: E402

INCLUDE = re.compile(r'--8<--\s+"([^"]+\.py)"')
H1 = re.compile(r"^# .+$", re.M)
AGREE = ("same", "rounding")  # statuses that count as "the same output"
LABELS = {  # text shown in a cell (colour is never the only signal) and its longer meaning
    "same": ("same", "prints the same output and records the same traces as on the pinned release"),
    "rounding": ("≈ same", "same printed output; traces differ by at most 1e-12 relative (rounding)"),
    "differs": ("differs", "the printed output or the traces differ from the pinned release"),
    "error": ("error", "the snippet raises an exception on this release"),
    "unchecked": ("not run", "not yet checked on this release for the snippet's current content"),
}
LABELS_JA = {
    "same": ("同じ", "固定したリリースと同じ出力を表示し、同じ推移を記録する"),
    "rounding": ("≈ 同じ", "表示される出力は同じで、推移の差は相対 1e-12 以下（丸め誤差）"),
    "differs": ("異なる", "表示される出力か推移が固定したリリースと異なる"),
    "error": ("エラー", "このリリースではスニペットが例外を送出する"),
    "unchecked": ("未実行", "スニペットの現在の内容では、このリリースでまだ確認していない"),
}


def lang_of(src_uri: str) -> str:
    """'ja' for a Japanese twin (``x.ja.md``), else 'en'."""
    return "ja" if ".ja." in posixpath.basename(src_uri) else "en"


def labels(lang: str) -> dict:
    return LABELS_JA if lang == "ja" else LABELS


def load(path: Path = matrix.RECORD) -> dict:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        record = {}
    record.setdefault("snippets", {})
    record.setdefault("runs", {})
    record.setdefault("releases", list(matrix.RELEASES))
    record.setdefault("pinned", matrix.PINNED)
    return record


def current_hashes() -> dict[str, str]:
    return {name: matrix.content_hash(path) for name, path in matrix.snippet_paths().items()}


class Matrix:
    """The record read against the snippets as they are now."""

    def __init__(self, record: dict | None = None, hashes: dict[str, str] | None = None):
        self.record = load() if record is None else record
        self.hashes = current_hashes() if hashes is None else hashes
        self.releases = list(matrix.RELEASES)
        self.pinned = self.record.get("pinned", matrix.PINNED)

    def result(self, name: str, release: str) -> dict:
        digest = self.hashes.get(name)
        entry = self.record["snippets"].get(name, {}).get(digest, {}).get(release) if digest else None
        return entry if entry else {"status": "unchecked"}

    def status(self, name: str, release: str) -> str:
        return self.result(name, release)["status"]

    def checked(self, name: str) -> list[str]:
        return [r for r in self.releases if self.status(name, r) != "unchecked"]

    def agreeing(self, names: list[str]) -> list[str]:
        """Releases on which every one of `names` was checked and agrees with the pinned output."""
        return [r for r in self.releases if names and all(self.status(n, r) in AGREE for n in names)]

    def newest_verified(self) -> str | None:
        """The newest release on which every snippet has been checked."""
        done = [r for r in self.releases if self.hashes and all(self.status(n, r) != "unchecked" for n in self.hashes)]
        return max(done, key=matrix.version_key) if done else None


# --- words -----------------------------------------------------------------------


def spans(releases: list[str], order: list[str]) -> str:
    """'2.0.1–2.3.1, 2.6.0' for runs of consecutive releases in `order`."""
    idx = sorted(order.index(r) for r in releases)
    groups: list[list[int]] = []
    for i in idx:
        if groups and i == groups[-1][-1] + 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    return ", ".join(order[g[0]] if len(g) == 1 else f"{order[g[0]]}–{order[g[-1]]}" for g in groups)


def anchor(name: str) -> str:
    return f"compat-{name.replace('_', '-')}"


def included(markdown: str) -> list[str]:
    names = []
    for path in INCLUDE.findall(markdown):
        name = posixpath.splitext(posixpath.basename(path))[0]
        if name not in names:
            names.append(name)
    return names


def _indent(lines: list[str], by: str = "    ") -> list[str]:
    return [by + line if line else "" for line in lines]


def _how(result: dict, lang: str = "en") -> list[str]:
    status = result["status"]
    if status == "error":
        message = re.sub(r"\x1b\[[0-9;]*m", "", result["message"])  # terminal bold codes in torch.load's message
        return [f"`{result['type']}`:", "", "```text", *message.splitlines(), "```"]  # one line each: all indented
    lines = []
    if result.get("diff"):
        lines += ["", "```diff", *result["diff"], "```", ""]
    for trace, t in sorted(result.get("traces", {}).items()):
        if lang == "ja":
            if "missing_on" in t:
                lines.append(f"- `{trace}`: 片方の実行にしか記録されていない（{t['missing_on']} の実行にない）")
                continue
            text = f"- `{trace}`: 固定したリリースで {t['len_pinned']} 個、このリリースで {t['len_release']} 個の値"
            if "first_step" in t:
                text += (f"。{t['steps']} 個が異なり、最初はインデックス {t['first_step']}（固定したリリースで "
                         f"{t['pinned']!r}、ここで {t['release']!r}）、最大の相対差は {t['max_rel']:.3g}")
            lines.append(text)
            continue
        if "missing_on" in t:
            lines.append(f"- `{trace}`: recorded on one side only (missing on the {t['missing_on']} run)")
            continue
        text = f"- `{trace}`: {t['len_pinned']} values pinned, {t['len_release']} on this release"
        if "first_step" in t:
            text += (f"; {t['steps']} differ, first at index {t['first_step']} "
                     f"({t['pinned']!r} pinned, {t['release']!r} here), largest relative difference {t['max_rel']:.3g}")
        lines.append(text)
    return lines


def snippet_note(m: Matrix, name: str, lang: str = "en") -> list[str]:
    """An expandable note for a snippet that does not agree everywhere it was checked."""
    bad = [r for r in m.checked(name) if m.status(name, r) not in AGREE]
    if not bad:
        return []
    groups: list[tuple[dict, list[str]]] = []
    for release in bad:
        res = {k: v for k, v in m.result(name, release).items()}
        key = json.dumps({k: v for k, v in res.items() if k != "diff"}, sort_keys=True) + json.dumps(
            [line for line in res.get("diff", []) if not line.startswith("+++")])
        for group in groups:
            if group[0]["key"] == key:
                group[1].append(release)
                break
        else:
            groups.append(({"key": key, "result": res}, [release]))
    kinds = sorted({m.status(name, r) for r in bad})
    body: list[str] = []
    if lang == "ja":
        title = f"{name}.py: torch {spans(bad, m.releases)} で{' / '.join(LABELS_JA[k][0] for k in kinds)}"
        for info, releases in groups:
            where = f"**torch {spans(releases, m.releases)}** では"
            body += [where + ("例外が送出されます：" if info["result"]["status"] == "error"
                              else f"固定した {m.pinned} と次の点が異なります：")]
            body += _how(info["result"], lang) + [""]
        return [f'<a id="{anchor(name)}"></a>', "", f'??? note "{title}"', "", *_indent(body)]
    title = f"{name}.py: {' / '.join(LABELS[k][0] for k in kinds)} on torch {spans(bad, m.releases)}"
    for info, releases in groups:
        where = f"**torch {spans(releases, m.releases)}**"
        body += [f"{where} " + ("raises" if info["result"]["status"] == "error" else f"differs from the pinned {m.pinned}:")]
        body += _how(info["result"]) + [""]
    return [f'<a id="{anchor(name)}"></a>', "", f'??? note "{title}"', "", *_indent(body)]


def page_block(m: Matrix, names: list[str], src_uri: str) -> list[str]:
    lang = lang_of(src_uri)
    ja = lang == "ja"
    link = posixpath.relpath("compatibility.md", posixpath.dirname(src_uri) or ".")
    others = [r for r in m.releases if r != m.pinned]
    unchecked = [n for n in names if not any(m.status(n, r) != "unchecked" for r in others)]
    checked = [n for n in names if n not in unchecked]
    agree = m.agreeing(checked)
    not_run = [r for r in m.releases if any(m.status(n, r) == "unchecked" for n in checked)]
    files = lambda ns: (", " if not ja else "、").join(f"`{n}.py`" for n in ns)  # noqa: E731
    differs = any(m.status(n, r) in ("differs", "error") for n in checked for r in m.releases)
    rounding = [n for n in checked if any(m.status(n, r) == "rounding" for r in m.releases)]
    if ja:
        count = f"{len(names)} 個中 {len(checked)} 個の例" if unchecked else f"{len(names)} 個すべての例"
        if checked and len(agree) == len(m.releases):
            kind, title = "success", f"torch {m.releases[0]} から {m.releases[-1]} までのすべてのリリースで同じ出力"
            text = (f"確認した {len(m.releases)} 個のリリースのそれぞれで、このページの{count}が固定した "
                    f"{m.pinned} と同じ出力を表示し、同じ学習率を記録します。")
        elif checked:
            kind, title = "info", f"torch {spans([r for r in m.releases if r not in not_run], m.releases)} で確認済み"
            if agree:
                text = f"このページの{count}は、torch {spans(agree, m.releases)} で固定した {m.pinned} と同じ出力になります。"
            else:
                text = f"このページの{count}は、固定したリリース以外のどのリリースでも {m.pinned} と同じ出力になりません。"
            if not_run:
                text += f"torch {spans(not_run, m.releases)} ではまだ実行していません。"
            if differs:
                text += "ほかのリリースで何が変わるかは、下の注記にあります。"
        else:
            kind, title = "info", "ほかのリリースではまだ確認していません"
            text = f"このページの例は、固定した torch {m.pinned} でのみ実行しています。"
        if rounding:
            text += (f"{files(rounding)} の推移は、いくつかのリリースで丸め誤差（相対 {matrix.ROUNDING:g} 以下）だけ"
                     f"異なり、表示される出力は同じです。")
        lines = [f'!!! {kind} "{title}"', "", *_indent([text + f"[すべての例をすべてのリリースで]({link})。"])]
        if unchecked:
            lines += ["", *_indent([f"ほかのリリースでまだ確認していない例（新しく加えたか、マトリクスの前回の実行後に"
                                    f"変更したもの）：{files(unchecked)}。"])]
    else:
        count = f"{len(checked)} of {len(names)} examples" if unchecked else f"all {len(names)} examples"
        if checked and len(agree) == len(m.releases):
            kind, title = "success", f"Same output on every torch release from {m.releases[0]} to {m.releases[-1]}"
            text = (f"On each of the {len(m.releases)} releases checked, {count} on this page print what they print on "
                    f"the pinned {m.pinned} and record the same learning rates.")
        elif checked:
            kind, title = "info", f"Checked on torch {spans([r for r in m.releases if r not in not_run], m.releases)}"
            where = f"torch {spans(agree, m.releases)}" if agree else "no release other than the pinned one"
            text = (f"{count.capitalize()} on this page give the same output as on the pinned {m.pinned} on "
                    f"{where}.")
            if not_run:
                text += f" Not yet run on torch {spans(not_run, m.releases)}."
            if differs:
                text += " The notes below say what changes on the other releases."
        else:
            kind, title = "info", "Not yet checked on other releases"
            text = f"The examples on this page have been run on the pinned torch {m.pinned} only."
        if rounding:
            text += (f" The traces of {files(rounding)} differ on some releases by float "
                     f"rounding only (at most {matrix.ROUNDING:g} relative), with the same printed output.")
        lines = [f'!!! {kind} "{title}"', "", *_indent([text + f" [All examples on all releases]({link})."])]
        if unchecked:
            lines += ["", *_indent([f"Not yet checked on other releases (new, or changed since the matrix last ran): "
                                    f"{files(unchecked)}."])]
    lines.append("")
    for name in checked:
        note = snippet_note(m, name, lang)
        if note:
            lines += [*note, ""]
    return lines


# The home page's summary in each edition: (title, text) per case, then the link to the full table.
SITE_WORDS = {
    "en": {
        "none": ("Release matrix", "The examples run on the pinned torch {pinned}; they are not yet checked on other "
                 "releases. "),
        "all": ("Checked on every torch release from {first} to {last}",
                "Pinned to torch {pinned}; newest release verified: **torch {newest}**. {everywhere} of {count} examples "
                "print the same output on all {releases} releases, {differ} differ or fail on some release. "),
        "some": ("Checked on {full} of {releases} torch releases so far",
                 "Pinned to torch {pinned}; every example has been run on torch {full_spans} (newest release verified: "
                 "**torch {newest}**), not yet on all of {missing_spans}. {differ} of {count} examples differ or fail "
                 "on some release checked. "),
        "link": "[Compatibility, example by example](compatibility.md).",
    },
    "ja": {
        "none": ("リリースマトリクス", "例は固定した torch {pinned} で実行しています。ほかのリリースではまだ確認していません。"),
        "all": ("torch {first} から {last} までのすべてのリリースで確認済み",
                "固定したリリースは torch {pinned}、確認済みの最新リリースは **torch {newest}** です。{count} 個の例のうち "
                "{everywhere} 個は {releases} 個すべてのリリースで同じ出力を表示し、{differ} 個はどこかのリリースで異なるか"
                "失敗します。"),
        "some": ("これまでに {releases} 個中 {full} 個の torch リリースで確認済み",
                 "固定したリリースは torch {pinned} です。すべての例を torch {full_spans} で実行しました（確認済みの最新"
                 "リリースは **torch {newest}**）。{missing_spans} ではまだすべてを実行していません。確認したリリースの"
                 "どこかで、{count} 個中 {differ} 個の例が異なるか失敗します。"),
        "link": "[リリースごと・例ごとの互換性](compatibility.md)。",
    },
}


def site_block(m: Matrix, lang: str = "en") -> list[str]:
    names = sorted(m.hashes)
    full = [r for r in m.releases if all(m.status(n, r) != "unchecked" for n in names)]
    newest = m.newest_verified()
    facts = {
        "pinned": m.pinned, "newest": newest, "first": m.releases[0], "last": m.releases[-1], "count": len(names),
        "releases": len(m.releases), "full": len(full), "full_spans": spans(full, m.releases),
        "missing_spans": spans([r for r in m.releases if r not in full], m.releases),
        "everywhere": sum(len(m.agreeing([n])) == len(m.releases) for n in names),
        "differ": sum(any(m.status(n, r) in ("differs", "error") for r in m.releases) for n in names),
    }
    case = "none" if newest is None or full == [m.pinned] else "all" if len(full) == len(m.releases) else "some"
    words = SITE_WORDS[lang]
    title, text = (w.format(**facts) for w in words[case])
    return [f'!!! info "{title}"', "", *_indent([text + words["link"]]), ""]


def _cell(m: Matrix, name: str, release: str, page: str, lang: str = "en") -> str:
    status = m.status(name, release)
    text, meaning = labels(lang)[status]
    if status in ("differs", "error"):
        see = "注記を参照" if lang == "ja" else "see the note"
        label = f'<span class="compat compat-{status}" title="torch {release}: {see}">{text}</span>'
        return f"[{label}]({page}#{anchor(name)})"
    return f'<span class="compat compat-{status}">{text}</span>'


def table(m: Matrix, pages: list[tuple[str, str, list[str]]], lang: str = "en") -> list[str]:
    """One table per page: its snippets x releases (a heading per page, anchored by its path in both editions)."""
    ja = lang == "ja"
    legend = ("、" if ja else ", ").join(f'<span class="compat compat-{k}">{v[0]}</span> {v[1]}'
                                        for k, v in labels(lang).items())
    lines = [f"凡例：{legend}。固定したリリースは {m.pinned} です。" if ja else
             f"Legend: {legend}. The pinned release is {m.pinned}.", ""]
    pinned = "（固定）" if ja else " (pinned)"
    head = f"| {'例' if ja else 'Example'} | " + " | ".join(r if r != m.pinned else f"{r}{pinned}" for r in m.releases) + " |"
    rule = "|---|" + "---|" * len(m.releases)
    for title, src_uri, names in pages:
        if not names:
            continue
        page_id = "page-" + re.sub(r"[^\w-]+", "-", posixpath.splitext(src_uri)[0])
        # Each page's grid is folded under a one-line summary: a phone then styles and lays out 30
        # summaries at load instead of some 5,000 cells (the reader opens the pages they want).
        lines += [f"### [{title}]({src_uri}) {{#{page_id}}}", "", f'??? abstract "{_summary(m, names, lang)}"', "",
                  *_indent([head, rule] + [f"| `{name}` | " + " | ".join(_cell(m, name, r, src_uri, lang)
                                                                    for r in m.releases) + " |" for name in names]), ""]
    return lines


def _summary(m: Matrix, names: list[str], lang: str = "en") -> str:
    """'8 examples; all the same as 2.13.0 on 2.8.0–2.15.0' (which releases agree on every example)."""
    checked = [n for n in names if any(m.status(n, r) != "unchecked" for r in m.releases if r != m.pinned)]
    agree = m.agreeing(checked) if checked else []
    if lang == "ja":
        where = (f"{m.pinned} と同じ出力になるリリース：{spans(agree, m.releases)}" if len(agree) > 1
                 else f"{m.pinned} 以外で同じ出力になるリリースはありません")
        return f"{len(names)} 個の例。すべてが{where}"
    where = (f"the output of {m.pinned} on {spans(agree, m.releases)}" if len(agree) > 1
             else f"the output of {m.pinned} on no other release")
    return f"{len(names)} examples; all give {where}" if len(names) > 1 else f"1 example; it gives {where}"


def releases_table(m: Matrix, lang: str = "en") -> list[str]:
    names = sorted(m.hashes)
    head = ("| リリース | 実行した torch ビルド | Python | " if lang == "ja" else "| Release | torch build run | Python | ")
    lines = [head + " | ".join(v[0] for v in labels(lang).values()) + " |", "|---|---|---|---|---|---|---|---|"]
    for release in m.releases:
        run = m.record["runs"].get(release, {})
        counts = {k: 0 for k in LABELS}
        for name in names:
            counts[m.status(name, release)] += 1
        build = f"`{run['torch']}`" if run.get("torch") else "—"
        lines.append(f"| {release} | {build} | {run.get('python', '—')} | " +
                     " | ".join(str(counts[k]) for k in LABELS) + " |")
    return lines + [""]


def site_pages(docs: Path, lang: str = "en") -> list[tuple[str, str, list[str]]]:
    """(title, English src_uri, snippet names) per page; the title of the page in `lang` (its twin's H1)."""
    out = []
    for path in sorted(p for p in docs.rglob("*.md") if ".ja." not in p.name):
        text = path.read_text(encoding="utf-8")
        twin = path.with_name(path.stem + ".ja.md")
        titled = twin.read_text(encoding="utf-8") if lang == "ja" and twin.exists() else text
        h1 = H1.search(titled)
        title = re.sub(r"\s*\{[^}]*\}\s*$", "", h1.group(0)[2:].strip()) if h1 else path.stem
        out.append((title, path.relative_to(docs).as_posix(), included(text)))
    return out


_CACHE: dict = {}


def _matrix() -> Matrix:
    if "m" not in _CACHE:
        _CACHE["m"] = Matrix()
    return _CACHE["m"]


def reset() -> None:
    """Forget the cached record (the hook calls this before each build)."""
    _CACHE.clear()


def _after_title(markdown: str, block: list[str]) -> str:
    h1 = H1.search(markdown)
    if not h1:
        return markdown
    return markdown[: h1.end()] + "\n\n" + "\n".join(block) + "\n" + markdown[h1.end():]


def annotate(markdown: str, src_uri: str, m: Matrix | None = None, docs: Path | None = None) -> str:
    m = m or _matrix()
    lang = lang_of(src_uri)
    if "<!-- compat:table -->" in markdown or "<!-- compat:releases -->" in markdown:
        pages = site_pages(docs or matrix.ROOT / "docs", lang)
        markdown = markdown.replace("<!-- compat:table -->", "\n".join(table(m, pages, lang)))
        return markdown.replace("<!-- compat:releases -->", "\n".join(releases_table(m, lang)))
    if src_uri in ("index.md", "index.ja.md"):
        return _after_title(markdown, site_block(m, lang))
    names = [n for n in included(markdown) if n in m.hashes]
    return _after_title(markdown, page_block(m, names, src_uri)) if names else markdown
