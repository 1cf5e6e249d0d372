// Site-wide keyboard and screen-reader behaviour, on top of Material for MkDocs.
(() => {
  "use strict";

  const typing = (element) =>
    element.isContentEditable || /^(input|textarea|select)$/i.test(element.tagName);

  // The header's search: on phones the box is folded into an icon, a link to the search page
  // that becomes a button unfolding the box in the header.
  const headerSearch = document.querySelector(".kyodo-header-search__form");
  const searchOpener = document.querySelector(".kyodo-header-search__open");
  const searchBox = headerSearch && headerSearch.querySelector("input[name=q]");
  const folded = () => searchOpener && getComputedStyle(searchOpener).display !== "none";
  const openSearch = () => {
    headerSearch.classList.add("is-open");
    searchOpener.setAttribute("aria-expanded", "true");
    searchBox.focus();
  };
  const closeSearch = (refocus) => {
    headerSearch.classList.remove("is-open");
    searchOpener.setAttribute("aria-expanded", "false");
    if (refocus) searchOpener.focus();
  };
  if (headerSearch && searchOpener && searchBox) {
    searchOpener.setAttribute("role", "button");
    searchOpener.setAttribute("aria-expanded", "false");
    searchOpener.addEventListener("click", (event) => {
      event.preventDefault();
      openSearch();
    });
    searchOpener.addEventListener("keydown", (event) => {
      if (event.key === " ") {
        event.preventDefault();
        openSearch();
      }
    });
    headerSearch.querySelector(".kyodo-header-search__close").addEventListener("click", () => closeSearch(true));
    headerSearch.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && headerSearch.classList.contains("is-open")) {
        event.stopPropagation();
        closeSearch(true);
      }
    });
    headerSearch.addEventListener("focusout", (event) => {
      if (!headerSearch.contains(event.relatedTarget) && event.relatedTarget) closeSearch(false);
    });
  }

  // Ctrl+K (⌘K on a Mac) moves to the search box: a shortcut with a modifier, because
  // single-key shortcuts get in the way of speech input and keyboard users (WCAG 2.1.4).
  // For the same reason Material's own single keys (p , n .) are stopped before they
  // reach it.
  window.addEventListener(
    "keydown",
    (event) => {
      const modifier = event.ctrlKey || event.metaKey;
      if (modifier && !event.altKey && event.key.toLowerCase() === "k") {
        const box = document.querySelector(".kyodo-search input[name=q]") || searchBox;
        if (box) {
          event.preventDefault();
          if (box === searchBox && folded()) openSearch();
          box.focus();
          box.select();
        }
        return;
      }
      if (!modifier && !event.altKey && ["p", ",", "n", "."].includes(event.key) && !typing(event.target)) {
        event.stopImmediatePropagation();
      }
    },
    true,
  );

  // The menu button of narrow screens opens Material's drawer (a hidden checkbox); Escape
  // closes the menu and returns to the button.
  const drawer = document.getElementById("__drawer");
  const menuButton = document.querySelector(".kyodo-menu-button");
  if (drawer && menuButton) {
    const sync = () => menuButton.setAttribute("aria-expanded", String(drawer.checked));
    const setDrawer = (open) => {
      drawer.checked = open;
      drawer.dispatchEvent(new Event("change"));
      sync();
    };
    menuButton.addEventListener("click", () => setDrawer(!drawer.checked));
    drawer.addEventListener("change", sync);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && drawer.checked) {
        setDrawer(false);
        menuButton.focus();
      }
    });
    // A page shown again from the history opens with its menu and search closed.
    window.addEventListener("pageshow", () => {
      for (const toggle of document.querySelectorAll("#__drawer:checked, #__search:checked")) {
        toggle.checked = false;
        toggle.dispatchEvent(new Event("change"));
      }
      sync();
    });
  }

  // On phones a marked table (kyodo.postbuild.tables) is stacked into a block per row. Some
  // browsers drop a table's semantics when CSS changes its display; explicit roles keep them
  // (set here: HTML forbids them on table rows and cells in the markup).
  for (const table of document.querySelectorAll("table[data-kyodo-stack]")) {
    table.setAttribute("role", "table");
    for (const group of table.querySelectorAll("thead, tbody")) group.setAttribute("role", "rowgroup");
    for (const row of table.querySelectorAll("tr")) row.setAttribute("role", "row");
    for (const cell of table.querySelectorAll("th")) cell.setAttribute("role", "columnheader");
    for (const cell of table.querySelectorAll("td")) cell.setAttribute("role", "cell");
  }

  // Material wraps tables in a scrolling box. A box whose table is wider than the screen gets
  // a note above it (phones hide scrollbars until touched), a shadow at the edge it continues
  // past (kyodo.css), and keyboard access with a name for screen readers (WCAG 2.1.1).
  const markScrollBoxes = () => {
    for (const box of document.querySelectorAll(".md-typeset__scrollwrap")) {
      const wide = box.scrollWidth > box.clientWidth + 1;
      const hint = box.previousElementSibling;
      const hinted = hint && hint.classList.contains("kyodo-scroll-hint");
      box.classList.toggle("kyodo-scrollable", wide);
      if (wide && !hinted) {
        const note = document.createElement("p");
        note.className = "kyodo-scroll-hint";
        note.textContent = "表は横にスクロールできます";
        box.before(note);
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "表（横にスクロールできます）");
      } else if (!wide && hinted) {
        hint.remove();
        for (const name of ["tabindex", "role", "aria-label"]) box.removeAttribute(name);
      }
    }
  };
  if (document.readyState === "complete") markScrollBoxes();
  else window.addEventListener("load", markScrollBoxes);
  let resizing = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(resizing);
    resizing = requestAnimationFrame(markScrollBoxes);
  });
})();
