"""House style: every figure of the site is drawn here, from traces the runner recorded.

Figures are SVG with a transparent background and mid-tone colours that keep a
contrast of at least 3:1 against both Material's light (white) and dark (slate)
page backgrounds, so one file serves both palettes. Output is byte-deterministic:
fixed hash salt and ids, no date in the metadata.
"""

from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402

INK = "#8c8c8c"  # text, axes and ticks
GRID = "#8c8c8c40"
# Chosen for >= 3:1 contrast on white and on Material's slate background (tests check).
COLORS = ["#3b82f6", "#e8590c", "#2f9e44", "#d6336c", "#845ef7", "#1098ad"]
PANEL_LABELS = {
    "lrs": "learning rate",
    "momenta": "momentum",
    "beta1s": "Adam β₁",
    "losses": "metric",
}
LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUND = "#1e2129"  # Material's slate background

plt.rcParams.update(
    {
        "svg.hashsalt": "lr-scheduler-docs",
        "svg.id": "fig",
        "svg.fonttype": "none",  # text stays text: small files, selectable labels
        "font.size": 10,
        "axes.edgecolor": INK,
        "axes.labelcolor": INK,
        "axes.titlecolor": INK,
        "xtick.color": INK,
        "ytick.color": INK,
        "text.color": INK,
        "axes.grid": True,
        "grid.color": GRID,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "legend.frameon": False,
        "lines.linewidth": 1.8,
        "axes.prop_cycle": matplotlib.cycler(color=COLORS),
    }
)


_PATH_DATA = re.compile(r'\bd="([^"]*)"')
_LONG_DECIMAL = re.compile(r"(\d+\.\d)\d+")


def _compact_path(match) -> str:
    # A tenth of a point is far below a pixel; matplotlib writes six decimals and a newline per vertex.
    data = _LONG_DECIMAL.sub(r"\1", " ".join(match[1].split()))
    return f'd="{data}"'


def _save(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", transparent=True, metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return _PATH_DATA.sub(_compact_path, buf.getvalue().decode()).encode()


STEP_DRAWING_MAX_POINTS = 150


def _draw(ax, xs, series: dict, *, step: bool) -> None:
    for label, values in series.items():
        x = xs if xs is not None else range(len(values))
        # Beyond ~150 points a step is narrower than a pixel: a plain line looks the same,
        # and matplotlib's path simplification then keeps the file small.
        if step and len(values) <= STEP_DRAWING_MAX_POINTS:
            ax.step(x, values, where="post", label=label or None)
        else:
            ax.plot(x, values, label=label or None)
    if any(series):
        ax.legend(loc="best", fontsize=9)


def _fixed_margins(fig, width: float, height: float, panels: int) -> None:
    """Margins in inches, set once: much cheaper than tight_layout's extra draw."""
    fig.subplots_adjust(
        left=0.85 / width, right=1 - 0.15 / width,
        bottom=0.55 / height, top=1 - 0.15 / height,
        hspace=0.25 * panels / max(panels, 1),
    )


def figure_svg(result) -> bytes:
    """One panel per recorded trace (LR first), sharing the x axis."""
    panels = [name for name in PANEL_LABELS if name in result.traces]
    width, height = 7.0, 2.9 + 1.7 * (len(panels) - 1)
    fig, axes = plt.subplots(
        len(panels),
        1,
        sharex=True,
        figsize=(width, height),
        squeeze=False,
        height_ratios=[1.6] + [1.0] * (len(panels) - 1),
    )
    for ax, name in zip(axes[:, 0], panels):
        # Metrics are discrete observations, LRs hold for a whole step: draw both as steps.
        _draw(ax, result.epochs, result.traces[name], step=True)
        ax.set_ylabel(PANEL_LABELS[name])
    axes[-1, 0].set_xlabel("epoch" if result.epochs is not None else "step (number of scheduler.step() calls)")
    _fixed_margins(fig, width, height, len(panels))
    return _save(fig)


def overview_svg(cells: list[tuple[str, dict]], columns: int = 4) -> bytes:
    """Small multiples: one LR curve per scheduler, same style, no shared axes."""
    rows = -(-len(cells) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(2.3 * columns, 1.7 * rows), squeeze=False)
    for ax in axes.flat[len(cells):]:
        ax.set_visible(False)
    for ax, (title, series) in zip(axes.flat, cells):
        for values in series.values():
            ax.step(range(len(values)), values, where="post", linewidth=1.4)
        ax.set_title(title, fontsize=9)
        ax.tick_params(labelsize=7)
        ax.set_xticks([])
        ax.set_yticks([])
    fig.tight_layout()
    return _save(fig)
