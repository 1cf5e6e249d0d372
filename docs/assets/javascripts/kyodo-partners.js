// 協働の相手を探す: shows the form and filters the listings in place. Without this script the
// page offers the same lists as static pages, one per need and ward.
(() => {
  "use strict";

  const finder = document.querySelector("[data-partner-finder]");
  if (!finder) return;
  const form = finder.querySelector(".kyodo-finder__form");
  const status = finder.querySelector(".kyodo-finder__status");
  const results = finder.querySelector(".kyodo-finder__results");
  const more = finder.querySelector(".kyodo-finder__more");
  const STEP = 50;
  const loaded = new Map();
  let shown = [];
  let count = 0;
  let latest = 0;

  const load = (need) => {
    if (!loaded.has(need)) {
      loaded.set(need, fetch(`${need}.json`).then((response) => {
        if (!response.ok) throw new Error(response.statusText);
        return response.json();
      }));
    }
    return loaded.get(need);
  };

  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  };

  const card = (item) => {
    const li = element("li", "kyodo-list__item");
    const name = element("p", "kyodo-list__name");
    const link = element("a", "", item.name);
    link.href = item.href;
    name.append(link);
    li.append(name, element("p", "kyodo-list__meta", item.meta));
    if (item.note) li.append(element("p", "kyodo-list__summary", item.note));
    const reasons = element("ul", "kyodo-partners__reasons");
    for (const reason of item.reasons) reasons.append(element("li", "", reason));
    li.append(reasons);
    return li;
  };

  const showMore = () => {
    results.append(...shown.slice(count, count + STEP).map(card));
    count = Math.min(count + STEP, shown.length);
    more.hidden = count >= shown.length;
  };

  const matches = (data, ward, field) =>
    data.items.flatMap((item) => {
      const where = item.wards.includes(ward) ? ward : "citywide";
      if (ward && !item.wards.includes(where)) return [];
      if (field && !item.fields.includes(field)) return [];
      const reasons = [...item.reasons];
      if (ward) reasons.push(data.ward_reasons[where]);
      if (field) reasons.push(data.field_reasons[item.business ? "business" : "group"][field]);
      return [{ ...item, reasons }];
    });

  const label = (select) => (select.value ? select.selectedOptions[0].textContent : "");

  const update = async () => {
    const choice = new FormData(form);
    const need = choice.get("need");
    const ward = choice.get("ward") || "";
    const field = choice.get("field") || "";
    const query = new URLSearchParams([...choice].filter(([, value]) => value)).toString();
    history.replaceState(null, "", query ? `?${query}` : location.pathname);
    const ticket = ++latest;
    results.replaceChildren();
    results.hidden = true;
    more.hidden = true;
    if (!need) {
      status.textContent = "求めていることを選んでください。";
      return;
    }
    let data;
    try {
      data = await load(need);
    } catch {
      status.textContent = "一覧を読み込めませんでした。下の「求めていることから一覧で探す」をお使いください。";
      return;
    }
    if (ticket !== latest) return;
    shown = matches(data, ward, field);
    count = 0;
    const filters = [label(form.elements.ward), label(form.elements.field)].filter(Boolean);
    const where = filters.length ? `（${filters.join("、")}）` : "";
    status.textContent = `「${data.need}」を提供できる相手${where}: ${shown.length}件`;
    results.hidden = shown.length === 0;
    showMore();
  };

  const restore = () => {
    const query = new URLSearchParams(location.search);
    for (const [name, value] of query) {
      const control = form.elements[name];
      if (control) control.value = value;
    }
    if (query.get("need")) update();
  };

  form.hidden = false;
  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });
  more.querySelector("button").addEventListener("click", showMore);
  restore();
})();
