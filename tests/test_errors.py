"""The errors page against the installed torch: every raise and warn site of
torch/optim/lr_scheduler.py and torch/optim/swa_utils.py has an entry, and every
message the page shows is the one torch gives now, from the site it claims.

Sites come from the installed source (ast), so a torch upgrade that adds, removes or
rewords a message fails here with a list. Reproductions come from running the page's
snippets (snippets/reference/errors/) in this process, with each exception a snippet's
`show()` prints and every `warnings.warn` call recorded together with the entry (the
`anchor` of the `show()` call) they were reproduced for.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
import runpy
import sys
import tokenize
import traceback
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from conftest import DOCS, snippet

import torch.optim.lr_scheduler
import torch.optim.swa_utils

MODULES = (torch.optim.lr_scheduler, torch.optim.swa_utils)
PAGE = DOCS / "reference" / "errors.md"
SNIPPETS = ("errors_construction", "errors_stepping", "errors_resuming")
GAP = "…"  # stands for a formatted value in a message template
MARKER = re.compile(r"^--8<-- \[(start|end):([a-z][-_0-9a-z]*)\]$")


# --- the sites, from the installed source ------------------------------------------


@dataclass(frozen=True)
class Site:
    file: str  # e.g. "lr_scheduler.py"
    line: int
    end_line: int
    kind: str  # "raise" or "warn"
    category: str  # exception or warning class name
    pieces: tuple[str | None, ...]  # literal text, None for a formatted value
    function: str  # qualified name of the enclosing function

    @property
    def template(self) -> str:
        return "".join(GAP if p is None else p for p in self.pieces)

    def matches(self, message: str) -> bool:
        pattern = "".join(".*?" if p is None else re.escape(p) for p in self.pieces)
        return re.fullmatch(pattern, message, re.S) is not None

    def __str__(self) -> str:
        return f"{self.file}:{self.line} {self.function}: {self.kind} {self.category}: {self.template!r}"


def _pieces(node: ast.expr | None, constants: dict) -> list[str | None]:
    """The literal parts of a message expression; None where a value is formatted in."""
    if node is None:
        return [""]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [p for v in node.values for p in _pieces(v, constants)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _pieces(node.left, constants) + _pieces(node.right, constants)
    if isinstance(node, ast.Name) and isinstance(constants.get(node.id), str):
        return [constants[node.id]]
    return [None]


def _merge(pieces: list[str | None]) -> tuple[str | None, ...]:
    out: list[str | None] = []
    for piece in pieces:
        if out and piece is not None and out[-1] is not None:
            out[-1] += piece
        elif not (out and piece is None and out[-1] is None) and piece != "":
            out.append(piece)
    return tuple(out) or ("",)


def _name(node: ast.expr) -> str:
    return node.func.id if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) else (
        node.id if isinstance(node, ast.Name) else ast.unparse(node))


def _is_warn(node: ast.Call) -> bool:
    func = node.func
    return (isinstance(func, ast.Attribute) and func.attr == "warn" and isinstance(func.value, ast.Name)
            and func.value.id == "warnings") or (isinstance(func, ast.Name) and func.id == "warn")


def sites_in(source: str, file: str, constants: dict) -> list[Site]:
    """Every `raise` and `warnings.warn(...)` in `source`, with its message template."""
    found = []

    def visit(node: ast.AST, scope: tuple[str, ...]) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            scope = scope + (node.name,)
        if isinstance(node, ast.Raise):
            exc = node.exc
            message = exc.args[0] if isinstance(exc, ast.Call) and exc.args else None
            found.append(Site(file, node.lineno, node.end_lineno, "raise", _name(exc) if exc else "re-raise",
                              _merge(_pieces(message, constants)), ".".join(scope)))
        elif isinstance(node, ast.Call) and _is_warn(node):
            category = node.args[1] if len(node.args) > 1 else next(
                (k.value for k in node.keywords if k.arg == "category"), None)
            found.append(Site(file, node.lineno, node.end_lineno, "warn",
                              _name(category) if category is not None else "UserWarning",
                              _merge(_pieces(node.args[0] if node.args else None, constants)), ".".join(scope)))
        for child in ast.iter_child_nodes(node):
            visit(child, scope)

    visit(ast.parse(source), ())
    return found


@cache
def sites() -> tuple[Site, ...]:
    found = []
    for module in MODULES:
        path = Path(module.__file__)
        constants = {k: v for k, v in vars(module).items() if isinstance(v, str)}
        found += sites_in(path.read_text(encoding="utf-8"), path.name, constants)
    return tuple(found)


# --- the reproductions, from running the page's snippets ----------------------------


@dataclass(frozen=True)
class Event:
    snippet: str
    anchor: str
    file: str  # where torch raised or warned: the innermost frame
    line: int
    kind: str
    category: str
    message: str  # str(exception), or the warning text
    printed: str  # the line a reader sees: traceback's last line, or "Category: message"


def _anchor(frame, path: str) -> str | None:
    while frame is not None:
        if frame.f_code.co_filename == path and frame.f_code.co_name == "show":
            return frame.f_locals["anchor"]
        frame = frame.f_back
    return None


@cache
def reproduce(name: str) -> tuple[Event, ...]:
    """Run one errors snippet; record each exception its show() prints and every warnings.warn call.

    show() prints an exception with traceback.format_exception_only, so wrapping that
    function hands us the exception object (and its traceback down to where torch raised it).
    """
    path = str(snippet(name).path)
    events: list[Event] = []
    real_format, real_warn = traceback.format_exception_only, warnings.warn

    def spy_format(exc, *args, **kwargs):
        printed = real_format(exc, *args, **kwargs)
        tb = exc.__traceback__
        while tb.tb_next is not None:
            tb = tb.tb_next
        message = exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], str) else str(exc)
        events.append(Event(name, _anchor(sys._getframe(1), path), Path(tb.tb_frame.f_code.co_filename).name,
                            tb.tb_lineno, "raise", type(exc).__name__, message, "".join(printed).rstrip()))
        return printed

    def spy_warn(message, category=None, stacklevel=1, source=None, **kwargs):
        caller = sys._getframe(1)
        category = category or (type(message) if isinstance(message, Warning) else UserWarning)
        events.append(Event(name, _anchor(caller, path), Path(caller.f_code.co_filename).name, caller.f_lineno,
                            "warn", category.__name__, str(message), f"{category.__name__}: {message}"))
        return real_warn(message, category, stacklevel + 1, source, **kwargs)

    with warnings.catch_warnings(record=True), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("always")
        traceback.format_exception_only, warnings.warn = spy_format, spy_warn
        try:
            runpy.run_path(path, run_name="__main__")
        finally:
            traceback.format_exception_only, warnings.warn = real_format, real_warn
    return tuple(events)


def events() -> list[Event]:
    return [e for name in SNIPPETS for e in reproduce(name)]


def site_of(event: Event) -> Site | None:
    for site in sites():
        if site.kind == event.kind and site.file == event.file and site.line <= event.line <= site.end_line:
            return site
    return None


def uncovered(all_sites, reproduced) -> list:
    """The sites no reproduction reached (a new message in a future torch shows up here)."""
    return [s for s in all_sites if s not in set(reproduced)]


# --- the page --------------------------------------------------------------------------


def sections(text: str) -> dict[str, list[str]]:
    """Marker-delimited sections of a generated output: name -> its lines."""
    found, current = {}, None
    for line in text.splitlines():
        match = MARKER.match(line)
        if match and match[1] == "start":
            current = found.setdefault(match[2], [])
        elif match:
            current = None
        elif current is not None:
            current.append(line)
    return found


def entries() -> dict[str, tuple[str, str]]:
    """Entry anchor -> (heading text, the body up to the next heading) on the errors page.

    Entries are the level-3 headings; a heading is the message in inline code, with … for
    the variable parts (``double backticks`` when the message itself has backticks).
    """
    found = {}
    parts = re.split(r"^(#{1,6} .*)$", PAGE.read_text(encoding="utf-8"), flags=re.M)
    for heading, body in zip(parts[1::2], parts[2::2]):
        match = re.fullmatch(r"### (`+) ?(.*?) ?\1\s*\{ *#([-\w]+) *\}", heading)
        assert match or not heading.startswith("### "), f"entry heading not of the form `message` {{ #anchor }}: {heading}"
        if match:
            found[match[3]] = (match[2], body)
    return found


def generated_sections(generated) -> dict[tuple[str, str], list[str]]:
    return {(name, anchor): lines for name in SNIPPETS
            for anchor, lines in sections((generated / f"{name}.txt").read_text()).items()}


# --- tests -------------------------------------------------------------------------------


def _token_count(path: Path, words: tuple[str, ...]) -> int:
    with path.open("rb") as f:
        tokens = [t for t in tokenize.tokenize(f.readline) if t.type in (tokenize.NAME, tokenize.OP)]
    return sum(1 for i, t in enumerate(tokens) if tuple(x.string for x in tokens[i:i + len(words)]) == words)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_the_enumeration_misses_no_raise_or_warn_statement(module):
    """Counted independently of ast, on the token stream: `raise` keywords and `warnings.warn` calls."""
    path = Path(module.__file__)
    found = [s for s in sites() if s.file == path.name]
    assert sum(s.kind == "raise" for s in found) == _token_count(path, ("raise",))
    assert sum(s.kind == "warn" for s in found) == _token_count(path, ("warnings", ".", "warn"))
    assert all(s.category != "re-raise" for s in found), "a bare `raise` re-raises; give it an entry by hand"


def test_every_raise_and_warn_site_has_an_entry_that_reproduces_it():
    missing = uncovered(sites(), [site_of(e) for e in events()])
    assert not missing, "sites of the installed torch with no entry on docs/reference/errors.md:\n" + "\n".join(
        map(str, missing))


def test_a_new_site_would_be_reported():
    """The coverage check itself: a site that nothing reproduces is listed."""
    source = "def f(x):\n    raise ValueError(f'brand new {x} message')\n"
    new = sites_in(source, "lr_scheduler.py", {})
    assert [str(s) for s in uncovered(list(sites()) + new, [site_of(e) for e in events()])] == [
        "lr_scheduler.py:2 f: raise ValueError: 'brand new … message'"]


def test_each_reproduced_message_comes_from_the_site_it_claims():
    for event in events():
        site = site_of(event)
        if site is None:
            continue  # raised elsewhere (pickle, Python's argument check, ...): see the next test
        assert event.category == site.category, f"{event}: {site}"
        assert site.matches(event.message), f"{event.printed!r} does not fit {site}"


def test_messages_from_elsewhere_are_marked_on_the_page():
    """An entry showing a message that no raise/warn site of the two files gives says so on the page."""
    outside = {e.anchor for e in events() if site_of(e) is None}
    for anchor in outside:
        assert "not a scheduler message" in " ".join(entries()[anchor][1].lower().split()), f"#{anchor} does not say so"
    inside = {e.anchor for e in events() if site_of(e) is not None}
    for anchor in set(entries()) - outside - inside:
        pytest.fail(f"entry #{anchor} reproduces nothing")


def test_every_reproduction_belongs_to_a_section_of_the_output():
    assert all(e.anchor for e in events()), [e for e in events() if not e.anchor]


def test_every_entry_shows_the_messages_torch_gives_now(generated):
    """Each entry includes its own section of the generated output, which holds exactly its messages."""
    shown = generated_sections(generated)
    page = entries()
    by_entry: dict[tuple[str, str], list[str]] = {}
    for event in events():
        by_entry.setdefault((event.snippet, event.anchor), []).append(event.printed)
    assert set(by_entry) == set(shown), "sections printed by the snippets differ from what ran"
    for (name, anchor), printed in by_entry.items():
        assert "\n".join(shown[name, anchor]) == "\n".join(printed), (name, anchor)
        assert anchor in page, f"no heading {{ #{anchor} }} on {PAGE.name} for {name}.txt:{anchor}"
        assert f'--8<-- "{name}.txt:{anchor}"' in page[anchor][1], f"#{anchor} does not include its messages"


def test_each_heading_is_the_start_of_its_message():
    """A heading names the message (with … for the variable parts), so it reads as what the reader saw."""
    by_anchor: dict[str, list[str]] = {}
    for event in events():
        by_anchor.setdefault(event.anchor, []).append(event.printed)
    for anchor, (heading, _) in entries().items():
        if anchor not in by_anchor:
            continue
        pattern = ".*?".join(re.escape(p.strip()) for p in heading.split(GAP))
        assert any(re.search(pattern, line, re.S) for line in by_anchor[anchor]), (heading, by_anchor[anchor])


def test_search_prefixes_are_distinct_per_entry():
    """The browser test pastes each message's first 40 characters; no two entries share one."""
    owner: dict[str, str] = {}
    for event in events():
        prefix = search_prefix(event)
        assert owner.setdefault(prefix, event.anchor) == event.anchor, f"{prefix!r}: {owner[prefix]} and {event.anchor}"


def search_prefix(event: Event) -> str:
    return (event.message or event.category)[:40]


# --- the fixes the page gives work ---------------------------------------------------


def _plateau_after_add_param_group(min_lr, fix=None):
    from torch.optim.lr_scheduler import ReduceLROnPlateau  # noqa: PLC0415

    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    scheduler = ReduceLROnPlateau(optimizer, patience=0, min_lr=min_lr)
    optimizer.add_param_group({"params": torch.nn.Linear(2, 1).parameters(), "lr": 0.1})
    if fix:
        fix(scheduler)
    for _ in range(3):
        optimizer.step()
        scheduler.step(1.0)
    return [g["lr"] for g in optimizer.param_groups]


def test_plateau_min_lrs_fix_and_the_scalar_case():
    with pytest.raises(RuntimeError, match="number of param groups"):
        _plateau_after_add_param_group([1e-5])
    expected = pytest.approx([0.1 * 0.1**2] * 2, rel=1e-12)  # 3 plateau steps, patience 0: reduced at steps 2 and 3
    assert _plateau_after_add_param_group([1e-5], fix=lambda s: s.min_lrs.append(1e-5)) == expected
    assert _plateau_after_add_param_group(1e-5) == expected


# --- quantified sentences of the page, over their domain ------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

CLAIMS = settings(derandomize=True, max_examples=15, deadline=None)


def _sgd():
    return torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1, momentum=0.9)


@CLAIMS
@given(total=st.integers(1, 60))
def test_one_cycle_allows_exactly_total_steps_steps(total):
    """#one-cycle-too-many-steps: total_steps calls of step() pass, the next one raises."""
    scheduler = torch.optim.lr_scheduler.OneCycleLR(_sgd(), max_lr=0.1, total_steps=total)
    for _ in range(total):
        scheduler.optimizer.step()
        scheduler.step()
    scheduler.optimizer.step()
    with pytest.raises(ValueError, match=f"Tried to step {total + 1} times"):
        scheduler.step()


@CLAIMS
@given(epochs=st.lists(st.floats(0, 50), min_size=1, max_size=20))
def test_warm_restarts_fractional_epochs_never_warn(epochs):
    """#epoch-argument: CosineAnnealingWarmRestarts.step(epoch) does not warn, for any epoch >= 0."""
    scheduler = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(_sgd(), T_0=5, T_mult=2)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for epoch in epochs:
            scheduler.optimizer.step()
            scheduler.step(epoch)


@CLAIMS
@given(order=st.lists(st.sampled_from(["optimizer", "scheduler"]), min_size=1, max_size=30))
def test_the_call_order_warning_comes_once_at_the_first_scheduler_step(order):
    """#step-order: given at most once, and only when the first scheduler.step() precedes every optimizer.step()."""
    optimizer = _sgd()
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=3)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for call in order:
            (optimizer if call == "optimizer" else scheduler).step()
    found = [w for w in caught if str(w.message).startswith("Detected call of `lr_scheduler.step()`")]
    early = "scheduler" in order and order.index("scheduler") < (order.index("optimizer") if "optimizer" in order else 99)
    assert len(found) == (1 if early else 0)


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(total=st.integers(1, 300), pct=st.floats(0.0, 1.0), one=st.booleans())
def test_one_cycle_lr_divides_by_zero_exactly_when_its_warm_up_ends_at_step_0(total, pct, one):
    """errors.md#zero-length: a two-phase OneCycleLR raises ZeroDivisionError, at construction, exactly when
    pct_start * total_steps == 1; otherwise every step of the run works. `one` forces the boundary."""
    import torch  # noqa: PLC0415
    from torch.optim import lr_scheduler as sched  # noqa: PLC0415

    if one:
        pct = 1.0 / total
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1, momentum=0.9)
    if float(pct * total) == 1.0:
        with pytest.raises(ZeroDivisionError):
            sched.OneCycleLR(optimizer, max_lr=0.1, total_steps=total, pct_start=pct)
        return
    scheduler = sched.OneCycleLR(optimizer, max_lr=0.1, total_steps=total, pct_start=pct)
    for _ in range(total - 1):
        optimizer.step()
        scheduler.step()


@pytest.mark.parametrize("factor", ["div_factor", "final_div_factor"])
def test_one_cycle_lr_with_a_zero_factor_divides_by_zero_at_construction(factor):
    import torch  # noqa: PLC0415
    from torch.optim import lr_scheduler as sched  # noqa: PLC0415

    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1, momentum=0.9)
    with pytest.raises(ZeroDivisionError):
        sched.OneCycleLR(optimizer, max_lr=0.1, total_steps=100, **{factor: 0.0})
