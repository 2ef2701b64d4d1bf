"""Figures stay legible in both palettes: every colour drawn keeps >= 3:1 contrast (WCAG non-text)."""

from __future__ import annotations

import re

import pytest
import figures


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("colour", [figures.INK, *figures.COLORS])
@pytest.mark.parametrize("background", [figures.LIGHT_BACKGROUND, figures.DARK_BACKGROUND])
def test_house_colours_contrast_with_both_palettes(colour, background):
    assert contrast(colour, background) >= 3.0


def test_every_figure_uses_only_house_colours_on_a_transparent_background(generated):
    allowed = {c.lower() for c in [figures.INK, *figures.COLORS]}
    svgs = sorted(generated.glob("*.svg"))
    assert svgs, "no figures generated"
    for svg in svgs:
        text = svg.read_text()
        used = {c.lower() for c in re.findall(r"(?:stroke|fill): (#[0-9a-fA-F]{6})", text)}
        assert used <= allowed, f"{svg.name} draws with {used - allowed}"
        assert "fill: #ffffff" not in text.lower(), f"{svg.name} has an opaque white background"
