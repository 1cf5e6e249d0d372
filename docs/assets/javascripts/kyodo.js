// Site-wide keyboard and screen-reader behaviour, on top of Material for MkDocs.
(() => {
  "use strict";

  const typing = (element) =>
    element.isContentEditable || /^(input|textarea|select)$/i.test(element.tagName);

  // Ctrl+K (⌘K on a Mac) moves to the search box: a shortcut with a modifier, because
  // single-key shortcuts get in the way of speech input and keyboard users (WCAG 2.1.4).
  // For the same reason Material's own single keys (p , n .) are stopped before they
  // reach it.
  window.addEventListener(
    "keydown",
    (event) => {
      const modifier = event.ctrlKey || event.metaKey;
      if (modifier && !event.altKey && event.key.toLowerCase() === "k") {
        const box = document.querySelector(".kyodo-search input[name=q], .kyodo-header-search input[name=q]");
        if (box) {
          event.preventDefault();
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

  // The menu button of narrow screens is a label: Material opens it with Enter; add Space,
  // and Escape to close the menu and return to the button.
  const drawer = document.getElementById("__drawer");
  const menuButton = document.querySelector("label.md-header__button[for='__drawer']");
  if (drawer && menuButton) {
    menuButton.addEventListener("keydown", (event) => {
      if (event.key === " ") {
        event.preventDefault();
        menuButton.click();
      }
    });
    const sync = () => menuButton.setAttribute("aria-expanded", String(drawer.checked));
    drawer.addEventListener("change", sync);
    sync();
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && drawer.checked) {
        drawer.checked = false;
        drawer.dispatchEvent(new Event("change"));
        menuButton.focus();
      }
    });
  }

  // Material wraps wide tables in a scrolling box; keyboard users must be able to reach it
  // to scroll it (WCAG 2.1.1), and screen readers should know what it is.
  const labelScrollBoxes = () => {
    for (const box of document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])")) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "表（横にスクロールできます）");
    }
  };
  if (document.readyState === "complete") labelScrollBoxes();
  else window.addEventListener("load", labelScrollBoxes);
})();
