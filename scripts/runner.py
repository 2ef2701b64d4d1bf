"""The one runner: execute every snippet, capture its output and traces, draw its figure.

    python scripts/runner.py            # regenerate what is stale
    python scripts/runner.py --force    # regenerate everything
    python scripts/runner.py --check    # exit 1 if anything is stale (runs nothing)

Snippets are grouped by the page that shows them (``snippets/schedulers/step_lr/``,
``snippets/guides/checkpoints/``, ...); file names are unique across folders, so a
snippet is known by its name alone. For each ``snippets/**/NAME.py`` it writes
``docs/generated/NAME.txt`` (what the program printed, warnings included, as a reader
sees it) and, when the program recorded a learning-rate trace, ``docs/generated/NAME.svg``.
Importing torch dominates the cost, so it is imported once and each snippet runs in a
process forked from that warm one. A snippet is re-run only when its source, this runner,
the plotting code or the installed torch/matplotlib changed; deciding that imports neither
torch nor matplotlib.

Conventions a snippet follows (read from its globals after it ran):

* ``lrs``: the learning rate used at each step, a list of floats, or a dict of
  label -> list to draw several curves in one panel.
* ``momenta`` / ``beta1s`` / ``losses``: optional further traces, one panel each.
* ``x_epochs``: optional x values in epochs (e.g. fractional epochs); otherwise x is the step index.

Directive comments (a line starting with ``# docs:``):

* ``# docs: expect-warning Category: message prefix`` -- the page shows this warning on
  purpose; the tests allow exactly it.
* ``# docs: no-figure`` -- the snippet prints a table or a message and records no trace.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.metadata
import io
import json
import os
import re
import sys
import time
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
GENERATED = ROOT / "docs" / "generated"
MANIFEST = GENERATED / "manifest.json"
# A change to any of these files makes every output stale.
TOOL_FILES = [Path(__file__).resolve(), ROOT / "scripts" / "figures.py"]
TRACE_NAMES = ("lrs", "momenta", "beta1s", "losses")
if str(ROOT / "scripts") not in sys.path:  # figures.py sits beside this file
    sys.path.insert(0, str(ROOT / "scripts"))


class SnippetError(Exception):
    """A snippet failed; the message names its file and line."""


@dataclass
class Result:
    name: str
    stdout: str = ""
    shown: str = ""  # stdout with warnings interleaved, as the page shows it
    traces: dict = field(default_factory=dict)  # name -> {label: [float, ...]}
    epochs: list | None = None
    warnings: list = field(default_factory=list)  # "Category: message"


@dataclass
class Snippet:
    path: Path

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def rel(self) -> str:
        try:
            return self.path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return str(self.path)

    @property
    def source(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def directives(self) -> list[tuple[str, str]]:
        found = []
        for line in self.source.splitlines():
            stripped = line.strip()
            if stripped.startswith("# docs:"):
                word, _, rest = stripped[len("# docs:"):].strip().partition(" ")
                found.append((word, rest.strip()))
        return found

    @property
    def expected_warnings(self) -> list[str]:
        return [rest for word, rest in self.directives() if word == "expect-warning"]

    @property
    def wants_figure(self) -> bool:
        return ("no-figure", "") not in self.directives()


def all_snippets(folder: Path = SNIPPETS) -> list[Snippet]:
    """Every snippet under `folder` (any depth), in path order; names must be unique."""
    paths = sorted(p for p in folder.rglob("*.py") if not any(part.startswith(".") for part in p.parts))
    seen: dict[str, Path] = {}
    for path in paths:
        if path.stem in seen:
            raise SnippetError(f"{path}: the name {path.stem!r} is already used by {seen[path.stem]}; "
                               "snippet names must be unique across folders")
        seen[path.stem] = path
    return [Snippet(p) for p in paths]


def find(name: str, folder: Path = SNIPPETS) -> Snippet:
    """The snippet called `name`, in whichever page folder it lives."""
    for snippet in all_snippets(folder):
        if snippet.name == name:
            return snippet
    raise SnippetError(f"no such snippet: {name}")


def select(names: list[str] | None, folder: Path = SNIPPETS) -> list[Snippet]:
    if not names:
        return all_snippets(folder)
    by_name = {s.name: s for s in all_snippets(folder)}
    missing = [n for n in names if n not in by_name]
    if missing:
        raise SystemExit(f"no such snippet: {', '.join(missing)}")
    return [by_name[n] for n in names]


# --- staleness -------------------------------------------------------------------


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()


def environment_key() -> str:
    versions = [f"{pkg}=={importlib.metadata.version(pkg)}" for pkg in ("torch", "matplotlib")]
    return _digest(*(p.read_bytes() for p in TOOL_FILES), " ".join(versions).encode())


def snippet_key(snippet: Snippet, env_key: str) -> str:
    return _digest(snippet.path.read_bytes(), env_key.encode())


def outputs(snippet: Snippet, out: Path = GENERATED) -> list[Path]:
    paths = [out / f"{snippet.name}.txt"]
    if snippet.wants_figure:
        paths += [out / f"{snippet.name}.svg", out / f"{snippet.name}.json"]
    return paths


def load_manifest(out: Path = GENERATED) -> dict:
    try:
        return json.loads((out / MANIFEST.name).read_text())
    except (FileNotFoundError, ValueError):
        return {}


def stale(snippets: list[Snippet], out: Path = GENERATED) -> list[Snippet]:
    manifest, env_key = load_manifest(out), environment_key()
    return [
        s
        for s in snippets
        if manifest.get(s.name) != snippet_key(s, env_key) or not all(p.exists() for p in outputs(s, out))
    ]


# --- running ---------------------------------------------------------------------


def _error_location(snippet: Snippet, exc: BaseException) -> str:
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if Path(frame.filename) == snippet.path:
            line = frame.lineno
    if isinstance(exc, SyntaxError) and exc.filename == str(snippet.path):
        line = exc.lineno
    return f"{snippet.rel}:{line}" if line else snippet.rel


def _as_series(value) -> dict | None:
    """Accept a list of numbers, or a dict of label -> list of numbers."""
    if isinstance(value, dict):
        series = {str(k): v for k, v in value.items()}
    elif isinstance(value, (list, tuple)):
        series = {"": value}
    else:
        return None
    out = {}
    for label, values in series.items():
        if not isinstance(values, (list, tuple)) or not values:
            return None
        out[label] = [float(v) for v in values]
    return out


def run(snippet: Snippet) -> Result:
    """Execute one snippet in a fresh namespace, as ``python snippets/.../NAME.py`` would."""
    source = snippet.source
    result = Result(snippet.name)
    out, shown = io.StringIO(), io.StringIO()

    class Tee(io.TextIOBase):
        def write(self, text):
            out.write(text)
            shown.write(text)
            return len(text)

    def show_warning(message, category, filename, lineno, file=None, line=None):
        text = f"{category.__name__}: {message}"
        result.warnings.append(text)
        shown.write(text + "\n")

    namespace = {"__name__": "__main__", "__file__": str(snippet.path), "__builtins__": __builtins__}
    with warnings.catch_warnings():
        # "default" as in a fresh interpreter; catch_warnings also resets the
        # once-per-location registries that earlier snippets filled.
        warnings.simplefilter("default")
        warnings.showwarning = show_warning
        try:
            code = compile(source, str(snippet.path), "exec")
            with contextlib.redirect_stdout(Tee()):
                exec(code, namespace)
        except BaseException as exc:  # noqa: BLE001 - report any failure with its location
            raise SnippetError(f"{_error_location(snippet, exc)}: {type(exc).__name__}: {exc}") from exc
    result.stdout = out.getvalue()
    result.shown = shown.getvalue()
    for name in TRACE_NAMES:
        if name in namespace:
            series = _as_series(namespace[name])
            if series is None:
                raise SnippetError(f"{snippet.rel}: `{name}` must be a non-empty list of numbers or a dict of them")
            result.traces[name] = series
    if "x_epochs" in namespace:
        result.epochs = [float(e) for e in namespace["x_epochs"]]
    if not result.stdout.strip():
        raise SnippetError(f"{snippet.rel}: prints nothing; a snippet must print what it shows")
    if snippet.wants_figure and "lrs" not in result.traces:
        raise SnippetError(
            f"{snippet.rel}: records no learning rate; store it in a list named `lrs` "
            "(or mark the file `# docs: no-figure`)"
        )
    return result


def write_atomic(path: Path, data: bytes) -> None:
    """Write next to the target, then rename: a failure never leaves a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def rendered(snippet: Snippet, result: Result) -> dict[str, bytes]:
    """File name -> content of everything the page uses from this snippet."""
    files = {f"{snippet.name}.txt": result.shown.encode()}
    if snippet.wants_figure:
        from figures import figure_svg  # noqa: PLC0415 - matplotlib only when something is drawn

        files[f"{snippet.name}.svg"] = figure_svg(result)
        # The traces, for the overview figure (drawn without re-running anything).
        files[f"{snippet.name}.json"] = (json.dumps(result.traces["lrs"]) + "\n").encode()
    return files


# --- overview: one small panel per scheduler page, from its main snippet ----------

OVERVIEW = "overview.svg"


def scheduler_pages() -> list[tuple[str, str]]:
    """(page stem, class name) in navigation order, for pages with `scheduler:` front matter."""
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    found = []
    for stem in re.findall(r"schedulers/(\w+)\.md", nav):
        page = ROOT / "docs" / "schedulers" / f"{stem}.md"
        match = page.exists() and re.search(r"^scheduler: (\w+)$", page.read_text(encoding="utf-8"), re.M)
        if match:
            found.append((stem, match[1]))
    return found


def build_overview(out: Path, manifest: dict, env_key: str) -> bool:
    """Redraw the overview when a main snippet's trace (or the plotting code) changed."""
    cells = [(cls, out / f"{stem}.json") for stem, cls in scheduler_pages() if (out / f"{stem}.json").exists()]
    key = _digest(env_key.encode(), *(f"{cls}".encode() + path.read_bytes() for cls, path in cells))
    if manifest.get(OVERVIEW) == key and (out / OVERVIEW).exists():
        return False
    from figures import overview_svg  # noqa: PLC0415

    write_atomic(out / OVERVIEW, overview_svg([(cls, json.loads(path.read_text())) for cls, path in cells]))
    manifest[OVERVIEW] = key
    return True


def _run_and_render(snippet: Snippet) -> dict[str, bytes]:
    return rendered(snippet, run(snippet))


def _child(snippet: Snippet, send) -> None:
    """In a child forked for this one snippet: run it, send (True, files) or (False, SnippetError)."""
    import torch  # noqa: PLC0415 - already imported by the parent

    torch.set_num_threads(1)  # one process per core already
    try:
        reply = (True, _run_and_render(snippet))
    except SnippetError as err:
        reply = (False, err)
    except BaseException as exc:  # noqa: BLE001 - drawing failed; report it with the snippet's name
        reply = (False, SnippetError(f"{snippet.rel}: {type(exc).__name__}: {exc}\n{traceback.format_exc()}"))
    send.send(reply)
    send.close()


def _rendered_in_order(todo: list[Snippet]):
    """Yield (snippet, files) in order; with several cores, each snippet runs in a child of its own.

    The parent imports torch, builds one optimizer (which pulls in torch._dynamo) and imports
    matplotlib, then forks one child per snippet, so each starts warm and from the same state:
    what a snippet prints (a warning torch gives once per process, say) never depends on which
    snippets ran before it in the same process.
    """
    workers = min(os.cpu_count() or 1, len(todo))
    if workers < 2 or not hasattr(os, "fork"):
        for snippet in todo:
            yield snippet, _run_and_render(snippet)
        return
    import multiprocessing  # noqa: PLC0415
    from multiprocessing.connection import wait  # noqa: PLC0415

    import figures  # noqa: F401, PLC0415 - warm matplotlib before forking
    import torch  # noqa: PLC0415

    torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    context = multiprocessing.get_context("fork")
    waiting = list(todo)
    running: dict = {}  # receiving end -> (index, snippet, process)
    done: dict[int, tuple] = {}  # index -> (ok, files or error)
    emitted = 0
    try:
        while emitted < len(todo):
            while waiting and len(running) < workers:
                snippet = waiting.pop(0)
                receive, send = context.Pipe(duplex=False)
                process = context.Process(target=_child, args=(snippet, send), name=f"snippet {snippet.name}")
                process.start()
                send.close()
                running[receive] = (len(todo) - len(waiting) - 1, snippet, process)
            while emitted not in done:
                for receive in wait(list(running)):
                    index, snippet, process = running.pop(receive)
                    try:
                        done[index] = receive.recv()
                    except EOFError:  # died without a word (killed, aborted in C++)
                        process.join()
                        done[index] = (False, SnippetError(f"{snippet.rel}: its process died (exit code {process.exitcode})"))
                    receive.close()
                    process.join()
            while emitted in done:
                ok, payload = done.pop(emitted)
                if not ok:
                    raise payload
                yield todo[emitted], payload
                emitted += 1
    finally:
        for _, _, process in running.values():
            process.kill()
            process.join()


def build(snippets: list[Snippet], out: Path = GENERATED, force: bool = False, log=print) -> list[str]:
    """Regenerate stale outputs; return the names that ran. Raises SnippetError.

    Outputs are written in snippet order, each file replaced atomically; the first
    failing snippet stops the run, leaving its own previous outputs and those of the
    snippets after it untouched.
    """
    todo = snippets if force else stale(snippets, out)
    overview_stale = out == GENERATED and (force or bool(todo) or not (out / OVERVIEW).exists())
    if not todo and not overview_stale:
        return []
    manifest, env_key = load_manifest(out), environment_key()
    done = []
    try:
        for snippet, files in _rendered_in_order(todo):
            for filename, data in files.items():
                write_atomic(out / filename, data)
            manifest[snippet.name] = snippet_key(snippet, env_key)
            done.append(snippet.name)
        if overview_stale and build_overview(out, manifest, env_key):
            done.append(OVERVIEW)
    finally:
        if done:
            write_atomic(out / MANIFEST.name, (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode())
    if done:
        log(f"runner: regenerated {len(done)} output(s): {', '.join(done)}")
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="snippet names (default: all)")
    parser.add_argument("--force", action="store_true", help="regenerate even if fresh")
    parser.add_argument("--check", action="store_true", help="only report stale outputs")
    parser.add_argument("--snippets", type=Path, default=SNIPPETS, help="snippet folder")
    parser.add_argument("--out", type=Path, default=GENERATED, help="output folder")
    args = parser.parse_args(argv)
    snippets = select(args.names, args.snippets)
    if args.check:
        todo = stale(snippets, args.out)
        for s in todo:
            print(f"stale: {s.rel}")
        return 1 if todo else 0
    started = time.perf_counter()
    try:
        done = build(snippets, args.out, force=args.force)
    except SnippetError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if not done:
        print(f"runner: nothing to do ({time.perf_counter() - started:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
