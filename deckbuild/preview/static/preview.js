// deckbuild preview: the slides the server draws, kept up to date by server-sent events.
// No framework: one state object, one element per slide, replaced only when its key changes.
"use strict";
(function () {
  const main = document.getElementById("slides");
  const banner = document.getElementById("banner");
  const statusLine = document.getElementById("status");
  const deckWarnings = document.getElementById("deck-warnings");
  const fontRules = document.getElementById("fonts");
  let current = 1;
  let count = 0;

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function fill(article, view) {
    article.replaceChildren();
    article.dataset.key = view.key;
    article.dataset.number = view.number;
    article.setAttribute("aria-label", "Slide " + view.number + (view.title ? ": " + view.title : ""));
    const picture = element("div", "picture");
    picture.innerHTML = view.svg;  // drawn by deckbuild, its text escaped there
    if (view.warnings.length) {
      picture.appendChild(element("span", "badge", "\u26a0 " + view.warnings.length));
    }
    picture.addEventListener("click", () => show(view.number, true));
    const meta = element("div", "meta");
    meta.appendChild(element("span", "number", String(view.number)));
    const source = element("button", "source", view.source);
    source.type = "button";
    source.title = "Copy " + view.source;
    source.addEventListener("click", () => copy(view.source, source));
    meta.appendChild(source);
    article.append(picture, meta);
    if (view.warnings.length) {
      const list = element("ul", "warnings");
      view.warnings.forEach((text) => list.appendChild(element("li", "", text)));
      article.appendChild(list);
    }
    if (view.notes.length) {
      const notes = element("div", "notes");
      view.notes.forEach((text) => notes.appendChild(element("p", "", text)));
      article.appendChild(notes);
    }
  }

  function apply(state) {
    fontRules.textContent = Object.entries(state.fonts)
      .map(([family, url]) => '@font-face{font-family:"' + family + '";src:url("' + url + '")}')
      .join("\n");
    document.getElementById("deck-title").textContent = state.title || "deckbuild preview";
    document.title = (state.title || "deck") + " \u2013 deckbuild preview";
    if (state.error) {
      banner.textContent = state.error.text;
      banner.hidden = false;
    } else {
      banner.hidden = true;
    }
    deckWarnings.replaceChildren();
    state.warnings.forEach((text) => deckWarnings.appendChild(element("li", "", text)));
    deckWarnings.hidden = state.warnings.length === 0;
    const fresh = new Map(state.slides.map((view) => [view.number, view]));
    for (let number = 1; number <= state.count; number++) {
      let article = document.getElementById("slide-" + number);
      const view = fresh.get(number);
      if (!article) {
        article = element("article", "slide");
        article.id = "slide-" + number;
        article.dataset.number = number;
        article.tabIndex = -1;
        main.appendChild(article);
      }
      if (view && article.dataset.key !== view.key) fill(article, view);
    }
    Array.from(main.children).forEach((article) => {
      if (Number(article.id.slice("slide-".length)) > state.count) article.remove();
    });
    count = state.count;
    document.body.dataset.version = state.version;
    document.body.dataset.slides = count;
    document.body.dataset.drawn = main.querySelectorAll("article[data-key]").length;
    if (state.version > 0) {
      const when = new Date().toLocaleTimeString();
      statusLine.textContent = count + " slides \u00b7 " + (state.error ? "last good slides" : "updated " + when);
    }
    show(Math.min(Math.max(current, 1), Math.max(count, 1)), null);
  }

  function show(number, single) {
    current = number;
    if (single !== null) {
      document.body.classList.toggle("single", single);
      document.body.classList.toggle("sorter", !single);
      document.getElementById("view-single").setAttribute("aria-pressed", String(single));
      document.getElementById("view-sorter").setAttribute("aria-pressed", String(!single));
    }
    Array.from(main.children).forEach((article) => {
      article.classList.toggle("current", Number(article.dataset.number) === number);
    });
    const article = document.getElementById("slide-" + number);
    if (article && single !== null) {
      if (single) window.scrollTo(0, 0);
      else article.scrollIntoView({ block: "nearest" });
      article.focus({ preventScroll: true });
    }
  }

  function copy(text, button) {
    const done = () => {
      button.classList.add("copied");
      setTimeout(() => button.classList.remove("copied"), 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, () => fallbackCopy(text, done));
    } else {
      fallbackCopy(text, done);
    }
  }

  function fallbackCopy(text, done) {
    const area = element("textarea");
    area.value = text;
    document.body.appendChild(area);
    area.select();
    try { if (document.execCommand("copy")) done(); } finally { area.remove(); }
  }

  function download(event) {
    event.preventDefault();
    const link = event.currentTarget;
    const label = link.textContent;
    statusLine.textContent = "Building " + label.replace("Download ", "") + "\u2026";
    fetch(link.href).then((response) => {
      if (!response.ok) return response.text().then((text) => { throw new Error(text); });
      const disposition = response.headers.get("Content-Disposition") || "";
      const name = (disposition.match(/filename="([^"]+)"/) || [])[1] || "deck";
      return response.blob().then((blob) => {
        const url = URL.createObjectURL(blob);
        const save = element("a");
        save.href = url;
        save.download = name;
        document.body.appendChild(save);
        save.click();
        save.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
        statusLine.textContent = name + " built";
      });
    }).catch((error) => {
      banner.textContent = error.message;
      banner.hidden = false;
      statusLine.textContent = "The build failed";
    });
  }

  document.addEventListener("keydown", (event) => {
    if (event.target.closest && event.target.closest("input, textarea")) return;
    const single = document.body.classList.contains("single");
    const moves = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 };
    if (event.key in moves && count) {
      event.preventDefault();
      show(Math.min(Math.max(current + moves[event.key], 1), count), single);
    } else if (event.key === "Home" && count) {
      event.preventDefault();
      show(1, single);
    } else if (event.key === "End" && count) {
      event.preventDefault();
      show(count, single);
    } else if (event.key === "Enter" && !single && count && !event.target.closest("button, a")) {
      show(current, true);
    } else if (event.key === "Escape" && single) {
      show(current, false);
    }
  });
  document.getElementById("view-sorter").addEventListener("click", () => show(current, false));
  document.getElementById("view-single").addEventListener("click", () => show(current, true));
  document.querySelectorAll(".download").forEach((link) => link.addEventListener("click", download));

  const events = new EventSource("/events");
  events.addEventListener("state", (event) => apply(JSON.parse(event.data)));
  events.addEventListener("change", (event) => apply(JSON.parse(event.data)));
  events.addEventListener("error", () => {
    statusLine.textContent = "The preview stopped; trying again\u2026";
  });
})();
