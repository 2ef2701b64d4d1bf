"""The release matrix record (docs/compatibility.json) and what the pages say about it.

Cheap: nothing here imports torch or runs a release; ``make matrix`` fills the record.
"""

from __future__ import annotations

import ast
import json
import re
import sys

import pytest
from conftest import DOCS, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(ROOT / "scripts"))
import compat  # noqa: E402
import matrix  # noqa: E402

STATUSES = {"same", "rounding", "differs", "error"}
RECORD = json.loads(matrix.RECORD.read_text(encoding="utf-8"))
HASHES = compat.current_hashes()


def md_pages():
    return sorted(DOCS.rglob("*.md"))


def test_release_list_is_one_sorted_list_with_the_pinned_release():
    assert matrix.RELEASES == sorted(set(matrix.RELEASES), key=matrix.version_key)
    assert matrix.PINNED in matrix.RELEASES
    pin = re.search(r"^torch==(\S+)$", (ROOT / "requirements.txt").read_text(), re.M)
    assert pin and pin.group(1) == matrix.PINNED
    # the newest patch of every minor release from 2.0 on, one each
    minors = [matrix.version_key(r)[:2] for r in matrix.RELEASES]
    assert minors == [(2, m) for m in range(len(minors))]


def test_record_names_the_release_list_and_is_stably_formatted():
    assert RECORD["releases"] == matrix.RELEASES
    assert RECORD["pinned"] == matrix.PINNED
    assert matrix.RECORD.read_text(encoding="utf-8") == matrix.dump_record(RECORD), "rewrite it with matrix.py"
    assert set(RECORD["runs"]) <= set(matrix.RELEASES)


def test_every_result_is_well_formed():
    for name, by_hash in RECORD["snippets"].items():
        assert re.fullmatch(r"[a-z0-9_]+", name)
        for digest, by_release in by_hash.items():
            assert re.fullmatch(r"[0-9a-f]{16}", digest), (name, digest)
            assert set(by_release) <= set(matrix.RELEASES), name
            for release, result in by_release.items():
                where = f"{name}@{release}"
                assert result["status"] in STATUSES, where
                if release == matrix.PINNED:
                    assert result == {"status": "same", "pinned": True}, where
                if result["status"] == "same":
                    assert not {"diff", "traces", "message"} & set(result), where
                if result["status"] == "rounding":
                    assert "diff" not in result and result["traces"], where
                    assert all(t["max_rel"] <= matrix.ROUNDING for t in result["traces"].values()), where
                if result["status"] == "differs":
                    assert result.get("diff") or result.get("traces"), where
                    assert all(isinstance(line, str) for line in result.get("diff", [])), where
                if result["status"] == "error":
                    assert isinstance(result["type"], str) and result["type"], where
                    assert isinstance(result["message"], str) and result["message"], where


def test_matrix_and_compat_import_only_the_standard_library_at_the_top():
    """matrix.py is also the worker inside each release's venv, which has torch and numpy only."""
    for path in (ROOT / "scripts" / "matrix.py", ROOT / "scripts" / "compat.py"):
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                mods = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
                for mod in mods:
                    top = mod.split(".")[0]
                    assert top in sys.stdlib_module_names | {"__future__", "matrix"}, f"{path.name}: {mod}"


# --- stale entries -----------------------------------------------------------------


def pages_with_snippets():
    out = []
    for path in md_pages():
        text = path.read_text(encoding="utf-8")
        names = [n for n in compat.included(text) if n in HASHES]
        if names:
            out.append((path.relative_to(DOCS).as_posix(), text, names))
    return out


@pytest.mark.parametrize("page", pages_with_snippets(), ids=lambda p: p[0])
def test_a_changed_snippet_is_shown_as_not_yet_checked_never_as_a_result(page):
    """Every snippet of every page, in turn, as if its file changed after the matrix ran."""
    src_uri, text, names = page
    for name in names:
        hashes = dict(HASHES, **{name: "0" * 16})
        m = compat.Matrix(RECORD, hashes)
        assert all(m.status(name, r) == "unchecked" for r in matrix.RELEASES)
        out = compat.annotate(text, src_uri, m)
        stale = "ほかのリリースでまだ確認していない例" if compat.lang_of(src_uri) == "ja" else "Not yet checked on other releases"
        assert re.search(stale + r"[^\n]*`" + name + r"\.py`", out), name
        assert f'id="{compat.anchor(name)}"' not in out, f"{name}: a note from a stale entry"
        table = "\n".join(compat.table(m, [("T", src_uri, [name])]))
        row = next(line.strip() for line in table.splitlines() if line.strip().startswith(f"| `{name}` |"))
        assert row.count("compat-unchecked") == len(matrix.RELEASES), name
        for other in ("same", "rounding", "differs", "error"):
            assert f"compat-{other}" not in row, name


def test_a_record_entry_for_the_current_content_is_used():
    """The converse: with the real hashes, a recorded result shows as itself."""
    m = compat.Matrix(RECORD, HASHES)
    for name, digest in HASHES.items():
        for release, result in RECORD["snippets"].get(name, {}).get(digest, {}).items():
            assert m.status(name, release) == result["status"]


# --- words agree with the record ---------------------------------------------------


def agreeing_releases(names):
    """Independently of compat: releases on which every snippet's current entry is same/rounding."""
    ok = []
    for release in matrix.RELEASES:
        states = [RECORD["snippets"].get(n, {}).get(HASHES[n], {}).get(release, {}).get("status") for n in names]
        if names and all(s in ("same", "rounding") for s in states):
            ok.append(release)
    return ok


def expand(spans_text):
    """'2.0.1–2.3.1, 2.6.0' -> the releases it names."""
    out = []
    for part in spans_text.split(", "):
        lo, _, hi = part.partition("–")
        i, j = matrix.RELEASES.index(lo), matrix.RELEASES.index(hi or lo)
        out += matrix.RELEASES[i: j + 1]
    return out


# How each edition's page summary states what the test checks (scripts/compat.py page_block).
SUMMARY = {
    "en": {"all": "Same output on every torch release", "none": "on no release other than the pinned one",
           "agree": r"give the same output as on the pinned \S+ on torch (.+?)\.( |$)",
           "not_run": r"Not yet run on torch (.+?)\.( |$)"},
    "ja": {"all": "までのすべてのリリースで同じ出力", "none": "固定したリリース以外のどのリリースでも",
           "agree": r"は、torch (.+?) で固定した \S+ と同じ出力になります。", "not_run": r"torch ([^。]+?) ではまだ実行していません"},
}


@pytest.mark.parametrize("page", pages_with_snippets(), ids=lambda p: p[0])
def test_the_page_summary_names_exactly_the_releases_where_all_its_snippets_agree(page):
    src_uri, text, names = page
    out = compat.annotate(text, src_uri, compat.Matrix(RECORD, HASHES))

    def entry(n, r):
        return RECORD["snippets"].get(n, {}).get(HASHES[n], {}).get(r)

    others = [r for r in matrix.RELEASES if r != matrix.PINNED]
    checked = [n for n in names if any(entry(n, r) for r in others)]
    unchecked = [n for n in names if n not in checked]
    agree = agreeing_releases(checked)
    not_run = [r for r in matrix.RELEASES if any(entry(n, r) is None for n in checked)]
    words = SUMMARY[compat.lang_of(src_uri)]
    if checked and agree == matrix.RELEASES:
        assert words["all"] in out
    elif checked and agree:
        said = re.search(words["agree"], out, re.M)
        assert said and expand(said.group(1)) == agree
    elif checked:
        assert words["none"] in out
    if not_run:
        said = re.search(words["not_run"], out, re.M)
        assert said and expand(said.group(1)) == not_run
    else:
        assert not re.search(words["not_run"], out, re.M)
    for name in unchecked:
        stale = "ほかのリリースでまだ確認していない例" if compat.lang_of(src_uri) == "ja" else "Not yet checked on other releases"
        assert re.search(stale + r"[^\n]*`" + name + r"\.py`", out), name
    # one expandable note for each checked snippet that differs or fails somewhere, naming exactly those releases
    for name in checked:
        bad = [r for r in matrix.RELEASES if (entry(name, r) or {}).get("status") in ("differs", "error")]
        assert (f'id="{compat.anchor(name)}"' in out) == bool(bad), name
        if bad:
            title = re.search(rf'\?\?\? note "{name}\.py: [^"]* on torch ([^"]+)"', out) or re.search(
                rf'\?\?\? note "{name}\.py: torch ([^"]+?) で[^"]*"', out)  # the Japanese edition's title
            assert title and expand(title.group(1)) == bad, name


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_each_folded_table_on_the_compatibility_page_sums_up_its_own_rows(lang):
    """The line that stands for a page's grid names exactly the releases on which every one of its checked
    examples agrees with the pinned release, and the number of examples the grid holds."""
    m = compat.Matrix(RECORD, HASHES)
    lines = compat.table(m, compat.site_pages(DOCS, lang), lang)
    folded = [i for i, line in enumerate(lines) if line.startswith("??? abstract ")]
    assert len(folded) >= 25
    for i in folded:
        rows = []
        for line in lines[i + 2:]:
            if not line.startswith("    |"):
                break
            if line.startswith("    | `"):
                rows.append(line.split("`")[1])
        summary = lines[i]
        count = re.search(r'"(\d+) ', summary)
        assert count and int(count.group(1)) == len(rows), summary
        checked = [n for n in rows if any(m.status(n, r) != "unchecked" for r in matrix.RELEASES if r != matrix.PINNED)]
        agree = agreeing_releases(checked) if checked else [matrix.PINNED]
        said = re.search(r"on (\S+(?:, \S+)*)\"$" if lang == "en" else r"リリース：([^\"]+)\"$", summary)
        if len(agree) > 1:
            assert said and expand(said.group(1)) == agree, summary
        else:
            assert not said, summary


@settings(derandomize=True, max_examples=40, deadline=None)
@given(st.sets(st.sampled_from(matrix.RELEASES), min_size=1))
def test_release_spans_name_exactly_the_given_releases(releases):
    assert expand(compat.spans(sorted(releases), matrix.RELEASES)) == sorted(releases, key=matrix.RELEASES.index)


# --- comparing ---------------------------------------------------------------------


def run_result(shown="x\n", **traces):
    return {"shown": shown, "traces": {k: {"": v} for k, v in traces.items()}}


def test_compare_classifies_outputs():
    base = run_result("lr 0.1\n", lrs=[0.1, 0.01])
    assert matrix.compare(base, run_result("lr 0.1\n", lrs=[0.1, 0.01]), "2.0.1") == {"status": "same"}
    near = matrix.compare(base, run_result("lr 0.1\n", lrs=[0.1, 0.01 * (1 + 1e-15)]), "2.0.1")
    assert near["status"] == "rounding" and near["traces"]["lrs"]["first_step"] == 1
    far = matrix.compare(base, run_result("lr 0.1\n", lrs=[0.1, 0.02]), "2.0.1")
    assert far["status"] == "differs" and far["traces"]["lrs"]["max_rel"] == pytest.approx(0.5)
    longer = matrix.compare(base, run_result("lr 0.1\n", lrs=[0.1, 0.01, 0.001]), "2.0.1")
    assert longer["status"] == "differs" and longer["traces"]["lrs"]["len_release"] == 3
    printed = matrix.compare(base, run_result("UserWarning: w\nlr 0.1\n", lrs=[0.1, 0.01]), "2.0.1")
    assert printed["status"] == "differs" and "+UserWarning: w" in printed["diff"]
    error = matrix.compare(base, {"name": "n", "error": "TypeError", "message": "s.py:3: TypeError: bad"}, "2.0.1")
    assert error == {"status": "error", "type": "TypeError", "message": "s.py:3: TypeError: bad"}


# --- the labels ----------------------------------------------------------------------


def luminance(hex_colour):
    rgb = [int(hex_colour[i: i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_every_label_has_a_word_and_at_least_4_5_to_1_contrast_in_both_palettes():
    css = (DOCS / "assets" / "compat.css").read_text()
    for status, (word, meaning) in compat.LABELS.items():
        assert word.strip() and meaning.strip()
        rule = re.search(rf"\.compat-{status} \{{ background: (#[0-9a-f]{{6}}); color: (#[0-9a-f]{{6}}); \}}", css)
        assert rule, status
        bg, fg = (luminance(c) for c in rule.groups())
        assert (max(bg, fg) + 0.05) / (min(bg, fg) + 0.05) >= 4.5, status
    assert "data-md-color-scheme" not in css  # the label sets its own background in both palettes


def test_compatibility_page_is_in_nav_and_has_the_generated_parts():
    text = (DOCS / "compatibility.md").read_text()
    assert "<!-- compat:table -->" in text and "<!-- compat:releases -->" in text
    assert "compatibility.md" in (ROOT / "mkdocs.yml").read_text()
    out = compat.annotate(text, "compatibility.md", compat.Matrix(RECORD, HASHES))
    rows = [line.strip() for line in out.splitlines() if line.strip().startswith("| `")]
    included = {n for _, _, names in pages_with_snippets() for n in names}
    assert sorted(r.split("`")[1] for r in rows) == sorted(included)
    assert all(r.count('class="compat ') == len(matrix.RELEASES) for r in rows)


def test_a_printed_torch_version_is_masked_in_both_runs_and_a_literal_label_stays_equal():
    pinned, release = "2.13.0+cpu", "2.4.1+cu121"
    base = run_result("16 schedulers in torch 2.13.0.\n[2.13.0] note\n", lrs=[0.1])
    same = run_result("16 schedulers in torch 2.4.1.\n[2.13.0] note\n", lrs=[0.1])
    assert matrix.compare(base, same, "2.4.1", pinned, release) == {"status": "same"}
    other = run_result("16 schedulers in torch 2.4.1.\n[2.13.0] changed\n", lrs=[0.1])
    assert matrix.compare(base, other, "2.4.1", pinned, release)["status"] == "differs"


def table_rows(diff, sign):
    return [line for line in diff if re.match(rf"^\{sign}\s+\d+\s", line)]


def test_the_chained_scheduler_docstring_sentence_matches_the_matrix():
    """The page says: 2.14+ ratio 1.00 everywhere; older releases another setup, ratio 0.90."""
    name = "chained_scheduler_docstring"
    entries = RECORD["snippets"].get(name, {}).get(HASHES[name], {})
    old_setup = "+docstring setup: lr=1.0, ConstantLR(factor=0.1, total_iters=2), ExponentialLR(gamma=0.9)"
    new = [r for r in entries if matrix.version_key(r) >= (2, 14)]
    old = [r for r in entries if old_setup in entries[r].get("diff", [])]
    # every release is on one side: the 2.13 table, the 2.14 fix, or the older setup
    assert all(r in new or r in old or entries[r]["status"] == "same" for r in entries)
    assert all(matrix.version_key(r) < matrix.version_key(matrix.PINNED) for r in old)
    assert new and old, "the sentence needs a recorded release on each side"
    for release in new:
        diff = entries[release]["diff"]
        assert table_rows(diff, "+") and all(row.endswith(" 1.00") for row in table_rows(diff, "+")), release
        assert not any(line.startswith("+docstring setup") for line in diff), release
    for release in old:
        diff = entries[release]["diff"]
        assert table_rows(diff, "+") and all(row.endswith(" 0.90") for row in table_rows(diff, "+")), release
    page = (DOCS / "schedulers" / "chained_scheduler.md").read_text()
    assert "every ratio is 1.00" in page and "(ratio 0.90)" in page and "`total_iters=2`" in page
