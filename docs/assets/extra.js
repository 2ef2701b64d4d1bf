// Material's search overlay is a dialog without a name; screen readers announce it as "Search".
document.querySelectorAll('.md-search[role="dialog"]').forEach((el) => el.setAttribute("aria-label", "Search"));
