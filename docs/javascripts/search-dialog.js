/*
 * The site's own search dialog, for engines whose search box cannot read the
 * site's index (Zensical shows only what its search.json holds; see
 * gen/engines/zensical_build.py). It asks docs/javascripts/search-worker.js, in the
 * protocol Material's search box uses (SETUP -> READY, QUERY -> RESULT), and
 * shows each matching page with its best sections. The worker escapes the
 * titles and teasers it sends and marks the matched words, so they are
 * inserted as HTML.
 *
 * It opens from its button in the header, on "/" or "s" outside a text field,
 * and on Ctrl+K or Cmd+K; Escape, the close button, a click outside it or
 * following a result close it.
 */
(() => {
  "use strict";
  const dialog = document.querySelector("[data-tv-search]");
  if (!dialog) return;

  const SETUP = 0;
  const QUERY = 2;
  const RESULT = 3;
  const SECTIONS_SHOWN = 3;

  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base, location.href);
  const input = dialog.querySelector(".tv-search__input");
  const meta = dialog.querySelector(".tv-search__meta");
  const list = dialog.querySelector(".tv-search__results");
  const placeholder = meta.textContent;
  const UNAVAILABLE = "Search is unavailable: reload the page to try again.";
  let worker = null;
  let opener = null;

  function startWorker() {
    worker = new Worker(config.search);
    worker.addEventListener("message", event => {
      if (event.data.type === RESULT) show(event.data.data);
    });
    worker.addEventListener("error", () => show({ items: [], failed: true }));
    worker.postMessage({ type: SETUP, data: {} });
  }

  function link(result, className) {
    const anchor = document.createElement("a");
    anchor.className = className;
    anchor.href = new URL(result.location, base).href;
    const title = document.createElement("span");
    title.className = "tv-search__title";
    title.innerHTML = result.title;
    anchor.append(title);
    if (result.text) {
      const teaser = document.createElement("span");
      teaser.className = "tv-search__teaser";
      teaser.innerHTML = result.text;
      anchor.append(teaser);
    }
    return anchor;
  }

  function summary(result) {
    const shown = result.items.length;
    const total = result.total ?? shown;
    if (result.failed) return UNAVAILABLE;
    if (input.value.trim().length < 2) return placeholder;
    if (total === 0) return "No matching pages";
    const pages = total === 1 ? "1 matching page" : `${total.toLocaleString("en")} matching pages`;
    return result.partial || shown < total ? `${pages}, the best ${shown} shown` : pages;
  }

  function show(result) {
    list.replaceChildren(...result.items.map(([page, ...sections]) => {
      const item = document.createElement("li");
      item.append(link(page, "tv-search__page"));
      if (sections.length > 0) {
        const nested = document.createElement("ul");
        nested.append(...sections.slice(0, SECTIONS_SHOWN).map(section => {
          const entry = document.createElement("li");
          entry.append(link(section, "tv-search__section"));
          return entry;
        }));
        item.append(nested);
      }
      return item;
    }));
    meta.textContent = summary(result);
  }

  function open() {
    if (!dialog.open) {
      opener = document.activeElement;
      dialog.showModal();
    }
    if (worker === null) startWorker();
    input.focus();
    input.select();
  }

  function close() {
    if (dialog.open) dialog.close();
  }

  input.addEventListener("input", () => worker.postMessage({ type: QUERY, data: input.value }));
  dialog.querySelector(".tv-search__form").addEventListener("submit", event => {
    event.preventDefault();
    const first = list.querySelector("a");
    if (first) first.click();
  });
  dialog.querySelector(".tv-search__close").addEventListener("click", close);
  // Focus goes back to where it was; left on the hidden field, the next "/" or "s" would count as typing.
  dialog.addEventListener("close", () => {
    if (!dialog.contains(document.activeElement)) return;
    if (opener && opener.isConnected && opener !== document.body) opener.focus();
    else document.activeElement.blur();
  });
  // A result may be a section of the page already open, which loads no new page.
  list.addEventListener("click", event => { if (event.target.closest("a")) close(); });
  // Outside the dialog is its backdrop: a click that starts and ends there closes it, not a drag out of the field.
  let pressedOnBackdrop = false;
  dialog.addEventListener("pointerdown", event => { pressedOnBackdrop = event.target === dialog; });
  dialog.addEventListener("click", event => { if (pressedOnBackdrop && event.target === dialog) close(); });
  dialog.addEventListener("keydown", event => {
    if (event.isComposing || (event.key !== "ArrowDown" && event.key !== "ArrowUp")) return;
    const stops = [input, ...list.querySelectorAll("a")];
    const at = stops.indexOf(document.activeElement);
    const next = stops[Math.max(0, Math.min(stops.length - 1, at + (event.key === "ArrowDown" ? 1 : -1)))];
    event.preventDefault();
    next.focus();
  });
  document.querySelector("[data-tv-search-open]").addEventListener("click", open);
  document.addEventListener("keydown", event => {
    if (event.isComposing) return;
    const target = event.target;
    // Until the close event moves focus, a closed dialog's field still holds it.
    const typing = (target.isContentEditable || target.closest("input, textarea, select")) && (dialog.open || !dialog.contains(target));
    const shortcut = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k";
    const key = !typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s");
    if (shortcut || key) {
      event.preventDefault();
      open();
    }
  });
})();
