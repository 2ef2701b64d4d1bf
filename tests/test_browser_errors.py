"""The errors page in the site's own search (Material's, offline, in Debian's Chromium):
pasting the first 40 characters of any message torch gives ranks that message's entry
(the errors page, at the entry's section) first.

Messages are the ones the errors snippets reproduce now (tests/test_errors.py), so a new
or reworded message is searched for as torch prints it. Several calls of one entry can
give messages that share their first 40 characters (the two `Invalid decay value` lines,
say); they are searched once. Two different entries never share a prefix: that is
checked by tests/test_errors.py::test_search_prefixes_are_distinct_per_entry.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlparse

from test_browser import base_url, browser  # noqa: F401 - fixtures shared with the other browser tests
from test_errors import events, search_prefix

SEARCH = "input.md-search__input"
RESULTS = ".md-search-result__list"
# Material groups results by page (one <li> each, best page first); inside a group the
# first link is the page and the others its sections, each with its score.
BEST = """() => {
  const group = document.querySelector('.md-search-result__item');
  if (!group) return null;
  const links = [...group.querySelectorAll('a.md-search-result__link')];
  links.sort((a, b) => parseFloat(b.firstElementChild.dataset.mdScore) - parseFloat(a.firstElementChild.dataset.mdScore));
  return links[0].href;
}"""


def queries() -> dict[str, str]:
    """First 40 characters of each reproduced message -> the anchor of its entry.

    Material's search reads ` -x` as "without x" (Lunr's syntax), so the minus sign of a
    negative number is deleted, as the tip on the page tells the reader to do.
    """
    return {re.sub(r"(^|\s)-(?=\d)", r"\1", search_prefix(e)): e.anchor for e in events()}


def test_pasting_a_message_ranks_its_entry_first(browser, base_url):  # noqa: F811
    page = browser.new_page()
    wrong, before = {}, None
    for query, anchor in queries().items():
        if before is None:
            # ?q= opens the search once the index is loaded (typing could race the index).
            page.goto(f"{base_url}?q={query}", wait_until="networkidle")
            page.wait_for_selector(f"{RESULTS} a", timeout=10_000)
        else:
            page.fill(SEARCH, query)
            page.dispatch_event(SEARCH, "keyup")  # what Material listens to
            page.wait_for_function(f"old => document.querySelector('{RESULTS}').innerHTML !== old",
                                   arg=before, timeout=10_000)
        before = page.evaluate(f"document.querySelector('{RESULTS}').innerHTML")
        best = urlparse(unquote(page.evaluate(BEST) or ""))
        if not (best.path.endswith("/reference/errors/") and best.fragment == anchor):
            wrong[query] = f"{best.path}#{best.fragment} instead of #{anchor}"
    page.close()
    assert not wrong, "the first search result is not the message's entry:\n" + "\n".join(
        f"{q!r}: {w}" for q, w in wrong.items())
