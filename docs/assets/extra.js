// Material's search overlay is a dialog without a name; screen readers announce it as "Search".
document.querySelectorAll('.md-search[role="dialog"]').forEach((el) => el.setAttribute("aria-label", "Search"));

// Material wraps each code block's copy button in its own unnamed <nav>: dozens of identical navigation
// landmarks per page. A single button is not navigation, so the wrapper is made a plain container.
// A region that scrolls sideways (a wide table, a long code line) must be reachable by keyboard: when it
// really overflows it becomes focusable (tables and notebook output also get a name). Material adds the
// wrappers after load, and mounts a code block only when it scrolls into view (`content.lazy`, which
// spares a phone dozens of layouts at load), so every candidate is queued and checked when the browser
// is idle: all sizes read in one pass, then all attributes written (one layout, not one per region).
// A resize re-checks them all; <html data-scrollers-checked> tells tests that a pass has run.
(function () {
  const SCROLLERS = ".md-typeset__scrollwrap, .highlight-ipynb, .jp-OutputArea-output pre, .md-content pre > code";
  const names = new Map();
  const queued = new Set();
  let pending = false;
  const idle = window.requestIdleCallback || ((fn) => setTimeout(fn, 200));

  function heading(el) {
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      for (let prev = node.previousElementSibling; prev; prev = prev.previousElementSibling) {
        if (/^H[1-6]$/.test(prev.tagName)) return prev.textContent.replace(/¶$/, "").trim();
      }
    }
    return document.title;
  }

  function reachable(el) {
    if (el.tagName === "CODE") {
      // As Material does once the block is in view: focusable where a pointer can hover (its rule).
      if (matchMedia("(hover)").matches) el.setAttribute("tabindex", "0");
      return;
    }
    const kind = el.querySelector("table") ? "Table" : "Code";
    let name = `${kind} under “${heading(el)}”, scrolls sideways`;
    const seen = names.get(name) || 0;
    names.set(name, seen + 1);
    if (seen) name += ` (${seen + 1})`;
    el.setAttribute("tabindex", "0");
    el.setAttribute("role", "region");
    el.setAttribute("aria-label", name);
  }

  function check() {
    pending = false;
    const candidates = [...queued].filter((el) => el.isConnected && !el.hasAttribute("tabindex"));
    queued.clear();
    const scrolls = candidates.map((el) => /auto|scroll/.test(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1);
    candidates.forEach((el, i) => scrolls[i] && reachable(el));
    document.documentElement.setAttribute("data-scrollers-checked", "");
  }

  function queue(els, always = false) {
    els.forEach((el) => queued.add(el));
    if (!pending && (queued.size || always)) {
      pending = true;
      idle(check, { timeout: 1500 });
    }
  }

  function fix(root) {
    if (root.nodeType !== 1) return;
    const navs = root.matches(".md-code__nav") ? [root] : root.querySelectorAll(".md-code__nav");
    navs.forEach((nav) => nav.setAttribute("role", "none"));
    queue(root.matches(SCROLLERS) ? [root] : root.querySelectorAll(SCROLLERS));
  }

  new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach(fix)))
    .observe(document.body, { childList: true, subtree: true });
  fix(document.body);
  queue([], true);  // one pass even on a page with nothing to check
  let resized;
  window.addEventListener("resize", () => {
    clearTimeout(resized);
    resized = setTimeout(() => queue(document.querySelectorAll(SCROLLERS)), 200);
  });
})();

// A scheduler page's "Try it" panel (overrides/partials/try_it.html) loads the chart library and the
// explorer's interface when the reader comes within a screen of it, not with the page.
(function () {
  const panel = document.querySelector('[data-explorer="panel"][data-ui]');
  if (!panel) return;
  const start = () => {
    const chart = document.createElement("script");
    chart.src = new URL(panel.dataset.chart, location.href).href;
    chart.onload = () => import(new URL(panel.dataset.ui, location.href).href);
    document.head.appendChild(chart);
  };
  if (!("IntersectionObserver" in window)) return start();
  const watch = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    watch.disconnect();
    start();
  }, { rootMargin: "0px 0px 100% 0px" });
  watch.observe(panel);
})();
