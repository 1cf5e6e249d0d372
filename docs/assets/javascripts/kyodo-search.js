// Site search on Pagefind: the search page's form, results and excerpts.
//
// The index holds no words: kyodo/search/tokens.py writes each page's text as ASCII tokens
// naming characters (its docstring explains the design). Queries get the same treatment
// here, so that a word matches exactly the pages whose text contains it. Keep the two files
// in step (a test does).
(() => {
  "use strict";

  const RADIX = "0123456789abcdefghijklmnopqrstuvwxyz";
  const WIDTH = 3;
  const SPAN = 4;
  const LIMIT = 36 ** WIDTH - 1;
  const PAGE_SIZE = 10;

  const normalise = (text) => text.normalize("NFKC").toLowerCase();

  const code = (character) => {
    let point = character.codePointAt(0);
    if (point >= LIMIT) point = 46000 + (point % 655);
    let digits = "";
    for (let i = 0; i < WIDTH; i += 1) {
      digits = RADIX[point % 36] + digits;
      point = Math.floor(point / 36);
    }
    return digits;
  };

  const queryWords = (query) => normalise(query).split(/\s+/u).filter(Boolean);

  const queryTerms = (word) => {
    const codes = [...normalise(word)].map(code);
    if (codes.length <= SPAN) return [codes.join("")];
    return codes.slice(0, codes.length - SPAN + 1).map((_, i) => codes.slice(i, i + SPAN).join(""));
  };

  // Pages containing every word, best first: Pagefind's ranking of all the terms together
  // (title matches weigh more), filtered to the pages where each word really occurs.
  const find = async (pagefind, query, filters) => {
    const words = queryWords(query);
    if (words.length === 0) {
      return Object.keys(filters).length ? (await pagefind.search(null, { filters })).results : [];
    }
    let allowed = null;
    let found = [];
    for (const word of words) {
      const terms = queryTerms(word);
      // A word no page contains ends the search before the index chunks of its other
      // terms (and of the other words) are downloaded.
      if (terms.length > 1 && (await pagefind.search(`"${terms[0]}"`, { filters })).results.length === 0) {
        return [];
      }
      // Quoted even when alone: unquoted, a term that matches nothing falls back to a
      // shorter prefix and finds pages that do not contain the word.
      const phrase = `"${terms.join(" ")}"`;
      found = (await pagefind.search(phrase, { filters })).results;
      if (found.length === 0) return [];
      const ids = new Set(found.map((result) => result.id));
      allowed = allowed === null ? ids : new Set([...allowed].filter((id) => ids.has(id)));
    }
    // Quoted searches score every hit the same: the order comes from an unquoted search.
    const terms = words.flatMap(queryTerms);
    const ranked = (await pagefind.search(terms.join(" "), { filters })).results;
    const order = ranked.filter((result) => allowed.has(result.id));
    // Every page in `allowed` holds every term, so Pagefind ranks it; the rest is a safeguard.
    const listed = new Set(order.map((result) => result.id));
    return [...order, ...found.filter((result) => allowed.has(result.id) && !listed.has(result.id))];
  };

  // An exact title match first, then titles containing every word, then the rest.
  const titleRank = (title, words) => {
    const normal = normalise(title);
    if (words.length && normal === words.join(" ")) return 0;
    return words.length && words.every((word) => normal.includes(word)) ? 1 : 2;
  };

  // Where each normalised character came from in the original text.
  const normalisedWithOrigins = (text) => {
    let normal = "";
    const origins = [];
    let offset = 0;
    for (const character of text) {
      const piece = normalise(character);
      for (let i = 0; i < piece.length; i += 1) origins.push(offset);
      normal += piece;
      offset += character.length;
    }
    origins.push(offset);
    return { normal, origins };
  };

  // An excerpt around the first match, as DOM nodes with every match marked.
  const excerpt = (text, words) => {
    const { normal, origins } = normalisedWithOrigins(text);
    const spans = [];
    for (const word of words) {
      for (let at = normal.indexOf(word); at !== -1; at = normal.indexOf(word, at + word.length)) {
        spans.push([origins[at], origins[at + word.length]]);
      }
    }
    spans.sort((a, b) => a[0] - b[0]);
    const first = spans.length ? spans[0][0] : 0;
    const start = Math.max(0, first - 40);
    const end = Math.min(text.length, start + 120);
    const fragment = document.createDocumentFragment();
    let cursor = start;
    if (start > 0) fragment.append("…");
    for (const [from, to] of spans) {
      if (from < cursor || to > end) continue;
      fragment.append(text.slice(cursor, from));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(from, to);
      fragment.append(mark);
      cursor = to;
    }
    fragment.append(text.slice(cursor, end));
    if (end < text.length) fragment.append("…");
    return fragment;
  };

  const readCard = async (siteBase, name) => {
    const response = await fetch(new URL(`search/cards/${name}.card`, siteBase));
    const bytes = new Uint8Array(await response.arrayBuffer());
    // Gzip unless a server already undid it while sending.
    const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
    const stream = new Blob([bytes]).stream();
    const text = await new Response(gzipped ? stream.pipeThrough(new DecompressionStream("gzip")) : stream).text();
    return JSON.parse(text);
  };

  // A result's card, with the text of the slice that holds its first match in the body.
  const loadResult = async (siteBase, result) => {
    const card = await readCard(siteBase, result.id);
    const position = Math.min(...result.words.filter((word) => word >= card.starts[0]), Infinity);
    let slice = 0;
    card.starts.forEach((start, i) => {
      if (start <= position) slice = i;
    });
    const text = slice === 0 ? card.text : (await readCard(siteBase, `${result.id}.${slice}`)).text;
    return { ...card, text };
  };

  const renderResult = (card, words, siteBase) => {
    const item = document.createElement("li");
    item.className = "kyodo-search__result";
    const heading = document.createElement("p");
    heading.className = "kyodo-search__title";
    const link = document.createElement("a");
    link.href = new URL(card.url.replace(/^\//u, ""), siteBase).href;
    link.textContent = card.title || card.url;
    heading.append(link);
    for (const kind of card.kind) {
      const badge = document.createElement("span");
      badge.className = "kyodo-badge";
      badge.textContent = kind;
      heading.append(" ", badge);
    }
    const text = document.createElement("p");
    text.className = "kyodo-search__excerpt";
    text.append(excerpt(card.text, words));
    item.append(heading, text);
    return item;
  };

  const formState = (form) => {
    const query = form.elements.q.value.trim();
    const filters = {};
    for (const fieldset of form.querySelectorAll("fieldset[data-filter]")) {
      const checked = [...fieldset.querySelectorAll("input:checked")].map((input) => input.value);
      if (checked.length) filters[fieldset.dataset.filter] = { any: checked };
    }
    return { query, filters };
  };

  const fillForm = (form, params) => {
    form.elements.q.value = params.get("q") || "";
    for (const input of form.querySelectorAll("fieldset input")) {
      input.checked = params.getAll(input.name).includes(input.value);
    }
    if (form.querySelector("fieldset input:checked")) form.querySelector("details").open = true;
  };

  const setUpSearchPage = async (root, siteBase, pagefindUrl) => {
    const form = root.querySelector("form");
    const status = root.querySelector(".kyodo-search__status");
    const list = root.querySelector(".kyodo-search__results");
    const more = root.querySelector(".kyodo-search__more");
    const pagefind = await import(pagefindUrl);
    // No worker: it would cost another 40 KB per visit for no gain on an index this size.
    await pagefind.options({ noWorker: true });
    await pagefind.init();

    let shown = [];
    let words = [];
    const showMore = async () => {
      const batch = shown.splice(0, PAGE_SIZE);
      const loaded = await Promise.all(batch.map((result) => loadResult(siteBase, result)));
      loaded.sort((a, b) => titleRank(a.title, words) - titleRank(b.title, words));
      for (const card of loaded) list.append(renderResult(card, words, siteBase));
      more.hidden = shown.length === 0;
    };

    const run = async () => {
      const { query, filters } = formState(form);
      words = queryWords(query);
      list.replaceChildren();
      more.hidden = true;
      if (!query && !Object.keys(filters).length) {
        status.textContent = "";
        return;
      }
      status.textContent = "検索しています…";
      const results = await find(pagefind, query, filters);
      const about = query ? `「${query}」` : "この条件";
      status.textContent = results.length
        ? `${about}に一致するページが ${results.length}件 見つかりました。`
        : `${about}に一致するページは見つかりませんでした。ことばを短くするか、絞り込みを外してください。`;
      shown = [...results];
      await showMore();
    };

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const params = new URLSearchParams(new FormData(form));
      if (!params.get("q")) params.delete("q");
      history.pushState(null, "", `?${params}`);
      run();
    });
    form.addEventListener("reset", () => setTimeout(run));
    more.querySelector("button").addEventListener("click", showMore);
    window.addEventListener("popstate", () => {
      fillForm(form, new URLSearchParams(location.search));
      run();
    });
    fillForm(form, new URLSearchParams(location.search));
    // For tests and debugging: the ids (Pagefind's fragment names) a query finds, in order.
    window.kyodoSearch.ids = async (query, filters = {}) =>
      (await find(pagefind, query, filters)).map((result) => result.id);
    root.dataset.ready = "true";
    await run();
  };

  const script = document.currentScript;
  const siteBase = new URL("../../", script.src);
  const pagefindUrl = new URL("pagefind/pagefind.js", siteBase).href;

  window.kyodoSearch = { queryTerms, queryWords };
  const root = document.querySelector(".kyodo-search");
  if (root) setUpSearchPage(root, siteBase, pagefindUrl);
})();
