"""Run every snippet on every torch release and record where its output matches the pinned one.

    python scripts/matrix.py                      # every release, only what the record lacks
    python scripts/matrix.py --release 2.4.1      # one release (repeatable)
    python scripts/matrix.py --list               # print the release list and exit

For each release in RELEASES (the one list of them) that the record lacks for some
snippet's current content: create a virtual environment under ``$MATRIX_VENVS``
(default ``/tmp/matrix-venvs``, outside the repository), install that torch from the
package index, run the missing snippets there in one process with ``runner.run()`` (no
drawing: printed output and traces only), compare each with the same snippet run on
the pinned torch (this checkout's own interpreter), write the record, delete the
environment, go on with the next release. The disk holds one environment at a time;
pip's wheel cache is kept, so a later top-up pass installs without downloading.

The record (``docs/compatibility.json``, committed) is keyed by snippet name, then the
sha256 of the snippet file (first 16 hex digits), then the release. A result is one of

* ``{"status": "same"}`` -- printed output (warnings included) and every trace equal;
* ``{"status": "rounding", "traces": ...}`` -- printed output equal, traces differ by
  at most 1e-12 relative (different float arithmetic order);
* ``{"status": "differs", "diff": [...], "traces": ...}`` -- a unified diff of the
  printed output (pinned first) and, per trace, where it departs;
* ``{"status": "error", "type": ..., "message": ...}`` -- the snippet raised.

Entries for a content hash that no longer matches the snippet are pruned when this
script writes the record; until then the site shows such a snippet as "not yet checked
on other releases" (``scripts/compat.py``). This file imports only the standard
library at the top, so the same file serves as the worker inside each release's venv.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
RECORD = ROOT / "docs" / "compatibility.json"
PINNED = "2.13.0"
# The newest patch of every minor release from 2.0 on. The one place the list lives.
RELEASES = [
    "2.0.1", "2.1.2", "2.2.2", "2.3.1", "2.4.1", "2.5.1", "2.6.0", "2.7.1",
    "2.8.0", "2.9.1", "2.10.0", "2.11.0", "2.12.1", "2.13.0", "2.14.1", "2.15.0",
]
ROUNDING = 1e-12  # relative trace difference still called "rounding"
SNIPPET_TIMEOUT = 600  # seconds one snippet may take inside a worker (a loaded machine is slow)
# Releases that declare no setuptools requirement get what `python -m venv` gives Python 3.11
# (ensurepip's setuptools, which still has pkg_resources: torch 2.1 imports it).
VENV_SETUPTOOLS = "setuptools==65.5.0"
MAX_DIFF_LINES = 80


def version_key(release: str) -> tuple[int, ...]:
    return tuple(int(part) for part in release.split("+")[0].split("."))


def content_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def snippet_paths(folder: Path = SNIPPETS) -> dict[str, Path]:
    sys.path.insert(0, str(ROOT / "scripts"))
    import runner  # noqa: PLC0415 - stdlib-only at import time

    return {s.name: s.path for s in runner.all_snippets(folder)}


# --- the record ------------------------------------------------------------------


def load_record(path: Path = RECORD) -> dict:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        record = {}
    except ValueError as exc:
        raise SystemExit(f"{path}: not valid JSON ({exc}); fix or delete it") from exc
    record.setdefault("pinned", PINNED)
    record.setdefault("runs", {})
    record.setdefault("snippets", {})
    record["releases"] = list(RELEASES)
    return record


def dump_record(record: dict) -> str:
    return json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def save_record(record: dict, path: Path = RECORD) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, encoding="utf-8", suffix=".tmp") as fh:
        fh.write(dump_record(record))
    os.replace(fh.name, path)


def prune(record: dict, current: dict[str, str]) -> None:
    """Keep only entries for snippets that exist, at their current content."""
    snippets = record["snippets"]
    for name in list(snippets):
        if name not in current:
            del snippets[name]
            continue
        for digest in list(snippets[name]):
            if digest != current[name]:
                del snippets[name][digest]
        for release in list(snippets[name].get(current[name], {})):
            if release not in RELEASES:
                del snippets[name][current[name]][release]


def missing(record: dict, current: dict[str, str], release: str) -> list[str]:
    return [n for n, h in current.items() if release not in record["snippets"].get(n, {}).get(h, {})]


# --- the worker (runs inside a release's venv) -------------------------------------


def _alarm(signum, frame):
    raise TimeoutError(f"took longer than {SNIPPET_TIMEOUT} s")


def worker(names: list[str], out: Path) -> int:
    """Run `names` with runner.run(); append one JSON line per snippet to `out`."""
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT / "scripts"))
    import runner  # noqa: PLC0415
    import torch  # noqa: PLC0415

    torch.set_num_threads(1)
    # Warm up as runner.py does: the first optimizer pulls in lazy imports (torch._dynamo),
    # which should not count against one snippet's time.
    torch.optim.SGD(torch.nn.Linear(1, 1).parameters(), lr=0.1)
    by_name = {s.name: s for s in runner.all_snippets()}
    signal.signal(signal.SIGALRM, _alarm)
    with out.open("a", encoding="utf-8") as fh:
        if out.stat().st_size == 0:
            fh.write(json.dumps({"torch": torch.__version__, "python": platform.python_version()}) + "\n")
        for name in names:
            signal.alarm(SNIPPET_TIMEOUT)
            try:
                result = runner.run(by_name[name])
                line = {"name": name, "shown": result.shown, "traces": result.traces}
            except runner.SnippetError as exc:
                cause = exc.__cause__ or exc
                line = {"name": name, "error": type(cause).__name__, "message": str(exc)}
            finally:
                signal.alarm(0)
            line["hash"] = content_hash(by_name[name].path)
            fh.write(json.dumps(line) + "\n")
            fh.flush()
    return 0


def run_worker(python: str, names: list[str], out: Path, env: dict | None = None) -> tuple[dict, dict]:
    """Run the worker until every name has a line; a crash marks the snippet it died in."""
    out.unlink(missing_ok=True)
    out.touch()
    env = dict(os.environ if env is None else env, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
               PYTHONHASHSEED="0", PYTHONWARNINGS="")
    done: dict[str, dict] = {}
    meta: dict = {}
    todo = list(names)
    while todo:
        proc = subprocess.run([python, str(Path(__file__).resolve()), "_worker", str(out), *todo],
                              env=env, cwd=ROOT, capture_output=True, text=True, timeout=3600)
        lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
        for line in lines:
            if "name" in line:
                done[line["name"]] = line
            else:
                meta = line
        todo = [n for n in names if n not in done]
        if todo and proc.returncode == 0:
            raise RuntimeError(f"worker exited cleanly without results for {todo}")
        if todo:
            if not meta:  # it died before running anything: torch does not import
                raise RuntimeError(f"worker failed (exit {proc.returncode}):\n{proc.stderr.strip()[-2000:]}")
            crashed = todo.pop(0)
            tail = proc.stderr.strip().splitlines()[-1:] or [""]
            done[crashed] = {"name": crashed, "error": "Crash",
                             "message": f"the interpreter died (exit {proc.returncode}) {tail[0]}".strip()}
            out.write_text("\n".join(json.dumps(x) for x in [meta, *done.values()]) + "\n", encoding="utf-8")
    return meta, done


# --- comparing -------------------------------------------------------------------


def _rel(a: float, b: float) -> float:
    if a == b:
        return 0.0
    scale = max(abs(a), abs(b))
    return abs(a - b) / scale if scale else abs(a - b)


def compare_traces(pinned: dict, other: dict) -> dict:
    """Per trace and label, where `other` departs from `pinned` (empty if equal)."""
    found = {}
    for trace in sorted(set(pinned) | set(other)):
        for label in sorted(set(pinned.get(trace, {})) | set(other.get(trace, {}))):
            a, b = pinned.get(trace, {}).get(label), other.get(trace, {}).get(label)
            key = f"{trace}[{label}]" if label else trace
            if a is None or b is None:
                found[key] = {"missing_on": "pinned" if a is None else "release"}
                continue
            if a == b:
                continue
            entry: dict = {"len_pinned": len(a), "len_release": len(b)}
            common = [i for i in range(min(len(a), len(b))) if a[i] != b[i]]
            if common:
                i = common[0]
                entry.update(first_step=i, pinned=a[i], release=b[i],
                             steps=len(common), max_rel=max(_rel(a[j], b[j]) for j in common))
            found[key] = entry
    return found


VERSION_MASK = "<torch version>"


def mask_version(text: str, *versions: str | None) -> str:
    """A snippet that prints torch.__version__ should not differ for that alone.

    Both runs' version strings are masked in both texts, so a literal "2.13.0" that a
    snippet prints as a label stays equal to itself."""
    found = {v for version in versions if version for v in (version, version.split("+")[0])}
    for v in sorted(found, key=len, reverse=True):
        text = text.replace(v, VERSION_MASK)
    return text


def compare(pinned: dict, other: dict, release: str, pinned_torch: str | None = None,
            release_torch: str | None = None) -> dict:
    if "error" in other:
        return {"status": "error", "type": other["error"],
                "message": other["message"][:2000]}
    traces = compare_traces(pinned["traces"], other["traces"])
    a, b = (mask_version(x["shown"], pinned_torch, release_torch) for x in (pinned, other))
    if a == b and not traces:
        return {"status": "same"}
    result: dict = {}
    if a != b:
        diff = list(difflib.unified_diff(a.splitlines(), b.splitlines(),
                                         f"torch {PINNED}", f"torch {release}", lineterm="", n=1))
        if len(diff) > MAX_DIFF_LINES:
            diff = diff[:MAX_DIFF_LINES] + [f"... ({len(diff) - MAX_DIFF_LINES} more diff lines)"]
        result["diff"] = diff
    if traces:
        result["traces"] = traces
    rounding = "diff" not in result and all(
        t.get("max_rel", 1.0) <= ROUNDING and t.get("len_pinned") == t.get("len_release") for t in traces.values()
    )
    result["status"] = "rounding" if rounding else "differs"
    return result


# --- one release -----------------------------------------------------------------


def venv_root() -> Path:
    return Path(os.environ.get("MATRIX_VENVS", "/tmp/matrix-venvs"))


def wheel_dir() -> Path:
    """Downloaded wheels, kept between passes (one flat folder: releases share many)."""
    return Path(os.environ.get("MATRIX_WHEELS", "/tmp/matrix-wheels"))


def requirements(release: str) -> list[str]:
    # Releases before 2.3 were built against NumPy 1.x; the snippets do not use NumPy,
    # but a reader's environment has it, and torch's import looks for it.
    reqs = [f"torch=={release}", "numpy<2" if version_key(release) < (2, 3) else "numpy"]
    return reqs + ([] if declares_setuptools(release) else [VENV_SETUPTOOLS])


def declares_setuptools(release: str) -> bool:
    """Whether the downloaded torch wheel of `release` requires setuptools itself."""
    import zipfile  # noqa: PLC0415

    wheels = sorted(wheel_dir().glob(f"torch-{release}-*.whl")) + sorted(wheel_dir().glob(f"torch-{release}+*.whl"))
    if not wheels:
        raise RuntimeError(f"no torch {release} wheel in {wheel_dir()}")
    with zipfile.ZipFile(wheels[0]) as whl:
        meta = next(n for n in whl.namelist() if n.endswith(".dist-info/METADATA"))
        text = whl.read(meta).decode("utf-8", "replace")
    return bool(re.search(r"^Requires-Dist: setuptools\b", text, re.M))


def _pip(cmd: list[str], release: str, log) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0 and "PIP_CONFIG_FILE" not in os.environ:
        # A global pip configuration may cap torch (a constraints file); retry without it.
        log(f"  pip refused torch=={release} under the global pip configuration; retrying without it")
        proc = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, PIP_CONFIG_FILE="/dev/null"))
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[2:4])} torch=={release} failed:\n{proc.stderr.strip()[-2000:]}")
    return proc


def fetch(release: str, log) -> list[str]:
    """Download the wheels `release` needs into wheel_dir() (files already there are reused)."""
    wheels = wheel_dir()
    wheels.mkdir(parents=True, exist_ok=True)
    # MATRIX_PIP_ARGS: e.g. "--index-url https://download.pytorch.org/whl/cpu" for the small CPU builds (CI)
    extra = shlex.split(os.environ.get("MATRIX_PIP_ARGS", ""))
    download = [sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "--no-cache-dir",
                "--dest", str(wheels), *extra]
    _pip([*download, "--no-deps", f"torch=={release}"], release, log)  # to read what it declares
    proc = _pip([*download, *requirements(release)], release, log)
    files = re.findall(r"(?:Saved|File was already downloaded) (\S+)", proc.stdout)
    (wheels / f"torch-{release}.files").write_text("\n".join(Path(f).name for f in files) + "\n")
    return files


def uv() -> str | None:
    """uv (scripts/matrix-requirements.txt) unpacks a CUDA build several times faster than pip."""
    return shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")


def install(release: str, venv: Path) -> None:
    remove(venv)
    venv.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PIP_CONFIG_FILE="/dev/null")  # --no-index: the downloaded wheels only
    local = ["--no-index", "--find-links", str(wheel_dir())]
    tool = uv()
    if tool:
        subprocess.run([tool, "venv", "--quiet", "--python", sys.executable, str(venv)], check=True, env=env)
        cmd = [tool, "pip", "install", "--quiet", "--no-cache", "--python", str(venv / "bin" / "python"),
               *local, *requirements(release)]
    else:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        cmd = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
               "--no-compile", *local, *requirements(release)]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"installing torch=={release} failed:\n{proc.stderr.strip()[-2000:]}")


_REMOVING: list = []


def remove(path: Path, background: bool = False) -> None:
    """Delete a venv; in the background while the next release downloads and installs."""
    if not path.exists():
        return
    if not background:
        shutil.rmtree(path, ignore_errors=True)
        return
    import threading  # noqa: PLC0415

    doomed = path.with_name(path.name + ".removing")
    shutil.rmtree(doomed, ignore_errors=True)
    path.rename(doomed)
    thread = threading.Thread(target=shutil.rmtree, args=(doomed,), kwargs={"ignore_errors": True})
    thread.start()
    _REMOVING.append(thread)


def free_gb(path: Path) -> float:
    path.mkdir(parents=True, exist_ok=True)
    return shutil.disk_usage(path).free / 2**30


def release_wheels(done: list[str], log) -> None:
    """Disk guard: delete the wheels of the releases in `done` that no other release's listing names.

    Files in no listing (a download under way, perhaps by another pass) are kept."""
    wheels = wheel_dir()
    listed = {p.name[len("torch-"):-len(".files")]: set(p.read_text().split()) for p in wheels.glob("torch-*.files")}
    others = set().union(*(files for release, files in listed.items() if release not in done))
    doomed = set().union(*(listed.get(r, set()) for r in done)) - others
    freed = 0
    for name in doomed:
        path = wheels / name
        if path.exists():
            freed += path.stat().st_size
            path.unlink()
    log(f"  disk guard: deleted {freed / 2**30:.1f} GiB of wheels of finished releases")


def fetch_timed(release: str, log) -> int:
    t0 = time.monotonic()
    fetch(release, log)
    return round(time.monotonic() - t0)


def results_dir() -> Path:
    """Raw outputs of the last run per release (printed text and traces), for a look or a re-compare."""
    path = Path(os.environ.get("MATRIX_RESULTS", "/tmp/matrix-results"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def raw_path(release: str) -> Path:
    return results_dir() / f"raw-{release}.json"


def load_raw(release: str) -> dict:
    try:
        return json.loads(raw_path(release).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {"meta": {}, "results": {}}


def keep_raw(release: str, meta: dict, results: dict) -> None:
    """Merge one run's raw outputs into raw-RELEASE.json (by snippet name)."""
    raw = load_raw(release)
    raw["meta"] = meta
    raw["results"].update(results)
    tmp = raw_path(release).with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(raw), encoding="utf-8")
    os.replace(tmp, raw_path(release))


def recompare(record: dict, current: dict, log) -> None:
    """Recompute the record from the kept raw outputs (after a change to compare())."""
    pinned = load_raw(PINNED)
    for name, line in pinned["results"].items():
        if name in current and line.get("hash") == current[name] and "error" not in line:
            record["snippets"].setdefault(name, {}).setdefault(current[name], {})[PINNED] = {
                "status": "same", "pinned": True}
    for release in RELEASES:
        if release == PINNED:
            continue
        raw = load_raw(release)
        n = 0
        for name, line in raw["results"].items():
            base = pinned["results"].get(name)
            if name not in current or not base:
                continue
            if line.get("hash") != current[name] or base.get("hash") != current[name]:
                continue
            record["snippets"].setdefault(name, {}).setdefault(current[name], {})[release] = compare(
                base, line, release, pinned["meta"].get("torch"), raw["meta"].get("torch"))
            n += 1
        if n:
            record["runs"].setdefault(release, {"torch": raw["meta"].get("torch"), "python": raw["meta"].get("python"),
                                                "snippets_run": n})
            log(f"  recompared torch {release}: {n} snippets")


def check_release(release: str, names: list[str], baseline: dict, record: dict, current: dict,
                  keep: bool = False, pinned_torch: str | None = None) -> dict:
    """Install `release` from the downloaded wheels, run `names`, record the comparison."""
    venv = venv_root() / f"torch-{release}"
    t0 = time.monotonic()
    try:
        install(release, venv)
        t1 = time.monotonic()
        meta, results = run_worker(str(venv / "bin" / "python"), names, results_dir() / f"torch-{release}.jsonl")
        keep_raw(release, meta, results)
        t2 = time.monotonic()
    finally:
        if not keep:
            remove(venv, background=True)
    counts: dict[str, int] = {}
    for name in names:
        if not baseline[name].get("hash") == results[name].get("hash", current[name]) == current[name]:
            continue  # the file changed during the run: leave it to the next pass
        outcome = compare(baseline[name], results[name], release, pinned_torch, meta.get("torch"))
        record["snippets"].setdefault(name, {}).setdefault(current[name], {})[release] = outcome
        counts[outcome["status"]] = counts.get(outcome["status"], 0) + 1
    record["runs"][release] = {"torch": meta.get("torch"), "python": meta.get("python"),
                               "install_seconds": round(t1 - t0), "run_seconds": round(t2 - t1),
                               "snippets_run": len(names)}
    return counts


def merge(target: Path, partials: list[Path]) -> int:
    """Fold partial records into `target`, keeping only entries for the snippets' current content."""
    current = {name: content_hash(path) for name, path in snippet_paths().items()}
    record = load_record(target)
    for path in partials:
        part = load_record(path)
        for name, by_hash in part["snippets"].items():
            for release, result in by_hash.get(current.get(name), {}).items():
                record["snippets"].setdefault(name, {}).setdefault(current[name], {})[release] = result
        record["runs"].update(part["runs"])  # each job's record carries its own release's run
    prune(record, current)
    save_record(record, target)
    done = sum(1 for n, h in current.items() if all(r in record["snippets"].get(n, {}).get(h, {}) for r in RELEASES))
    print(f"matrix: merged {len(partials)} record(s) into {target}: {done} of {len(current)} snippets on every release")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", action="append", help="only this release (repeatable)")
    parser.add_argument("--record", type=Path, default=RECORD, help="record file (default: %(default)s)")
    parser.add_argument("--keep-venv", action="store_true", help="do not delete the release venvs")
    parser.add_argument("--list", action="store_true", help="print the releases (a JSON list) and exit")
    parser.add_argument("--recompare", action="store_true",
                        help="recompute the record from the raw outputs kept in $MATRIX_RESULTS and exit")
    parser.add_argument("--merge", nargs="+", type=Path, metavar="PARTIAL",
                        help="merge the entries of these records (e.g. one per CI job) into --record and exit")
    args = parser.parse_args(argv)
    if args.list:
        print(json.dumps(RELEASES))
        return 0
    if args.merge:
        return merge(args.record, args.merge)
    releases = args.release or list(RELEASES)
    unknown = [r for r in releases if r not in RELEASES]
    if unknown:
        raise SystemExit(f"not in the release list ({', '.join(RELEASES)}): {', '.join(unknown)}")

    def log(text: str) -> None:
        print(text, flush=True)

    paths = snippet_paths()
    current = {name: content_hash(path) for name, path in paths.items()}
    record = load_record(args.record)
    prune(record, current)
    if args.recompare:
        recompare(record, current, log)
        save_record(record, args.record)
        return 0
    todo = {r: missing(record, current, r) for r in releases}
    stale = sorted({n for names in todo.values() for n in names})
    if not stale:
        save_record(record, args.record)
        log(f"matrix: all {len(current)} snippets recorded on {len(releases)} release(s); nothing to do")
        return 0

    import importlib.metadata  # noqa: PLC0415

    pinned_here = importlib.metadata.version("torch")
    if pinned_here.split("+")[0] != PINNED:
        raise SystemExit(f"the pinned outputs come from torch {PINNED}, but {sys.executable} has {pinned_here}")
    t0 = time.monotonic()
    log(f"matrix: {len(stale)} of {len(current)} snippets need a run on some release; pinned run on torch {pinned_here}")
    # Reuse kept pinned outputs for unchanged snippets (same content, same pinned build).
    kept = load_raw(PINNED)
    reuse = {n: kept["results"][n] for n in stale if kept["meta"].get("torch") == pinned_here
             and kept["results"].get(n, {}).get("hash") == current[n]}
    meta, baseline = kept["meta"], dict(reuse)
    if len(reuse) < len(stale):
        meta, fresh = run_worker(sys.executable, [n for n in stale if n not in reuse],
                                 results_dir() / f"torch-{PINNED}-pinned.jsonl")
        keep_raw(PINNED, meta, fresh)
        baseline.update(fresh)
    broken = {n: r for n, r in baseline.items() if "error" in r}
    if broken:
        raise SystemExit("these snippets fail on the pinned torch; fix them first:\n"
                         + "\n".join(r["message"] for r in broken.values()))
    log(f"  pinned run: {len(stale) - len(reuse)} snippets in {time.monotonic() - t0:.0f} s"
        f" ({len(reuse)} reused from {raw_path(PINNED)})")
    total = time.monotonic()
    failed = []
    min_free = float(os.environ.get("MATRIX_MIN_FREE_GB", "20"))
    work = [r for r in releases if todo[r] and r != PINNED]
    fetcher = ThreadPoolExecutor(max_workers=1)  # downloads the next release while this one runs

    def prefetch(k: int):
        if k >= len(work):
            return None
        if free_gb(wheel_dir()) < min_free + 10:
            release_wheels(finished, log)
        return fetcher.submit(fetch_timed, work[k], log)

    finished: list[str] = []
    pending = prefetch(0)
    for i, release in enumerate(releases, 1):
        names = todo[release]
        head = f"[{i}/{len(releases)}] torch {release}"
        if not names:
            log(f"{head}: all {len(current)} snippets already recorded, skipped")
            continue
        if release == PINNED:
            for name in names:
                record["snippets"].setdefault(name, {}).setdefault(current[name], {})[release] = {
                    "status": "same", "pinned": True}
            record["runs"][release] = {"torch": meta.get("torch"), "python": meta.get("python"),
                                       "pinned": True, "snippets_run": len(names)}
            save_record(record, args.record)
            log(f"{head}: the pinned release, {len(names)} snippets recorded as the reference")
            continue
        start = time.monotonic()
        k = work.index(release)
        try:
            fetch_seconds = pending.result()
        except Exception as exc:  # noqa: BLE001 - report and go on with the next release
            pending = prefetch(k + 1)
            failed.append(release)
            log(f"{head}: FAILED to download: {exc}")
            continue
        pending = prefetch(k + 1)
        try:
            counts = check_release(release, names, baseline, record, current, keep=args.keep_venv,
                                   pinned_torch=meta.get("torch"))
        except Exception as exc:  # noqa: BLE001
            failed.append(release)
            log(f"{head}: FAILED after {time.monotonic() - start:.0f} s: {exc}")
            continue
        run = record["runs"][release]
        run["download_seconds"] = fetch_seconds
        finished.append(release)
        save_record(record, args.record)
        summary = ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
        log(f"{head} ({run['torch']}): {len(names)} snippets; download {fetch_seconds} s (overlapped), "
            f"install {run['install_seconds']} s, run {run['run_seconds']} s; "
            f"{time.monotonic() - start:.0f} s after the download: {summary}; "
            f"{free_gb(wheel_dir()):.0f} GiB free")
    fetcher.shutdown()
    for thread in _REMOVING:
        thread.join()
    save_record(record, args.record)
    log(f"matrix: done in {time.monotonic() - total:.0f} s" + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "_worker":
        sys.exit(worker(sys.argv[3:], Path(sys.argv[2])))
    sys.exit(main())
