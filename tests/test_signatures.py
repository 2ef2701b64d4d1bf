"""Each scheduler page's argument table matches the installed torch signature exactly."""

from __future__ import annotations

import inspect
import re

import pytest
import torch
from conftest import pages, front_matter

SCHEDULER_PAGES = [p for p in pages() if "scheduler" in front_matter(p)]


def scheduler_class(name: str):
    for module in (torch.optim.lr_scheduler, torch.optim.swa_utils):
        if hasattr(module, name):
            return getattr(module, name)
    raise AssertionError(f"torch has no scheduler named {name}")


def argument_table(page) -> dict[str, str]:
    """Argument -> default cell of the first table under '## Arguments'."""
    text = page.read_text(encoding="utf-8")
    section = text.split("\n## Arguments", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        match = re.fullmatch(r"`(\w+)`", cells[0]) if len(cells) >= 3 else None
        if match:
            rows[match[1]] = cells[1]
    return rows


@pytest.mark.parametrize("page", SCHEDULER_PAGES, ids=[p.stem for p in SCHEDULER_PAGES])
def test_argument_table_matches_signature(page):
    cls = scheduler_class(front_matter(page)["scheduler"])
    params = [p for p in inspect.signature(cls.__init__).parameters.values() if p.name != "self"]
    table = argument_table(page)
    assert list(table) == [p.name for p in params], f"{page.name}: arguments differ from {cls.__name__}"
    for p in params:
        cell = table[p.name]
        if p.default is inspect.Parameter.empty:
            assert cell == "required", f"{p.name}: torch has no default, the page says {cell}"
        else:
            shown = re.fullmatch(r"`(.+)`", cell)
            assert shown, f"{p.name}: default must be written as code, got {cell}"
            assert eval(shown[1], {"math": __import__("math")}) == p.default, f"{p.name}: {cell} != {p.default!r}"
