"""Questions from the field: at least 50 distinct, sourced questions, each pointing at a section that exists.

The list is the page itself (docs/guides/questions.md): one `###` heading per question, then a
one-line answer, an "**Answer:**" line linking the section that answers it and a "**Sources:**"
line. Keeping the data in the page means there is nothing to get out of step; this test parses
it strictly, so a malformed entry fails here with its heading named.
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import DOCS, ROOT

PAGE = DOCS / "guides" / "questions.md"
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
GITHUB = re.compile(r"https://github\.com/([\w.-]+/[\w.-]+)/(issues|pull)/(\d+)$")


def entries() -> list[dict]:
    text = PAGE.read_text(encoding="utf-8")
    found = []
    for block in re.split(r"^### ", text, flags=re.M)[1:]:
        lines = [line.rstrip() for line in block.strip().split("\n")]
        question, body = lines[0], [line for line in lines[1:] if line and not line.startswith("## ")]
        answer_lines = [line for line in body if line.startswith("**Answer:**")]
        source_lines = [line for line in body if line.startswith("**Sources:**")]
        text_lines = [line for line in body if not line.startswith("**")]
        assert len(answer_lines) == 1 and len(source_lines) == 1 and len(text_lines) == 1, question
        found.append({"question": question, "answer": text_lines[0],
                      "links": LINK.findall(answer_lines[0]), "sources": LINK.findall(source_lines[0])})
    return found


ENTRIES = entries()


def test_at_least_50_questions_each_answered_and_sourced():
    assert len(ENTRIES) >= 50
    for entry in ENTRIES:
        assert len(entry["answer"]) > 20, entry["question"]
        assert len(entry["links"]) == 1, entry["question"]
        assert entry["sources"], entry["question"]


def test_sources_are_well_formed_and_labelled_by_what_they_link():
    for entry in ENTRIES:
        for label, url in entry["sources"]:
            assert url.startswith("https://"), (entry["question"], url)
            match = GITHUB.match(url)
            if url.startswith("https://github.com/") and match:
                assert label == f"{match[1]}#{match[3]}", (entry["question"], label, url)
            else:
                assert label == url.split("/")[2], (entry["question"], label, url)


def normalized(question: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", question.lower()).strip()


def test_no_question_twice():
    """Distinct questions: no repeated heading, and no thread cited for two different entries."""
    questions = [normalized(e["question"]) for e in ENTRIES]
    assert len(set(questions)) == len(questions)
    seen: dict[str, str] = {}
    for entry in ENTRIES:
        for _, url in entry["sources"]:
            assert url not in seen, f"{url} is cited by {seen.get(url)!r} and {entry['question']!r}"
            seen[url] = entry["question"]


class Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.ids.update(value for name, value in attrs if name == "id" and value)


@cache
def page_ids(html: Path) -> set[str]:
    parser = Ids()
    parser.feed(html.read_text(encoding="utf-8"))
    return parser.ids


def built_page(site: Path, source: Path) -> Path:
    """docs/a/b.md -> site/a/b/index.html (use_directory_urls, the MkDocs default)."""
    relative = source.relative_to(DOCS).with_suffix("")
    return site / relative / "index.html"


def test_every_answer_link_points_to_an_existing_section(built_site):
    for entry in ENTRIES:
        (_, target), = entry["links"]
        path, _, anchor = target.partition("#")
        assert anchor, f"{entry['question']!r} links a page, not a section: {target}"
        source = (PAGE.parent / path).resolve()
        assert source.is_file(), f"{entry['question']!r}: no page {path}"
        html = built_page(built_site, source)
        assert anchor in page_ids(html), f"{entry['question']!r}: no section #{anchor} in {path}"


def test_each_question_is_its_own_section_in_the_built_page(built_site):
    """Search indexes a page by sections: every question heading gets an id a reader can land on."""
    html = built_page(built_site, PAGE).read_text(encoding="utf-8")
    assert html.count("<h3 id=") == len(ENTRIES)


@pytest.mark.parametrize("page", ["guides/questions.md", "guides/changing_a_schedule.md"])
def test_pages_are_in_the_nav(page):
    assert f": {page}" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


# One-line answers that state a fact the linked section does not show on its own: checked here.
def test_reduce_lr_on_plateau_has_get_last_lr():
    import torch

    optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1)
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, patience=0)
    for metric in (1.0, 2.0):
        optimizer.step()
        scheduler.step(metric)
    assert scheduler.get_last_lr() == [optimizer.param_groups[0]["lr"]] == [pytest.approx(0.01)]


def test_cyclic_lr_gamma_comes_from_the_checkpoint():
    import copy

    import torch
    from torch.optim.lr_scheduler import CyclicLR

    def run(gamma, state=None):
        optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1, momentum=0.9)
        scheduler = CyclicLR(optimizer, 0.01, 0.1, step_size_up=2, mode="exp_range", gamma=gamma)
        if state:
            scheduler.load_state_dict(copy.deepcopy(state))
        used = []
        for _ in range(12):
            optimizer.step()
            scheduler.step()
            used.append(optimizer.param_groups[0]["lr"])
        return used, scheduler.state_dict()

    decaying, _ = run(0.9)
    fresh = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1, momentum=0.9)
    saved = CyclicLR(fresh, 0.01, 0.1, step_size_up=2, mode="exp_range", gamma=0.9).state_dict()  # before any step
    loaded, _ = run(1.0, saved)
    assert loaded == pytest.approx(decaying, rel=1e-12)
    assert run(1.0)[0] != pytest.approx(decaying, rel=1e-6)
