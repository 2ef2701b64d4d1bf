"""Alt texts and the prose next to each figure agree with the figure's recorded traces.

The checker (``figure_claims.py``) knows a small vocabulary of phrases (counts of curves and
halvings, steps, values, factors, "tenfold", "decays smoothly", arguments). In an alt text a
number outside that vocabulary fails; in the prose paragraph before and after the figure
every phrase of the vocabulary is checked (the paragraph that introduces the figure: the
last prose paragraph before it, above the snippet and its output).
"""

from __future__ import annotations

import re

import pytest
from conftest import DOCS, pages, result, snippet
from figure_claims import problems

FIGURE = re.compile(r"!\[([^\]]*)\]\(\.\./generated/([\w-]+)\.svg\)")
# Figures whose alt text has numbers the vocabulary does not cover, each with its reason.
EXEMPT = {
    "overview": "drawn from every scheduler page's trace, no snippet of its own",
    "cosine_annealing_warm_restarts_per_batch": "its x axis counts batches; the epoch and batch counts of the "
                                                "alt text are loop sizes, not properties of a trace",
}
# Phrases the vocabulary reads in a sense they do not have here, each with its reason.
EXEMPT_PHRASES = {
    ("cyclic_lr_exp_range", "'by 0.995'"): "the factor applies to the cycle's amplitude, not to the LR",
    ("custom_cosine_warm_up_restarts_resume", "'cycles of 50, 90 and 170 steps'"):
        "each cycle starts at LR 0, so the checker's restart detection (the LR goes up) sees it one step late; "
        "tests/test_custom_schedulers.py checks the cycle lengths",
}


def figures():
    """(page, figure name, alt text, prose before) for every figure of every page."""
    out = []
    for page in pages():
        text = page.read_text(encoding="utf-8")
        blocks = re.split(r"\n\s*\n", text)
        for i, block in enumerate(blocks):
            for m in FIGURE.finditer(block):
                out.append((page.relative_to(DOCS).as_posix(), m[2], m[1], prose(blocks[:i][::-1])))
    return out


def prose(blocks):
    """The first paragraph of plain prose among blocks (skipping code, includes, admonition titles)."""
    for block in blocks:
        stripped = block.strip()
        if stripped.startswith(("```", "--8<--", "!!!", "???", "|", "#", "![", "    ")) or "```" in stripped:
            continue
        return stripped
    return ""


FIGURES = figures()


def traces_of(name):
    return result(name).traces


def code_of(name):
    return snippet(name).path.read_text(encoding="utf-8")


@pytest.mark.parametrize("page, name, alt, before", FIGURES, ids=[f"{f[0]}:{f[1]}" for f in FIGURES])
def test_alt_text_and_adjacent_prose_match_the_traces(page, name, alt, before):
    if name in EXEMPT:
        return
    traces, code = traces_of(name), code_of(name)
    found = problems(alt, traces, code, strict=True)
    found += problems(before, traces, code, strict=False)
    found = [p for p in found if (name, p.split(":")[0]) not in EXEMPT_PHRASES]
    assert not found, f"{page}, figure {name}:\n" + "\n".join(found)


# --- the checker rejects the texts an outside fact-check found wrong ---------------------------

OLD_TEXTS = [  # (figure, text as it was, strict: an alt text / False: the prose next to the figure)
    ("sequential_lr_plateau", "Linear warm-up from 0.01 to 0.1 over five epochs, then a flat 0.1 and two "
                              "halvings when the validation loss stops improving", True),
    ("sequential_lr_milestone", "The next scheduler restarts from its own start, computed from the base LR, not "
                                "from the LR the previous phase left behind. Below, ExponentialLR halves the LR "
                                "four times, then three different schedulers take over:", False),
    ("custom_closed_vs_chainable", "Three curves coincide as a staircase halving every 10 steps; the chainable "
                                   "scheduler combined with ExponentialLR decays smoothly below it", True),
    ("chained_scheduler", "Learning rate decaying exponentially from 0.005, jumping up tenfold at step 20, then "
                          "decaying again", True),
    ("multiplicative_lr_vs_lambda_lr", "Two curves from 0.1 with the same lambda: LambdaLR decays smoothly and is "
                                       "still visibly above zero at step 60; MultiplicativeLR drops much faster and "
                                       "is near zero by step 15", True),
]


@pytest.mark.parametrize("name, text, strict", OLD_TEXTS, ids=[t[0] for t in OLD_TEXTS])
def test_the_old_wrong_texts_are_rejected(name, text, strict):
    assert problems(text, traces_of(name), code_of(name), strict=strict)


@pytest.mark.parametrize("text", [
    "StepLR halving every 7 steps",          # the period is 5
    "starting at 0.2",                        # it starts at 0.1
    "three curves",                           # one curve
    "a drop at step 400",                     # 20 steps were recorded
    "StepLR with 42 things",                  # a number outside the vocabulary
])
def test_the_checker_rejects_untrue_or_unchecked_phrases(text):
    assert problems(text, {"lrs": {"": [0.1 * 0.5 ** (t // 5) for t in range(20)]}}, "")


def test_the_checker_accepts_true_phrases():
    traces = {"lrs": {"": [0.1 * 0.5 ** (t // 5) for t in range(20)]}}
    assert problems("Staircase from 0.1 halving every 5 steps, three halvings, at steps 5, 10 and 15, "
                    "ending at 0.0125 at step 19", traces, "") == []
