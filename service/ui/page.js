// The try-it page (GET /): calls only the public API of the origin it came from.
// Offsets are asked for in UTF-16 code units (offset_unit "utf16"), which is what a JavaScript
// string counts, so text.slice(offset, offset + length) is the sentence even with emoji in it.
"use strict";

(function () {
  const KEY_STORE = "summarizer.api-key";
  const BOUND_DEFAULTS = { sentences: 3, max_words: 100, max_chars: 600, ratio: 0.2 };
  const BLOCKS = "address, article, aside, blockquote, br, dd, div, dl, dt, figcaption, figure, footer, h1, h2, h3, h4, h5, h6, header, hr, li, main, nav, ol, p, pre, section, table, td, th, tr, ul";

  const STYLE_ELEMENTS = /<style\b[^>]*>[\s\S]*?<\/style\s*>/gi;
  const START_TAGS = /<([a-zA-Z][^\s\/>]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g; // a start tag, its quoted values may hold ">"

  const $ = (id) => document.getElementById(id);
  const form = $("summarize-form");
  const button = $("summarize");
  const status = $("status");
  const errorBox = $("error");
  const results = $("results");
  const article = $("article");
  const keySection = $("key-section");
  const keyInput = $("api-key");
  const keyMessage = $("key-message");

  let catalogue = null;
  const boundValues = Object.assign({}, BOUND_DEFAULTS);
  let pinned = new Set();

  class Problem extends Error {
    constructor(status, detail, errors) {
      super(detail);
      this.status = status;
      this.errors = errors || null;
    }
  }

  function storedKey() {
    try {
      return sessionStorage.getItem(KEY_STORE);
    } catch (e) {
      return null; // storage disabled: the key is then asked for again on each load
    }
  }

  function storeKey(key) {
    try {
      if (key) sessionStorage.setItem(KEY_STORE, key);
      else sessionStorage.removeItem(KEY_STORE);
    } catch (e) {
      /* storage disabled */
    }
  }

  async function call(path, init) {
    const headers = Object.assign({ Accept: "application/json" }, (init && init.headers) || {});
    const key = storedKey();
    if (key) headers.Authorization = "Bearer " + key;
    let response;
    try {
      response = await fetch(path, Object.assign({}, init, { headers, credentials: "same-origin", cache: "no-store" }));
    } catch (e) {
      throw new Problem(0, "The service did not answer: " + e.message);
    }
    const type = response.headers.get("Content-Type") || "";
    let body = null;
    if (type.includes("json")) {
      try {
        body = await response.json();
      } catch (e) {
        body = null;
      }
    }
    if (!response.ok) {
      const detail = body && typeof body.detail === "string" ? body.detail : response.status + " " + response.statusText;
      throw new Problem(response.status, detail, body && body.errors);
    }
    if (body === null) throw new Problem(response.status, "The service answered with something other than JSON.");
    return body;
  }

  function askForKey(message) {
    keySection.hidden = false;
    keyMessage.textContent = message || "";
    keyInput.focus();
  }

  function option(value, label, selected) {
    const element = document.createElement("option");
    element.value = value;
    element.textContent = label;
    element.selected = !!selected;
    return element;
  }

  function fillCatalogue(data) {
    catalogue = data;
    const algorithm = $("algorithm");
    algorithm.replaceChildren(...data.algorithms.map((a) => option(a.name, a.name + (a.default ? " (default)" : ""), a.default)));
    const language = $("language");
    const defaultLanguage = data.defaults && data.defaults.language;
    language.replaceChildren(
      ...data.languages.map((l) => option(l.name, l.name === "auto" ? "auto (detect)" : l.name, l.default || l.name === defaultLanguage))
    );
    if (data.defaults && data.defaults.sentences) boundValues.sentences = data.defaults.sentences;
    const keywordRange = data.limits && data.limits.bounds && data.limits.bounds.keywords;
    if (keywordRange) $("keywords").max = keywordRange.max;
    if (data.defaults && data.defaults.keywords !== undefined) $("keywords").value = data.defaults.keywords;
    showBound();
    describeAlgorithm();
  }

  function describeAlgorithm() {
    const chosen = catalogue && catalogue.algorithms.find((a) => a.name === $("algorithm").value);
    $("algorithm-help").textContent = chosen ? chosen.description : "";
  }

  function showBound() {
    const kind = $("bound-kind").value;
    const input = $("bound-value");
    const range = catalogue && catalogue.limits && catalogue.limits.bounds && catalogue.limits.bounds[kind];
    input.step = kind === "ratio" ? "0.05" : "1";
    input.min = kind === "ratio" ? "0.01" : String(range ? range.min : 1);
    if (range && range.max !== undefined) input.max = String(range.max);
    else input.removeAttribute("max");
    input.value = boundValues[kind];
  }

  async function loadCatalogue() {
    status.textContent = "Loading the algorithms and languages…";
    try {
      fillCatalogue(await call("v1/algorithms"));
      status.textContent = "";
      keySection.hidden = storedKey() === null;
    } catch (problem) {
      status.textContent = "";
      if (problem.status === 401) askForKey(problem.message);
      else showError(problem);
    }
  }

  function showError(problem) {
    errorBox.replaceChildren();
    const detail = document.createElement("p");
    detail.textContent = problem.message;
    errorBox.append(detail);
    if (problem.errors && typeof problem.errors === "object") {
      const list = document.createElement("ul");
      for (const [field, messages] of Object.entries(problem.errors)) {
        const item = document.createElement("li");
        item.textContent = field + ": " + [].concat(messages).join(" ");
        list.append(item);
      }
      errorBox.append(list);
    }
    errorBox.hidden = false;
  }

  function clearError() {
    errorBox.hidden = true;
    errorBox.replaceChildren();
  }

  // An opened HTML file: its source, sent as `html` (the service extracts its article) as long as the
  // text area still shows the preview made from it; an edit of the text area sends the text instead.
  let page = null;

  function request(text) {
    const body = {
      ...(page && page.preview === text ? { html: page.source } : { text }),
      algorithm: $("algorithm").value || undefined,
      language: $("language").value || undefined,
      keywords: Number($("keywords").value || 0),
      offset_unit: "utf16",
      ranking: "all",
    };
    const title = $("title").value.trim();
    if (title) body.title = title;
    const boundInput = $("bound-value");
    if (boundInput.validity.badInput) throw new Problem(0, "The limit is not a number.");
    if (boundInput.value !== "") body[$("bound-kind").value] = Number(boundInput.value);
    return body;
  }

  async function summarize(event) {
    event.preventDefault();
    clearError();
    const text = $("text").value; // exactly what is sent: the offsets index this string
    let body;
    try {
      body = request(text);
    } catch (problem) {
      showError(problem);
      return;
    }
    button.disabled = true;
    results.setAttribute("aria-busy", "true");
    status.textContent = "Summarizing…";
    try {
      const result = await call("v1/summarize", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      // The offsets index the text the service summarized: for a page, the article it extracted.
      const summarized = typeof result.extracted_text === "string" ? result.extracted_text : text;
      if (summarized !== text) {
        $("text").value = summarized;
        page = null;
      }
      render(result, summarized);
      const n = result.sentences.length;
      status.textContent =
        "Summary ready: " + n + " sentence" + (n === 1 ? "" : "s") + " of " + result.stats.input.sentences + ", by " + result.algorithm + "." +
        (result.warnings.length ? " " + result.warnings.length + " warning" + (result.warnings.length === 1 ? "." : "s.") : "");
    } catch (problem) {
      status.textContent = "No summary.";
      if (problem.status === 401) askForKey(problem.message);
      showError(problem);
    } finally {
      button.disabled = false;
      results.removeAttribute("aria-busy");
    }
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  // Where each keyword occurs in the text, as UTF-16 ranges: a whole-word, case-blind match of its
  // surface form, any white space between the words of a phrase.
  function occurrences(text, keywords) {
    const found = [];
    keywords.forEach((keyword, k) => {
      const words = keyword.text.trim().split(/\s+/).map(escapeRegExp).join("\\s+");
      if (!words) return;
      const pattern = new RegExp("(?<![\\p{L}\\p{N}\\p{M}_])" + words + "(?![\\p{L}\\p{N}\\p{M}_])", "giu");
      for (const match of text.matchAll(pattern)) found.push({ start: match.index, end: match.index + match[0].length, k });
    });
    return found;
  }

  function sentenceElement(entry, chosen) {
    const element = document.createElement(chosen ? "mark" : "span");
    element.className = chosen ? "sentence chosen" : "sentence";
    element.dataset.index = entry.index;
    element.dataset.score = entry.score;
    if (entry.rank !== null && entry.rank !== undefined) element.dataset.rank = entry.rank;
    element.style.setProperty("--score", String(entry.score));
    const rank = entry.rank === null || entry.rank === undefined ? "not rankable (a repeat or the title)" : "rank " + entry.rank;
    element.title = "Sentence " + (entry.index + 1) + ", " + rank + ", score " + entry.score.toFixed(3) + (chosen ? ", in the summary" : "");
    return element;
  }

  // The article as it was sent, cut at every sentence and keyword boundary: each sentence one
  // element (a mark if chosen), each keyword occurrence a span inside it naming its keywords.
  function renderArticle(text, ranked, chosen, keywords) {
    const spans = ranked.slice().sort((a, b) => a.offset - b.offset);
    const found = occurrences(text, keywords);
    const cuts = new Set([0, text.length]);
    for (const s of spans) {
      cuts.add(s.offset);
      cuts.add(s.offset + s.length);
    }
    const starts = new Map();
    const ends = new Map();
    for (const o of found) {
      cuts.add(o.start);
      cuts.add(o.end);
      (starts.get(o.start) || starts.set(o.start, []).get(o.start)).push(o.k);
      (ends.get(o.end) || ends.set(o.end, []).get(o.end)).push(o.k);
    }
    const points = Array.from(cuts).filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
    const active = new Map();
    const fragment = document.createDocumentFragment();
    let next = 0; // the next sentence, in position order
    let current = null; // the element of the sentence being filled, with its end
    for (let i = 0; i + 1 < points.length; i++) {
      const from = points[i];
      const to = points[i + 1];
      for (const k of ends.get(from) || []) active.set(k, active.get(k) - 1);
      for (const k of starts.get(from) || []) active.set(k, (active.get(k) || 0) + 1);
      if (current && from >= current.end) current = null;
      if (!current && next < spans.length && spans[next].offset === from) {
        const entry = spans[next++];
        current = { element: sentenceElement(entry, chosen.has(entry.index)), end: entry.offset + entry.length };
        fragment.append(current.element);
      }
      const piece = text.slice(from, to);
      const marked = Array.from(active).filter(([, n]) => n > 0).map(([k]) => k);
      let node;
      if (marked.length) {
        node = document.createElement("span");
        node.className = "kw";
        node.dataset.kw = marked.join(" ");
        node.textContent = piece;
      } else {
        node = document.createTextNode(piece);
      }
      (current ? current.element : fragment).append(node);
    }
    article.replaceChildren(fragment);
  }

  function markKeyword(k, on) {
    for (const element of article.querySelectorAll('.kw[data-kw~="' + k + '"]')) {
      const keep = Array.from(pinned).some((p) => p !== k && element.dataset.kw.split(" ").includes(String(p)));
      element.classList.toggle("hit", on || keep);
    }
  }

  function renderKeywords(keywords) {
    pinned = new Set();
    const list = $("keyword-list");
    list.replaceChildren(
      ...keywords.map((keyword, k) => {
        const item = document.createElement("li");
        const chip = document.createElement("button");
        chip.type = "button";
        chip.className = "chip";
        chip.setAttribute("aria-pressed", "false");
        chip.textContent = keyword.text;
        const count = document.createElement("span");
        count.className = "count";
        count.textContent = "×" + keyword.count;
        count.setAttribute("aria-label", keyword.count + " times, score " + keyword.score.toFixed(2));
        chip.append(count);
        const show = () => markKeyword(k, true);
        const hide = () => markKeyword(k, pinned.has(k));
        chip.addEventListener("mouseenter", show);
        chip.addEventListener("focus", show);
        chip.addEventListener("mouseleave", hide);
        chip.addEventListener("blur", hide);
        chip.addEventListener("click", () => {
          if (pinned.has(k)) pinned.delete(k);
          else pinned.add(k);
          chip.setAttribute("aria-pressed", String(pinned.has(k)));
          // Released: still marked while the pointer or the focus is on the chip, as any chip is.
          markKeyword(k, pinned.has(k) || chip.matches(":hover, :focus"));
        });
        item.append(chip);
        return item;
      })
    );
    if (!keywords.length) {
      const none = document.createElement("li");
      none.textContent = "None.";
      list.append(none);
    }
  }

  function renderStats(result) {
    const stats = result.stats;
    const rows = [
      ["Algorithm", result.algorithm],
      ["Language", result.language],
      ["Article", stats.input.sentences + " sentences, " + stats.input.words + " words, " + stats.input.characters + " characters"],
      ["Summary", stats.summary.sentences + " sentences, " + stats.summary.words + " words, " + stats.summary.characters + " characters"],
      ["Compression", (stats.compression * 100).toFixed(1) + "% of the words"],
    ];
    $("stats").replaceChildren(
      ...rows.flatMap(([term, value]) => {
        const dt = document.createElement("dt");
        dt.textContent = term;
        const dd = document.createElement("dd");
        dd.textContent = value;
        return [dt, dd];
      })
    );
  }

  function render(result, text) {
    $("summary").textContent = result.summary || "(empty)";
    const warnings = $("warnings");
    warnings.replaceChildren(
      ...result.warnings.map((w) => {
        const item = document.createElement("li");
        item.textContent = w;
        return item;
      })
    );
    $("warnings-section").hidden = result.warnings.length === 0;
    renderKeywords(result.keywords);
    const chosen = new Set(result.sentences.map((s) => s.index));
    renderArticle(text, result.ranking || result.sentences, chosen, result.keywords);
    renderStats(result);
    results.hidden = false;
  }

  // An HTML file's visible text, shown as a preview until the service extracts the article: scripts and styles dropped, a blank line after every block (a line
  // break after a <br>) so that paragraphs stay apart, runs of blank lines and spaces folded.
  // DOMParser's document runs no script and loads nothing: no image, style sheet or frame.
  function htmlText(source) {
    // Style elements and every attribute go before parsing: they hold no text, and the page's CSP
    // (no inline style, no inline handler) would report each one as a violation while parsing.
    const bare = source.replace(STYLE_ELEMENTS, "").replace(START_TAGS, "<$1>");
    const doc = new DOMParser().parseFromString(bare, "text/html");
    doc.querySelectorAll("script, style, noscript, template, head").forEach((e) => e.remove());
    doc.querySelectorAll(BLOCKS).forEach((e) => e.after(doc.createTextNode(e.localName === "br" ? "\n" : "\n\n")));
    const text = (doc.body ? doc.body.textContent : "")
      .split("\n")
      .map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim())
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim();
    return { text };
  }

  async function openFile() {
    const file = $("file").files[0];
    if (!file) return;
    clearError();
    try {
      const source = await file.text();
      if (/\.html?$/i.test(file.name) || file.type === "text/html") {
        const { text } = htmlText(source);
        $("text").value = text;
        page = { source, preview: text };
        status.textContent = "Read " + file.name + ": the service extracts its article (headline and body) when you summarize.";
      } else {
        $("text").value = source;
        page = null;
        status.textContent = "Read " + file.name + ": " + $("text").value.length + " characters.";
      }
    } catch (e) {
      showError(new Problem(0, "Could not read " + file.name + ": " + e.message));
    }
  }

  $("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const key = keyInput.value.trim();
    if (!key) {
      keyMessage.textContent = "Enter a key first.";
      return;
    }
    storeKey(key);
    keyInput.value = "";
    keyMessage.textContent = "";
    clearError();
    loadCatalogue();
  });
  $("key-forget").addEventListener("click", () => {
    storeKey(null);
    keyMessage.textContent = "The key is forgotten.";
  });
  $("bound-kind").addEventListener("change", showBound);
  $("bound-value").addEventListener("input", (event) => {
    boundValues[$("bound-kind").value] = event.target.value;
  });
  $("algorithm").addEventListener("change", describeAlgorithm);
  $("file").addEventListener("change", openFile);
  form.addEventListener("submit", summarize);
  loadCatalogue();
})();
