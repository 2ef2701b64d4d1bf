"""The runner on bad input: clear errors naming file and line, nothing earlier lost."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT

RUNNER = ROOT / "scripts" / "runner.py"
GOOD = """\
import math
lrs = [0.1 * math.cos(t / 10) ** 2 for t in range(20)]
print("first", lrs[0])
"""


def run_runner(snippets, out, *args):
    return subprocess.run(
        [sys.executable, str(RUNNER), "--snippets", str(snippets), "--out", str(out), *args],
        capture_output=True, text=True, cwd=snippets.parent,
    )


def make(tmp_path, files):
    folder = tmp_path / "snippets"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text))
    out = tmp_path / "out"
    out.mkdir()
    return folder, out


def test_raising_snippet_names_file_and_line_and_keeps_earlier_outputs(tmp_path):
    folder, out = make(tmp_path, {
        "a_good.py": GOOD,
        "b_broken.py": "print('start')\nx = 1\nraise RuntimeError('boom')\n",
        "c_later.py": GOOD,
    })
    (out / "b_broken.txt").write_text("previous output\n")
    (out / "c_later.txt").write_text("previous output\n")
    run = run_runner(folder, out)
    assert run.returncode == 1
    assert "snippets/b_broken.py:3: RuntimeError: boom" in run.stderr
    assert (out / "a_good.svg").exists() and (out / "a_good.txt").read_text() == "first 0.1\n"
    assert (out / "b_broken.txt").read_text() == "previous output\n"
    assert (out / "c_later.txt").read_text() == "previous output\n"
    assert not list(out.glob(".*.tmp")), "a temporary file was left behind"
    # The good snippet is recorded as done: fixing the broken one reruns only it.
    (folder / "b_broken.py").write_text(GOOD)
    rerun = run_runner(folder, out)
    assert rerun.returncode == 0, rerun.stderr
    assert "b_broken, c_later" in rerun.stdout and "a_good" not in rerun.stdout


def test_syntax_error_names_file_and_line(tmp_path):
    folder, out = make(tmp_path, {"broken.py": "print('x')\nfor\n"})
    run = run_runner(folder, out)
    assert run.returncode == 1 and "snippets/broken.py:2: SyntaxError" in run.stderr


def test_silent_snippet_is_reported_by_name(tmp_path):
    folder, out = make(tmp_path, {"quiet.py": "lrs = [0.1, 0.2]\n"})
    run = run_runner(folder, out)
    assert run.returncode == 1 and "snippets/quiet.py: prints nothing" in run.stderr


def test_snippet_without_lr_is_reported_by_name(tmp_path):
    folder, out = make(tmp_path, {"no_lr.py": "print('hello')\n"})
    run = run_runner(folder, out)
    assert run.returncode == 1 and "snippets/no_lr.py: records no learning rate" in run.stderr


def test_nothing_to_do_runs_nothing_and_does_not_import_torch(tmp_path):
    folder, out = make(tmp_path, {"a.py": GOOD})
    assert run_runner(folder, out).returncode == 0
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    probe_code = textwrap.dedent(f"""
        import runpy, sys
        sys.argv = ["runner.py", "--snippets", {str(folder)!r}, "--out", {str(out)!r}]
        try:
            runpy.run_path({str(RUNNER)!r}, run_name="__main__")
        except SystemExit as exit:
            print("torch" in sys.modules, "matplotlib" in sys.modules, exit.code)
    """)
    probe = subprocess.run([sys.executable, "-c", probe_code], capture_output=True, text=True)
    assert probe.stdout.splitlines()[-1] == "False False 0", probe.stdout + probe.stderr
    assert "nothing to do" in probe.stdout
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before


def test_editing_a_snippet_reruns_only_that_snippet(tmp_path):
    folder, out = make(tmp_path, {"a.py": GOOD, "b.py": GOOD})
    assert run_runner(folder, out).returncode == 0
    (folder / "b.py").write_text(GOOD.replace("first", "start"))
    run = run_runner(folder, out)
    assert "regenerated 1 output(s): b" in run.stdout
    assert (out / "b.txt").read_text() == "start 0.1\n"


def test_outputs_are_byte_identical_across_runs(tmp_path):
    folder, out = make(tmp_path, {"a.py": GOOD})
    assert run_runner(folder, out).returncode == 0
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    assert run_runner(folder, out, "--force").returncode == 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first


STATEFUL = """\
# docs: no-figure
import sys
first = not hasattr(sys, "_runner_test_was_here")  # state that lives as long as the process
sys._runner_test_was_here = True
print("first snippet in this process" if first else "another snippet ran here before")
"""


def test_a_snippet_never_sees_what_an_earlier_snippet_left_in_its_process(tmp_path):
    """Like a warning torch gives once per process: the output must not depend on the order snippets ran in."""
    folder, out = make(tmp_path, {f"{name}.py": STATEFUL for name in "abcde"})
    run = run_runner(folder, out, "--force")
    assert run.returncode == 0, run.stderr
    assert {p.name: p.read_text() for p in out.glob("*.txt")} == {
        f"{name}.txt": "first snippet in this process\n" for name in "abcde"}


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: the runner runs snippets in its own process")
def test_a_snippet_whose_process_dies_is_named(tmp_path):
    folder, out = make(tmp_path, {"a_good.py": GOOD, "b_dies.py": "import os\nprint('x', flush=True)\nos.abort()\n"})
    (out / "b_dies.txt").write_text("previous output\n")
    run = run_runner(folder, out)
    assert run.returncode == 1
    assert "snippets/b_dies.py: its process died (exit code -6)" in run.stderr
    assert (out / "a_good.txt").read_text() == "first 0.1\n"
    assert (out / "b_dies.txt").read_text() == "previous output\n"
