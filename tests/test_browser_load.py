"""What a page does while it loads on a phone, in headless Chromium: the lean code blocks draw as Pygments'
full output would, the palette toggle works without Material's palette component, and a scheduler page
loads its Try it panel only when the reader comes near it. (How fast it is: `make bench`.)"""

from __future__ import annotations

import pytest

PHONE = {"width": 375, "height": 800}
# Spans of the token classes scripts/page_html.py drops must draw exactly as bare text in the block does
# (a span with no class); a keyword span shows that the probe tells the difference.
STYLE = "(el) => { const s = getComputedStyle(el); return [s.color, s.backgroundColor, s.fontWeight, s.fontStyle, s.textDecorationLine]; }"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_dropped_token_spans_drew_in_the_code_blocks_own_style(browser, base_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + "schedulers/step_lr/", wait_until="load")
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected
    page.evaluate("""() => {
        const code = document.querySelector('div.highlight pre > code');
        for (const cls of ['', 'n', 'w', 'k']) {
            const span = document.createElement('span');
            span.className = cls; span.textContent = 'x'; span.dataset.probe = cls;
            code.appendChild(span);
        }
    }""")
    styles = {cls: page.evaluate(STYLE, page.locator(f"[data-probe='{cls}']").element_handle()) for cls in ("", "n", "w", "k")}
    context.close()
    assert styles["n"] == styles[""] and styles["w"] == styles[""], styles
    assert styles["k"] != styles[""]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_palette_follows_the_system_then_the_readers_choice(browser, base_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    def state():
        # the <meta> follows the header once the page has loaded (palette.html reads it when idle)
        page.wait_for_function("document.querySelector('meta[name=color-scheme]')")
        return page.evaluate("""() => [document.body.dataset.mdColorScheme,
            document.querySelector('meta[name="color-scheme"]').content,
            [...document.querySelectorAll('form[data-palette] label')].filter(l => !l.hidden).length]""")

    system, other = ("slate", "default") if scheme == "dark" else ("default", "slate")
    page.goto(base_url + "guides/stepping/", wait_until="load")
    assert state() == [system, "dark" if system == "slate" else "light", 1]
    page.locator("form[data-palette] label:not([hidden])").click()
    assert state()[0] == other
    for path in ("schedulers/step_lr/", "ja/guides/stepping/"):  # remembered on the next page, in both editions
        page.goto(base_url + path, wait_until="load")
        assert state() == [other, "dark" if other == "slate" else "light", 1], path
    page.locator("form[data-palette] input:checked").focus()  # keyboard: Enter moves to the next palette
    page.keyboard.press("Enter")
    assert state()[0] == system
    context.close()
    assert not errors, errors


def test_try_it_panel_loads_when_the_reader_comes_near_it(browser, base_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(base_url + "schedulers/step_lr/", wait_until="networkidle")
    panel = page.locator("[data-explorer='panel']")
    assert not any(u.endswith(("/explorer/ui.js", "uPlot.iife.min.js")) for u in requested), requested
    assert panel.get_attribute("data-state") is None
    panel.scroll_into_view_if_needed()
    page.wait_for_selector("[data-explorer='panel'][data-state]")
    assert any(u.endswith("/explorer/ui.js") for u in requested)
    assert page.locator("[data-explorer='panel'] a[download]").count() == 1
    # The explorer page itself starts at once.
    page.goto(base_url + "explorer/", wait_until="networkidle")
    assert page.locator("[data-explorer='page'][data-state]").count() == 1
    context.close()
