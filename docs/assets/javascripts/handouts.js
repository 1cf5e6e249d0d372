// Printing from the browser: the print button, and collapsed notes printed open.
(() => {
  "use strict";

  // The button is hidden in the page's HTML: without JavaScript it could do nothing.
  for (const button of document.querySelectorAll("[data-kyodo-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }

  // Paper cannot be clicked open: print every collapsed block open, then close them again.
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = [...document.querySelectorAll("details:not([open])")];
    for (const details of opened) details.open = true;
  });
  window.addEventListener("afterprint", () => {
    for (const details of opened) details.open = false;
    opened = [];
  });
})();
