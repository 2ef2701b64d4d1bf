"""Quantified claims: every one on the pages is in the inventory with its proof; retired wordings stay gone.

To add a page or a sentence with every / all / never / only / always / none / each: write the
property test that proves it over its whole domain (every scheduler it names, every step, random
valid arguments; see tests/test_properties.py), then add ``(page, quoted words, "tests/...::test")``
to ``tests/claims_inventory.py``. ``python tests/test_claims.py`` prints the missing entries ready
to paste.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from claims_inventory import CLAIMS, UNCHECKED
from claims_text import quantified, quote, sentences

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# The number of claims not yet proven may only go down (lower it when you prove one).
UNCHECKED_CEILING = 2


def page_claims():
    return {(p.relative_to(DOCS).as_posix(), s) for p in sorted(DOCS.rglob("*.md")) if ".ja." not in p.name for s in quantified(p)}


def covered(page, sentence):
    return any(p == page and q in sentence for p, q, _ in CLAIMS)


def test_every_quantified_sentence_has_an_inventory_entry():
    missing = sorted((page, sentence) for page, sentence in page_claims() if not covered(page, sentence))
    assert not missing, "quantified sentences without an entry in tests/claims_inventory.py:\n" + "\n".join(
        f"    ({page!r}, {quote(sentence)!r}, UNCHECKED),  # {sentence[:100]}" for page, sentence in missing)


def test_every_inventory_entry_still_matches_its_page():
    claims = page_claims()
    stale = [(p, q) for p, q, _ in CLAIMS if not any(page == p and q in s for page, s in claims)]
    assert not stale, f"entries whose words are no longer on their page: {stale}"


def test_every_proof_names_an_existing_test():
    for page, words, proof in CLAIMS:
        if proof == UNCHECKED or proof.startswith("not a claim: "):
            continue
        for node in proof.split():
            path, _, name = node.partition("::")
            source = (ROOT / path).read_text(encoding="utf-8")
            assert re.search(rf"^def {re.escape(name)}\(", source, re.M), f"{page} {words!r}: no {node}"


def test_the_unchecked_claims_do_not_grow():
    unchecked = sum(proof == UNCHECKED for _, _, proof in CLAIMS)
    assert unchecked <= UNCHECKED_CEILING, f"{unchecked} unchecked claims; prove the new ones"


def test_the_inventory_check_can_fail(tmp_path):
    """A new page with an unlisted 'never' is reported."""
    page = tmp_path / "new.md"
    page.write_text("---\ndescription: x\n---\n\n# New\n\nThis scheduler never warns.\n", encoding="utf-8")
    found = quantified(page)
    assert found == ["This scheduler never warns."] and not covered("new.md", found[0])


# --- wordings an outside fact-check found wrong must not come back -------------------------------

RETIRED = [  # (page, old words)
    ("guides/checkpoints.md", "the right value is the number of steps done"),
    ("guides/checkpoints.md", "Two schedulers cannot resume through `last_epoch`"),
    ("guides/checkpoints.md", "restores the counters, not the LR, so the error stays"),
    ("schedulers/lambda_lr.md", "the constructor started performing the first step"),
    ("schedulers/step_lr.md", "the constructor started performing the first step"),
    ("guides/stepping.md", "the constructor performs the first step, so"),
    ("schedulers/swalr.md", "| Stored only:"),
    ("schedulers/one_cycle_lr.md", "the last one, is exactly \\(\\eta_{\\text{min}}\\)."),
    ("schedulers/lambda_lr.md", "and the scheduler object does not pickle"),
    ("guides/warm_up.md", "one step sooner and never uses"),
    ("schedulers/cosine_annealing_lr.md", "tested above for 4"),
    ("schedulers/cosine_annealing_warm_restarts.md", "(`T_mult=1.5`; feature request [#95122]"),
    ("snippets/guides/stepping/stepping_cadence.py", "step(epoch + i / batches)"),
    ("schedulers/one_cycle_lr.md", "for Adam-style optimizers from the start"),
    ("guides/stepping.md", "returns a value that was never used"),
    ("guides/questions.md", "can show a value never used"),
]


@pytest.mark.parametrize("page, words", RETIRED)
def test_retired_wording_is_gone(page, words):
    path = ROOT / page if page.startswith("snippets/") else DOCS / page
    assert words not in " ".join(path.read_text(encoding="utf-8").split())


def paragraphs_citing(number):
    for page in (p for p in sorted(DOCS.rglob("*.md")) if ".ja." not in p.name):
        for para in re.split(r"\n\s*\n|\n(?=- )|\n(?=\| )", page.read_text(encoding="utf-8")):  # a table row is one
            if f"pull/{number})" in para:
                yield page.relative_to(DOCS).as_posix(), " ".join(para.split())


def test_pr_7889_is_described_as_removing_the_reset_everywhere():
    """Before 1.1 the constructor already stepped and then reset last_epoch to -1; #7889 removed the reset."""
    cited = list(paragraphs_citing(7889))
    assert len(cited) >= 4
    for page, para in cited:
        if page == "guides/custom_schedulers.md":  # cites the PR for the 1.1.0 constructor line itself
            continue
        assert "reset" in para and "started performing" not in para, (page, para)


def test_pr_149312_is_credited_with_exponential_lr_and_the_release_matrix_dates_the_rest():
    """The PR names ExponentialLR; the version of the initial mode comes from the release matrix
    (tests/test_version_history.py::test_the_release_matrix_dates_the_initial_mode_of_all_five_schedulers_to_2_8_0)."""
    cited = list(paragraphs_citing(149312))
    assert len(cited) >= 8
    for page, para in cited:
        assert "ExponentialLR" in para, (page, para)
        assert "release matrix" in para and "inferred" not in para and "could not be confirmed" not in para, (page, para)


if __name__ == "__main__":  # print inventory lines for the sentences that have none
    for page, sentence in sorted(page_claims()):
        if not covered(page, sentence):
            print(f"    ({page!r}, {quote(sentence)!r}, UNCHECKED),  # {sentence[:100]}")
    sys.exit(0)
