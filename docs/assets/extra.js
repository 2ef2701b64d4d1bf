// Material's search overlay is a dialog without a name; screen readers announce it as "Search".
document.querySelectorAll('.md-search[role="dialog"]').forEach((el) => el.setAttribute("aria-label", "Search"));

// Material wraps each code block's copy button in its own unnamed <nav>: dozens of identical navigation
// landmarks per page. A single button is not navigation, so the wrapper is made a plain container.
// A region that scrolls sideways (a wide table, a long code line) must be reachable by keyboard: when it
// really overflows it becomes a focusable, named region. Material adds both wrappers after load, so an
// observer applies the fixes to whatever it inserts, and a resize re-checks which regions overflow.
(function () {
  const SCROLLERS = ".md-typeset__scrollwrap, .highlight-ipynb, .jp-OutputArea-output pre";
  const names = new Map();

  function heading(el) {
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      for (let prev = node.previousElementSibling; prev; prev = prev.previousElementSibling) {
        if (/^H[1-6]$/.test(prev.tagName)) return prev.textContent.replace(/¶$/, "").trim();
      }
    }
    return document.title;
  }

  function reachable(el) {
    const style = getComputedStyle(el);
    const scrolls = /auto|scroll/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
    if (!scrolls || el.hasAttribute("tabindex")) return;
    const kind = el.querySelector("table") ? "Table" : "Code";
    let name = `${kind} under “${heading(el)}”, scrolls sideways`;
    const seen = names.get(name) || 0;
    names.set(name, seen + 1);
    if (seen) name += ` (${seen + 1})`;
    el.setAttribute("tabindex", "0");
    el.setAttribute("role", "region");
    el.setAttribute("aria-label", name);
  }

  function fix(root) {
    if (root.nodeType !== 1) return;
    const navs = root.matches(".md-code__nav") ? [root] : root.querySelectorAll(".md-code__nav");
    navs.forEach((nav) => nav.setAttribute("role", "none"));
    if (root.matches(SCROLLERS)) reachable(root);
    root.querySelectorAll(SCROLLERS).forEach(reachable);
  }

  new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach(fix)))
    .observe(document.body, { childList: true, subtree: true });
  fix(document.body);
  let pending;
  window.addEventListener("resize", () => {
    clearTimeout(pending);
    pending = setTimeout(() => document.querySelectorAll(SCROLLERS).forEach(reachable), 200);
  });
})();
