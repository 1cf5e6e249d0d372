// Site search on Pagefind: the search page's form, results and excerpts.
//
// The index holds no words: kyodo/search/tokens.py writes each page's text as ASCII tokens
// naming characters (its docstring explains the design). Queries get the same treatment
// here, so that a word matches exactly the pages whose text contains it. Keep the two files
// in step (a test does).
(() => {
  "use strict";

  const RADIX = "0123456789abcdefghijklmnopqrstuvwxyz";
  const WIDTH = 4;
  const SPAN = 4;
  const END = "z".repeat(WIDTH);
  const PAD = "y".repeat(WIDTH);
  const TITLE_MARK = "t";
  const EXACT_MARK = "x";
  const EXACT_LENGTH = 8;
  const PAGE_SIZE = 10;
  const STATUS_FILTER = "状態";
  // Listings that are not active come after the others, paused before dissolved.
  const STATUS_ORDER = ["休止中", "解散"];
  // A token on every page: a search with filters alone goes through it, because Pagefind
  // would download every index chunk for a search without terms.
  const EVERY_PAGE = "z".repeat(WIDTH * SPAN + 1);

  const normalise = (text) => text.normalize("NFKC").toLowerCase();

  const code = (character) => {
    let point = character.codePointAt(0);
    let digits = "";
    for (let i = 0; i < WIDTH; i += 1) {
      digits = RADIX[point % 36] + digits;
      point = Math.floor(point / 36);
    }
    return digits;
  };

  const key = (characters) => characters.map(code).join("") + PAD.repeat(SPAN - characters.length);
  const window_ = (characters) => characters.map(code).join("") + END.repeat(SPAN - characters.length);

  const queryWords = (query) => normalise(query).split(/\s+/u).filter(Boolean);

  // The terms a query word is searched with, each with its offset in the word (in characters).
  const queryPlan = (word) => {
    const characters = [...normalise(word)];
    if (characters.length < SPAN) return [[0, key(characters)]];
    const offsets = [...new Set([0, characters.length - SPAN])];
    return offsets.map((offset) => [offset, window_(characters.slice(offset, offset + SPAN))]);
  };

  // FNV-1a (32 bits) of the normalised title's code points, in base 36.
  const titleHash = (title) => {
    let value = 0x811c9dc5;
    for (const character of normalise(title).split(/\s+/u).filter(Boolean).join(" ")) {
      value = Math.imul(value ^ character.codePointAt(0), 0x01000193) >>> 0;
    }
    let digits = "";
    for (let i = 0; i < 7; i += 1) {
      digits = RADIX[value % 36] + digits;
      value = Math.floor(value / 36);
    }
    return digits;
  };

  const exactTitleToken = (title) => {
    const words = queryWords(title);
    return words.length ? queryPlan(words[0])[0][1] + EXACT_MARK + titleHash(title) : null;
  };

  // Pages where every term of the plan sits at its offset from the first: a map from result id
  // to the character position of the match. `mark` searches the title's copy instead.
  // Quoted searches are exact, and a term no page contains finds nothing (unquoted, Pagefind
  // would try a shorter prefix). Only the first position comes back, so positions come from
  // an unquoted search, whose extra matches are only this term's marked copies.
  const matchWord = async (pagefind, plan, filters, mark = "") => {
    const search = (query) => pagefind.search(query, { filters });
    const [exact, located] = await Promise.all([
      Promise.all(plan.map(([, term]) => search(`"${term}${mark}"`))),
      plan.length > 1 ? Promise.all(plan.map(([, term]) => search(`${term}${mark}`))) : [],
    ]);
    if (plan.length === 1) return new Map(exact[0].results.map((result) => [result.id, result.words[0]]));
    let found = null;
    for (const [i, [offset]] of plan.entries()) {
      const ids = new Set(exact[i].results.map((result) => result.id));
      const next = new Map();
      for (const result of located[i].results) {
        if (!ids.has(result.id)) continue;
        const positions = new Set(result.words.map((position) => position - offset));
        const starts = found === null ? [...positions] : (found.get(result.id) || []).filter((p) => positions.has(p));
        if (starts.length) next.set(result.id, starts);
      }
      found = next;
      if (found.size === 0) return found;
    }
    return new Map([...found].map(([id, starts]) => [id, Math.min(...starts)]));
  };

  const intersect = (maps) => maps.reduce((a, b) => new Map([...a].filter(([id]) => b.has(id))));

  const compareKeys = (x, y) => {
    for (let i = 0; i < x.length; i += 1) if (x[i] !== y[i]) return x[i] - y[i];
    return 0;
  };

  // The status of the pages that contain `term` and are not active (the term's chunk is
  // loaded anyway, and the status filter is small).
  const statusOf = async (pagefind, term, filters) => {
    const found = await Promise.all(
      STATUS_ORDER.map((status) =>
        pagefind.search(`"${term}"`, { filters: { ...filters, [STATUS_FILTER]: { any: [status] } } }),
      ),
    );
    return new Map(found.flatMap((search, i) => search.results.map((result) => [result.id, STATUS_ORDER[i]])));
  };

  // Pages containing every word, best first: an exact title, then active pages before paused
  // and dissolved listings, then titles containing every word, then Pagefind's ranking of all
  // the terms together. `check` says whether a word is too long for the index to be exact.
  const find = async (pagefind, query, filters) => {
    const words = queryWords(query);
    if (words.length === 0) {
      if (!Object.keys(filters).length) return { results: [], check: false };
      const [{ results }, statuses] = await Promise.all([
        pagefind.search(`"${EVERY_PAGE}"`, { filters }),
        statusOf(pagefind, EVERY_PAGE, filters),
      ]);
      const keys = new Map(results.map((r, i) => [r.id, [STATUS_ORDER.indexOf(statuses.get(r.id)) + 1, i]]));
      results.sort((a, b) => compareKeys(keys.get(a.id), keys.get(b.id)));
      return { results: results.map((r) => ({ id: r.id, position: 0, status: statuses.get(r.id) || "" })), check: false };
    }
    const plans = words.map(queryPlan);
    // Every search at once: they share the index chunks they download, so a search waits for
    // one round of downloads instead of one per search. A word that matches nothing does not
    // stop the others: they cost the status filter's small file at most.
    const [matches, titles, exact, statuses, { results: ranked }] = await Promise.all([
      Promise.all(plans.map((plan) => matchWord(pagefind, plan, filters))),
      Promise.all(plans.map((plan) => matchWord(pagefind, plan, filters, TITLE_MARK))),
      pagefind.search(`"${exactTitleToken(words.join(" "))}"`, { filters }),
      statusOf(pagefind, plans[0][0][1], filters),
      pagefind.search(plans.flat().map(([, term]) => term).join(" "), { filters }),
    ]);
    const allowed = intersect(matches);
    if (allowed.size === 0) return { results: [], check: false };
    const inTitle = intersect(titles);
    const exactTitle = new Set(exact.results.map((r) => r.id));
    const order = new Map(ranked.map((result, i) => [result.id, i]));
    const sortKey = (id) => [
      exactTitle.has(id) ? 0 : 1,
      STATUS_ORDER.indexOf(statuses.get(id)) + 1,
      inTitle.has(id) ? 0 : 1,
      order.has(id) ? order.get(id) : ranked.length,
    ];
    const keys = new Map([...allowed.keys()].map((id) => [id, sortKey(id)]));
    const results = [...allowed.keys()].sort((a, b) => compareKeys(keys.get(a), keys.get(b)));
    return {
      results: results.map((id) => ({ id, position: allowed.get(id), status: statuses.get(id) || "" })),
      check: words.some((word) => [...word].length > EXACT_LENGTH),
    };
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

  const matchSpans = (text, words) => {
    const { normal, origins } = normalisedWithOrigins(text);
    const spans = [];
    for (const word of words) {
      for (let at = normal.indexOf(word); at !== -1; at = normal.indexOf(word, at + word.length)) {
        spans.push([origins[at], origins[at + word.length]]);
      }
    }
    return spans.sort((a, b) => a[0] - b[0]);
  };

  // An excerpt of one block around its first match, as DOM nodes with every match marked.
  const excerpt = (text, words) => {
    const spans = matchSpans(text, words);
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

  // The block an excerpt comes from: the first prose block with a match, else the first prose
  // block after the title. Headings and field names (`labels`) are never shown.
  const excerptBlock = (card, words) => {
    const prose = card.blocks.filter((block, i) => !card.labels.includes(i) && normalise(block) !== normalise(card.title));
    return prose.find((block) => matchSpans(block, words).length) || prose[0] || "";
  };

  const readCard = async (siteBase, name, signal) => {
    const response = await fetch(new URL(`search/cards/${name}.card`, siteBase), { signal });
    const bytes = new Uint8Array(await response.arrayBuffer());
    // Gzip unless a server already undid it while sending.
    const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
    const stream = new Blob([bytes]).stream();
    const text = await new Response(gzipped ? stream.pipeThrough(new DecompressionStream("gzip")) : stream).text();
    return JSON.parse(text);
  };

  // A result's card, with the blocks of the slice that holds its match.
  const loadResult = async (siteBase, result, signal) => {
    const card = await readCard(siteBase, result.id, signal);
    let slice = 0;
    card.starts.forEach((start, i) => {
      if (start <= result.position) slice = i;
    });
    if (slice === 0) return card;
    return { ...card, ...(await readCard(siteBase, `${result.id}.${slice}`, signal)) };
  };

  // The whole text of a result, for words too long for the index to match exactly.
  const fullText = async (siteBase, result, signal) => {
    const card = await readCard(siteBase, result.id, signal);
    const rest = await Promise.all(card.starts.slice(1).map((_, i) => readCard(siteBase, `${result.id}.${i + 1}`, signal)));
    return { card, text: normalise([card, ...rest].flatMap((part) => part.blocks).join(" ")) };
  };

  const contains = (text, words) => words.every((word) => text.includes(word));

  const renderResult = (card, result, words, siteBase) => {
    const item = document.createElement("li");
    item.className = "kyodo-search__result";
    const heading = document.createElement("p");
    heading.className = "kyodo-search__title";
    const link = document.createElement("a");
    link.href = new URL(card.url.replace(/^\//u, ""), siteBase).href;
    link.textContent = card.title || card.url;
    heading.append(link);
    for (const label of [...card.kind, card.status].filter(Boolean)) {
      const badge = document.createElement("span");
      badge.className = label === card.status ? "kyodo-badge kyodo-badge--status" : "kyodo-badge";
      badge.textContent = label;
      heading.append(" ", badge);
    }
    const text = document.createElement("p");
    text.className = "kyodo-search__excerpt";
    text.append(excerpt(excerptBlock(card, words), words));
    item.append(heading, text);
    if (result.status) item.dataset.status = result.status;
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

  // A search replaced by a newer one stops where it is: its downloads were aborted on purpose.
  const ignoreAbort = (error) => {
    if (error.name !== "AbortError") throw error;
  };

  const statusLine = (query, count) => {
    const about = query ? `「${query}」` : "この条件";
    return count
      ? `${about}に一致するページが ${count}件 見つかりました。`
      : `${about}に一致するページは見つかりませんでした。ことばを短くするか、絞り込みを外してください。`;
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

    // One search at a time: a new search aborts the card downloads of the one before, and
    // every step checks that its search is still the current one before it shows anything.
    let current = null;
    const showMore = async (search) => {
      const shown = [];
      while (shown.length < PAGE_SIZE && search.pending.length) {
        const batch = search.pending.splice(0, PAGE_SIZE - shown.length);
        const loaded = await Promise.all(batch.map((result) => loadResult(siteBase, result, search.abort.signal)));
        if (search !== current) return;
        for (const [i, card] of loaded.entries()) {
          if (search.check && !contains(normalise(card.blocks.join(" ")), search.words)) {
            const full = await fullText(siteBase, batch[i], search.abort.signal);
            if (search !== current) return;
            if (!contains(full.text, search.words)) {
              search.count -= 1;
              continue;
            }
          }
          shown.push(renderResult(card, batch[i], search.words, siteBase));
        }
      }
      list.append(...shown);
      status.textContent = statusLine(search.query, search.count);
      more.hidden = search.pending.length === 0;
    };

    const run = async () => {
      current?.abort.abort();
      const { query, filters } = formState(form);
      const search = { query, words: queryWords(query), abort: new AbortController(), pending: [], count: 0, check: false };
      current = search;
      list.replaceChildren();
      more.hidden = true;
      if (!query && !Object.keys(filters).length) {
        status.textContent = "";
        return;
      }
      status.textContent = "検索しています…";
      const found = await find(pagefind, query, filters);
      if (search !== current) return;
      search.pending = [...found.results];
      search.count = found.results.length;
      search.check = found.check;
      await showMore(search).catch(ignoreAbort);
    };

    const address = () => {
      const params = new URLSearchParams(new FormData(form));
      if (!params.get("q")) params.delete("q");
      const search = params.toString();
      return search ? `?${search}` : location.pathname;
    };

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      history.pushState(null, "", address());
      run();
    });
    // The reset button empties the query and the filters: the address follows, then the page.
    form.addEventListener("reset", () =>
      setTimeout(() => {
        history.pushState(null, "", address());
        run();
      }),
    );
    more.querySelector("button").addEventListener("click", () => current && showMore(current).catch(ignoreAbort));
    window.addEventListener("popstate", () => {
      fillForm(form, new URLSearchParams(location.search));
      run();
    });
    fillForm(form, new URLSearchParams(location.search));
    // For tests and debugging: the ids (Pagefind's fragment names) a query finds, in order,
    // each checked against the page's text where the index alone is not exact.
    window.kyodoSearch.ids = async (query, filters = {}) => {
      const found = await find(pagefind, query, filters);
      const words = queryWords(query);
      if (!found.check) return found.results.map((result) => result.id);
      const kept = [];
      for (let start = 0; start < found.results.length; start += 16) {
        const batch = found.results.slice(start, start + 16);
        const texts = await Promise.all(batch.map((result) => fullText(siteBase, result)));
        kept.push(...batch.filter((result, i) => contains(texts[i].text, words)).map((result) => result.id));
      }
      return kept;
    };
    root.dataset.ready = "true";
    await run();
  };

  const script = document.currentScript;
  const siteBase = new URL("../../", script.src);
  const pagefindUrl = new URL("pagefind/pagefind.js", siteBase).href;

  window.kyodoSearch = { queryPlan, queryWords, exactTitleToken, everyPage: EVERY_PAGE };
  const root = document.querySelector(".kyodo-search");
  // A preview (make serve) has no index: its search page says so and has no form.
  if (root && !("preview" in root.dataset)) setUpSearchPage(root, siteBase, pagefindUrl);
})();
