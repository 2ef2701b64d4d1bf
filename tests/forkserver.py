"""Run snippets as pasted, each in its own process, without paying torch's import for each one.

A server process is started as a fresh interpreter with ``-W error`` (so a warning raised while
importing torch fails it, as it would fail a reader's ``python -W error snippet.py``). It imports torch
(and the other heavy packages the snippets import) and nothing else, then forks one child per snippet.
The child gets what ``python -W error -W default:<declared warning> snippet.py`` would have: the warning
filters of such a command line, ``sys.argv``, ``__main__`` run from the file by ``runpy``, stdout and
stderr captured, its own exit status. Nothing a snippet does reaches the server or another snippet.
tests/test_snippets.py compares forked runs with truly fresh interpreters for a sample of snippets.

    python -W error tests/forkserver.py PARALLEL TIMEOUT PRELOAD_MODULE... < requests   (used by run_all)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

PRELOAD_CANDIDATES = ["torch", "lightning", "transformers"]


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def serve(preload: list[str], parallel: int, timeout: float) -> None:  # runs in the server process
    import importlib  # noqa: PLC0415
    import warnings  # noqa: PLC0415

    for name in preload:
        importlib.import_module(name)
    filters = list(warnings.filters)  # those of `python -W error`, as a fresh interpreter has them
    queue = [json.loads(line) for line in sys.stdin]
    running: dict[int, tuple[dict, float]] = {}
    while queue or running:
        while queue and len(running) < parallel:
            request = queue.pop(0)
            pid = os.fork()
            if pid == 0:
                _child(request, filters)  # never returns
            running[pid] = (request, time.monotonic())
        pid, status = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            for other, (request, started) in list(running.items()):
                if time.monotonic() - started > timeout:
                    os.kill(other, 9)
            time.sleep(0.005)
            continue
        request, _ = running.pop(pid)
        print(json.dumps({"name": request["name"], "code": os.waitstatus_to_exitcode(status)}), flush=True)


def _child(request: dict, filters: list) -> None:
    """One snippet, as `python -W error [-W default:...] path` would run it; exits the process."""
    import runpy  # noqa: PLC0415
    import traceback  # noqa: PLC0415
    import warnings  # noqa: PLC0415

    code = 1
    try:
        os.dup2(os.open(request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 1)
        os.dup2(os.open(request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 2)
        os.chdir(request["cwd"])
        warnings.filters[:] = filters
        for option in request["warnings"]:  # what each extra -W option does
            warnings._setoption(option)
        sys.warnoptions[:] = ["error", *request["warnings"]]  # as passed on to a multiprocessing child
        sys.argv = [request["path"]]
        sys.path[0] = os.path.dirname(request["path"])
        try:
            runpy.run_path(request["path"], run_name="__main__")
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException:  # noqa: BLE001 - reported as the interpreter reports it
            traceback.print_exc()
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


def preload_for(paths: list[Path]) -> list[str]:
    """The heavy packages some snippet imports (the server imports only those)."""
    sources = "\n".join(p.read_text(encoding="utf-8") for p in paths)
    return [m for m in PRELOAD_CANDIDATES if f"import {m}" in sources or f"from {m}" in sources]


def run_all(jobs: list[tuple[str, Path, list[str]]], cwd: Path, parallel: int = 2, timeout: float = 300) -> dict[str, Run]:
    """Run each (name, snippet path, extra -W options) in a forked child; at most `parallel` at a time."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    logs = cwd / "forked"
    logs.mkdir(exist_ok=True)
    requests = [{"name": name, "path": str(path), "cwd": str(cwd), "warnings": options,
                 "stdout": str(logs / f"{name}.out"), "stderr": str(logs / f"{name}.err")} for name, path, options in jobs]
    command = [sys.executable, "-W", "error", __file__, str(parallel), str(timeout), *preload_for([p for _, p, _ in jobs])]
    server = subprocess.run(command, input="".join(json.dumps(r) + "\n" for r in requests), capture_output=True,
                            text=True, cwd=cwd, env=env)
    if server.returncode != 0:
        raise RuntimeError(f"the fork server failed:\n{server.stderr}")
    codes = {r["name"]: r["code"] for r in map(json.loads, server.stdout.splitlines())}
    return {name: Run(codes[name], (logs / f"{name}.out").read_text(), (logs / f"{name}.err").read_text())
            for name, _, _ in jobs}


if __name__ == "__main__":
    serve(sys.argv[3:], parallel=int(sys.argv[1]), timeout=float(sys.argv[2]))
