"""Check what an alt text, or the prose next to a figure, says about the figure's recorded traces.

A small vocabulary of phrase patterns, each checked against the traces the snippet recorded
(every curve of every panel: ``lrs``, ``momenta``, ``beta1s``, ``losses``). A phrase is true
when at least one curve of the figure has the property (a multi-curve figure names its curves
in words the checker does not parse). In an alt text every number must be consumed by a
pattern; a number no pattern understands is itself a problem, so authors use the checked
vocabulary (or list the figure in ``EXEMPT`` with a reason).

``problems(text, traces, code, strict)`` returns a list of readable problems (empty = all true).
"""

from __future__ import annotations

import math
import re

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "both": 2, "once": 1, "twice": 2}
FOLD_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "nine": 9, "ten": 10, "hundred": 100, "thousand": 1000}
FRACTION_WORDS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "tenth": 0.1, "hundredth": 0.01}
NUM = r"(?:\d+|" + "|".join(NUMBER_WORDS) + r")"
DECIMAL = r"\d+\.\d+(?:e-?\d+)?|\d+(?:\.\d+)?e-?\d+"
STEPS = r"(\d+(?!\.\d|\d)(?:(?:, | and | or |, and |-| to )\d+(?!\.\d|\d))*)"


def number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def step_list(text: str) -> list[int]:
    """'10, 13 and 17' -> [10, 13, 17]; '5-7' / '5 to 7' -> [5, 7] (the ends of a span)."""
    return [int(n) for n in re.findall(r"\d+", text)]


def ratios(curve):
    return [curve[t] / curve[t - 1] if curve[t - 1] else math.inf for t in range(1, len(curve))]


def close(a: float, b: float, rel: float = 1e-6) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-300)


def shown_as(value: float, text: str) -> bool:
    """Does `text` (as written, e.g. '0.082', '4e-07', '0.1') round `value` correctly at its precision?"""
    written = float(text)
    if "e" in text.lower():
        mantissa = text.lower().split("e")[0]
        digits = len(mantissa.replace(".", "").lstrip("0")) or 1
        return value != 0 and close(float(f"{value:.{digits - 1}e}"), written, 1e-9)
    decimals = len(text.split(".")[1]) if "." in text else 0
    return abs(value - written) <= 0.5 * 10 ** -decimals * (1 + 1e-9)


def halvings(curve) -> list[int]:
    return [t for t, r in enumerate(ratios(curve), start=1) if close(r, 0.5, 1e-9)]


def smooth_decay(curve) -> bool:
    """Non-increasing, every step moves, and no step's change is over 4x (or under 1/4) the previous one."""
    deltas = [curve[t - 1] - curve[t] for t in range(1, len(curve))]
    if not deltas or any(d < 0 for d in deltas):
        return False
    moving = [d for d in deltas if d > 1e-15 * max(curve)]
    if len(moving) < len(deltas) and any(d > 1e-15 for d in deltas[deltas.index(min(deltas)):]):
        return False  # a flat stretch followed by a drop is a staircase, not a smooth decay
    return all(0.25 <= b / a <= 4 for a, b in zip(moving, moving[1:]))


def cycle_lengths(curve) -> list[int]:
    """Lengths of the segments between restarts (a restart: the LR goes up after going down or flat)."""
    starts = [0] + [t for t in range(2, len(curve)) if curve[t] > curve[t - 1] * (1 + 1e-9)
                    and curve[t - 1] <= curve[t - 2] * (1 + 1e-12)]
    return [b - a for a, b in zip(starts, starts[1:] + [len(curve)])]


def change_steps(curve) -> list[int]:
    return [t for t, r in enumerate(ratios(curve), start=1) if not close(r, 1.0, 1e-12)]


class Checker:
    def __init__(self, traces: dict, code: str):
        self.curves = [list(c) for panel in traces.values() for c in panel.values()]
        self.lrs = traces.get("lrs", {})
        self.labels = " ".join(label for panel in traces.values() for label in panel)
        self.code = re.sub(r"\s+", "", code)
        self.code_text = code
        self.problems: list[str] = []

    def require(self, ok: bool, phrase: str, why: str) -> None:
        if not ok:
            self.problems.append(f"{phrase!r}: {why}")

    def any_curve(self, test) -> bool:
        return any(test(c) for c in self.curves)

    # --- the vocabulary: (pattern, handler); a handler gets the match ---------------------------

    def argument(self, m):  # T_0=150, milestones=[3], last_epoch=11, ExponentialLR(0.97), x0.9
        text = re.sub(r"\s+", "", m[0].strip("`"))
        self.require(text in self.code or text in re.sub(r"\s+", "", self.labels), m[0],
                     "this argument is not in the snippet's code or curve labels")

    def curve_count(self, m):  # "Three curves: ..." opening an alt text counts them all; elsewhere at most
        n = number(m[1])
        ok = len(self.lrs) == n if m.start() == 0 else n <= len(self.lrs)
        self.require(ok, m[0], f"the figure has {len(self.lrs)} LR curve(s)")

    def halving_count(self, m):
        n = number(m[1] or m[2])
        found = sorted({len(halvings(c)) for c in self.curves})
        self.require(n in found, m[0], f"the curves halve {found} times")

    def halving_steps(self, m):
        steps = step_list(m[1])
        self.require(self.any_curve(lambda c: set(steps) <= set(halvings(c))), m[0],
                     f"no curve halves at all of the steps {steps}")

    def fold(self, m):
        factor = FOLD_WORDS[m[1].lower()] if not m[1].isdigit() else int(m[1])
        step = int(m[2]) if m[2] else None

        def has(c):
            rs = ratios(c)
            at = [rs[step - 1]] if step is not None and 0 < step < len(c) else ([] if step else rs)
            return any(close(r, factor, 1e-3) or close(r, 1 / factor, 1e-3) for r in at)
        self.require(self.any_curve(has), m[0], f"no step changes the LR by a factor of {factor}"
                     + (f" at step {step}" if step is not None else ""))

    def factor(self, m):  # "by a factor 0.95", "by 0.9 per step", "x0.485"
        text = m[1]
        self.require(self.any_curve(lambda c: any(shown_as(r, text) or (r and shown_as(1 / r, text))
                                                  for r in ratios(c) if math.isfinite(r))), m[0],
                     "no curve changes by that factor from one step to the next")

    def fraction(self, m):  # "drops to a tenth at step 12"
        value = FRACTION_WORDS[m[1]]
        step = int(m[2]) if m[2] else None

        def has(c):
            # relative to the step before, or to the other curves at the same step
            rs = ratios(c)
            if step is None:
                return any(close(r, value, 1e-3) for r in rs) or any(close(v, value * c[0], 1e-6) for v in c)
            if not 0 < step < len(c):
                return False
            return close(rs[step - 1], value, 1e-3) or any(
                len(o) > step and o[step] and close(c[step] / o[step], value, 1e-3) for o in self.curves)
        self.require(self.any_curve(has), m[0], f"no curve is at {value:g} of the reference there")

    def smooth(self, m):
        self.require(self.any_curve(smooth_decay), m[0],
                     "no curve decays smoothly (each has a flat stretch then a drop, or a jump)")

    def steps(self, m):
        longest = max(map(len, self.curves), default=0)
        for n in step_list(m[2]):
            self.require(n < longest, m[0], f"the traces have steps 0 to {longest - 1}")

    def end_step(self, m):  # "until step 500", "by step 500": the end of the run may be one past the last step
        longest = max(map(len, self.curves), default=0)
        self.require(int(m[1]) <= longest, m[0], f"the traces have steps 0 to {longest - 1}")

    def span(self, m):  # "over 100 steps"
        n = int(m[1])
        self.require(any(len(c) == n for c in self.curves), m[0],
                     f"the curves have {sorted({len(c) for c in self.curves})} steps")

    def cycles(self, m):  # "cycles of 50, 90 and 170 steps", "lasting 50, 100 and 200 steps", "5-step cycles"
        lengths = step_list(next(g for g in m.groups() if g))
        self.require(self.any_curve(lambda c: set(lengths) <= set(cycle_lengths(c))), m[0],
                     "no curve has cycles of these lengths")

    def every(self, m):  # "halving every 5 steps"
        n = int(m[1])
        def regular(c):
            steps = change_steps(c)
            return len(steps) >= 2 and steps[0] <= n and all(b - a == n for a, b in zip(steps, steps[1:]))
        self.require(self.any_curve(regular),
                     m[0], f"no curve changes exactly every {n} steps")

    def duration(self, m):  # "in 10 steps", "over the first 5 steps"
        n = int(m[1])
        self.require(n <= max(map(len, self.curves), default=0), m[0], "longer than the recorded run")

    def group(self, m):
        self.require(int(m[1]) < len(self.curves), m[0], "the figure has fewer curves")

    def fraction_of(self, m):  # "a third of 0.1"
        target = FRACTION_WORDS[m[1]] * float(m[2])
        self.require(self.any_curve(lambda c: any(close(v, target, 1e-6) for v in c)), m[0],
                     f"no recorded value is {target:g}")

    def integer_value(self, m):
        n = int(m[1])
        self.require(self.any_curve(lambda c: any(v == n for v in c)), m[0], f"no recorded value is exactly {n}")

    def recorded(self, text: str) -> bool:
        return self.any_curve(lambda c: any(shown_as(v, text) for v in c))

    def value(self, m):  # a bare number: a recorded value, or an argument written in the snippet
        text = m[0]
        literal = re.search(r"(?<![\w.])" + re.escape(text) + r"(?![\w.])", self.code_text)
        self.require(self.recorded(text) or bool(literal), text,
                     "no recorded value rounds to this and the snippet does not contain it")

    def named_argument(self, m):  # "total_iters 10", "power 0.5", "gamma 0.95", "max_lr 0.01"
        literal = re.search(r"(?<![\w.])" + re.escape(m[2]) + r"(?![\w.])", self.code_text)
        self.require(bool(literal), m[0], "the snippet does not contain this value")

    VOCABULARY = [  # (pattern, handler, also checked in prose)
        (r"\b(power|gamma|total_iters|max_lr|T_0|T_max|eta_min|step_size|factor|milestone|base_lr|swa_lr"
         r"|anneal_epochs)s? (" + DECIMAL + r"|\d+)\b", "named_argument", False),
        (r"\b[A-Z]\w*\([^()]*\d[^()]*\)|\(?\bx\d+(?:\.\d+)?\)?", "argument", False),
        (r"`?\b[A-Za-z_]\w*=\[?-?[\d.e\-]+(?:, ?-?[\d.e\-]+)*\]?`?", "argument", False),
        (r"\b(" + NUM + r") curves\b", "curve_count", True),
        (r"\b(" + NUM + r") halvings\b|\bhalv(?:es|ing)(?: the LR)? (" + NUM + r") times\b", "halving_count", True),
        (r"\bhalv(?:es|ing|ed)(?: the LR)? at (?:epochs?|steps?) " + STEPS, "halving_steps", True),
        (r"\b(" + "|".join(FOLD_WORDS) + r"|\d+)-?fold\b(?:[^.;]*? at step (\d+))?", "fold", False),
        (r"\ba (" + "|".join(FRACTION_WORDS) + r") of (" + DECIMAL + r")", "fraction_of", True),
        (r"\ba (" + "|".join(FRACTION_WORDS) + r")\b(?: at step (\d+))?", "fraction", False),
        (r"\b(?:by (?:a|one|the default) factor(?: of)?|factor(?: of)?|by|x|×) ?(" + DECIMAL + r"|\d+)\b(?! steps?)", "factor", True),
        (r"\b(?:decays?|decaying|falls?|falling) smoothly\b|\bsmooth(?:ly)? decay", "smooth", True),
        (r"\bcycles? of " + STEPS + r" steps|\blasting " + STEPS + r" steps|\b(\d+)-step (?:cycles?|descents?)",
         "cycles", True),
        (r"\bevery (\d+) steps\b", "every", True),
        (r"\b(?:in|for|over|over the first|within|within the first|last of|first of) (\d+)(?: steps| epochs|\b)",
         "duration", True),
        (r"\bgroups? (\d+)\b", "group", True),
        (r"\b(?:until|by|to) (?:step|epoch) (\d+)\b", "end_step", True),
        (r"\b(steps?|epochs?) " + STEPS, "steps", True),
        (r"\b(?:at|from|to|and|nearly|almost) (\d+)\b(?![.\d])", "integer_value", False),
        (r"\b(?:at|from|to|near|reaches|reaching) (" + DECIMAL + r")\b", "value_phrase", True),
        (r"(?<![\w.])(?:" + DECIMAL + r")(?![\w.])", "value", False),
    ]

    def value_phrase(self, m):  # "starts at 0.1", "to 0.082": must be a recorded value
        self.require(self.recorded(m[1]), m[0], "no recorded value rounds to this")

    def run(self, text: str, strict: bool) -> list[str]:
        rest = text
        for pattern, handler, in_prose in self.VOCABULARY:
            flags = 0 if handler == "argument" else re.I
            if strict or in_prose:
                for m in re.finditer(pattern, rest, flags=flags):
                    getattr(self, handler)(m)
            rest = re.sub(pattern, lambda m: " " * len(m[0]), rest, flags=flags)
        if strict:
            for m in re.finditer(r"(?<![\w.])\d+", rest):
                self.problems.append(f"{m[0]!r} in {text!r}: no checked phrase covers this number")
        return self.problems


def problems(text: str, traces: dict, code: str = "", strict: bool = True) -> list[str]:
    return Checker(traces, code).run(text, strict)
