"""Every snippet: runs as pasted, prints what the page shows, is used by a page, stays fresh."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import DOCS, ROOT, pages, result

import forkserver
import runner

SNIPPETS = runner.all_snippets()
NAMES = [s.name for s in SNIPPETS]
INCLUDE = re.compile(r'--8<-- "([^"]+)"')


def warning_options(snippet: runner.Snippet) -> list[str]:
    """The -W options after `-W error`: the warnings the page shows on purpose stay warnings."""
    return [f"default:{d.partition(': ')[2]}:{d.partition(': ')[0]}" for d in snippet.expected_warnings]


def fresh_command(snippet: runner.Snippet) -> list[str]:
    """`python snippet.py` with warnings as errors, except the ones the page shows on purpose."""
    return [sys.executable, "-W", "error", *[a for o in warning_options(snippet) for a in ("-W", o)], str(snippet.path)]


def fresh(snippets, cwd):
    """Each snippet in a truly fresh interpreter (slow: torch is imported each time)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}

    def go(snippet):
        return subprocess.run(fresh_command(snippet), cwd=cwd, env=env, capture_output=True, text=True, timeout=300)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return dict(zip([s.name for s in snippets], pool.map(go, snippets)))


@pytest.fixture(scope="session")
def pasted_runs(tmp_path_factory):
    """Each snippet as pasted, in its own process (forked from an interpreter that imported only torch)."""
    cwd = tmp_path_factory.mktemp("pasted")
    return forkserver.run_all([(s.name, s.path, warning_options(s)) for s in SNIPPETS], cwd, parallel=os.cpu_count() or 2)


# Truly fresh interpreters for a sample: the forked runs must be indistinguishable from them. The sample
# holds a plain snippet, snippets with declared warnings, one that raises on purpose, one that starts
# processes of its own (DDP), and the packages the server preloads.
FRESH_SAMPLE = ["step_lr", "version_warnings", "stepping_order", "lambda_lr_bad_arguments", "ddp_plateau_metric",
                "lightning_interval_frequency", "transformers_off_by_one"]


@pytest.mark.parametrize("name", FRESH_SAMPLE)
def test_a_forked_run_is_what_a_fresh_interpreter_prints(name, pasted_runs, tmp_path):
    snippet = runner.find(name)
    run = fresh([snippet], tmp_path)[name]
    forked = pasted_runs[name]
    assert (forked.returncode, forked.stdout) == (run.returncode, run.stdout)
    assert forked.stderr == run.stderr


@pytest.mark.parametrize("snippet", SNIPPETS, ids=NAMES)
def test_runs_as_pasted_in_its_own_process(snippet, pasted_runs):
    run = pasted_runs[snippet.name]
    assert run.returncode == 0, f"{snippet.rel} failed:\n{run.stderr}"
    # Same program, same output: in a fresh interpreter and inside the runner.
    assert run.stdout == result(snippet.name).stdout
    for declared in snippet.expected_warnings:
        assert declared.partition(": ")[2] in run.stderr, f"{snippet.rel} no longer warns: {declared}"


@pytest.mark.parametrize("snippet", SNIPPETS, ids=NAMES)
def test_declared_warnings_are_exactly_the_ones_shown(snippet):
    shown = result(snippet.name).warnings
    for declared in snippet.expected_warnings:
        assert any(w.startswith(declared) for w in shown), f"{declared!r} not in {shown}"
    for warning in shown:
        assert any(warning.startswith(d) for d in snippet.expected_warnings), f"undeclared: {warning}"


@pytest.mark.parametrize("snippet", SNIPPETS, ids=NAMES)
def test_generated_files_are_fresh(snippet, generated):
    """What the build left on disk is exactly what the snippet produces now."""
    for filename, data in runner.rendered(snippet, result(snippet.name)).items():
        assert (generated / filename).read_bytes() == data, f"stale: docs/generated/{filename}"
    assert runner.stale([snippet]) == []


def included_files() -> dict[str, list[str]]:
    """Include target -> pages that include it."""
    found: dict[str, list[str]] = {}
    for page in pages():
        for target in INCLUDE.findall(page.read_text(encoding="utf-8")):
            found.setdefault(target, []).append(page.relative_to(DOCS).as_posix())
    return found


@pytest.mark.parametrize("snippet", SNIPPETS, ids=NAMES)
def test_every_snippet_is_shown_by_a_page(snippet):
    targets = {t.split(":")[0] for t in included_files()}
    assert snippet.path.relative_to(runner.SNIPPETS).as_posix() in targets, f"{snippet.rel} is not included by any page"


def test_snippets_live_in_the_folder_of_the_page_that_shows_them():
    """snippets/schedulers/step_lr/*.py are shown by docs/schedulers/step_lr.md, and so on."""
    for target, where in included_files().items():
        name = target.split(":")[0]
        if name.endswith(".py"):
            folder = name.rsplit("/", 1)[0] if "/" in name else ""
            assert [f"{folder}.md"] == sorted(set(where)), f"{name} is shown by {where}; move it to snippets/<page>/"


def test_every_include_resolves(generated):
    for target, where in included_files().items():
        name, _, section = target.partition(":")
        candidates = [ROOT / "snippets" / name, generated / name]
        path = next((p for p in candidates if p.exists()), None)
        assert path is not None, f"{where}: missing include {target}"
        if section and not section[0].isdigit():
            assert f"[start:{section}]" in path.read_text(), f"{where}: no section {section!r} in {name}"


def test_generated_text_is_included_next_to_its_snippet():
    """A page that shows a snippet producing output also shows that output."""
    for target, where in included_files().items():
        name = target.split(":")[0]
        if name.endswith(".py"):
            output = f"{Path(name).stem}.txt"  # outputs are flat in docs/generated
            assert output in included_files(), f"{where}: shows {name} without its output"
