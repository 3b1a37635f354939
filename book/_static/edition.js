// A copy button's click: the text goes on the clipboard and the button says "copied" for two seconds;
// where the browser refuses the clipboard, a prompt shows the text to copy by hand. Shared by "copy
// link" (below) and the chapters' "copy text" (reading.js, which calls it only on a click, so the order
// in which the two deferred scripts run does not matter).
window.editionCopy = async (button, label, text, promptLabel) => {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "copied";
  } catch (error) {
    window.prompt(promptLabel, text);
  }
  setTimeout(() => { button.textContent = label; }, 2000);
};

// Scripts loaded later (azedition.speed): the page names them in placeholders that the browser neither
// fetches nor runs, <script type="text/x-edition-later" data-load="GROUP" src=...>, so that the first
// paint waits for none of them. editionLater(GROUP) loads a group once (fetched together, run in the
// page's order) and resolves when all have run:
// - "after-paint", once the page has loaded and been drawn: the theme's bootstrap.js and
//   pydata-sphinx-theme.js (menus, search dialog, dark-mode button, tooltips), the code cells' copy buttons;
// - "on-preview", when the reader first points at or focuses a link: popper, tippy and this page's hover
//   previews, whose tip then opens on the link the reader is on.
// editionLater.ran holds the groups whose scripts have all run.
window.editionLater = (() => {
  const groups = new Map();
  const later = (group) => {
    if (!groups.has(group)) {
      const placeholders = document.querySelectorAll(`script[type="text/x-edition-later"][data-load="${group}"]`);
      groups.set(group, Promise.all([...placeholders].map((placeholder) => new Promise((resolve) => {
        const script = document.createElement("script");
        script.src = placeholder.src;
        script.async = false; // run in the order of the placeholders, as deferred scripts would
        script.onload = script.onerror = resolve;
        document.body.append(script);
      }))).then(() => { later.ran.add(group); }));
    }
    return groups.get(group);
  };
  later.ran = new Set();
  return later;
})();
// "Drawn" is the browser's own record of the first contentful paint: its time is when the frame was shown,
// a little after the frame's callbacks ran, so a script started from requestAnimationFrame could still
// begin before it. A page that reports no paint (a browser without paint timing) waits two seconds.
window.addEventListener("load", () => {
  let started = false;
  const start = () => { if (!started) { started = true; window.editionLater("after-paint"); } };
  try {
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName("first-contentful-paint").length) { observer.disconnect(); setTimeout(start); }
    }).observe({ type: "paint", buffered: true });
  } catch (error) { /* no paint timing here: the timer below starts them */ }
  setTimeout(start, 2000);
});
// A reader quicker than the deferred scripts: a click on a control that the theme's scripts handle (the
// colour mode, search, the download menu), or the search shortcut (Ctrl+K, ⌘K), made before they have run
// is held, then given again once they have, so that none is lost.
(() => {
  const themeControls = ".theme-switch-button, .search-button__button, [data-bs-toggle='dropdown']";
  const themeReady = () => window.editionLater.ran.has("after-paint");
  document.addEventListener("click", (event) => {
    const control = event.target.closest?.(themeControls);
    if (themeReady() || !control) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    window.editionLater("after-paint").then(() => control.click());
  }, true);
  document.addEventListener("keydown", (event) => {
    if (themeReady() || !(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== "k") return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const { key, code, ctrlKey, metaKey } = event;
    window.editionLater("after-paint").then(() => document.dispatchEvent(
      new KeyboardEvent("keydown", { key, code, ctrlKey, metaKey, bubbles: true })));
  }, true);
})();
(() => {
  // sphinx-tippy's previews set window.onload to make the tips: the browser calls it when they have come
  // before the page's load event, this script when they come after it.
  let onloadAtLoad = null;
  let loaded = false;
  window.addEventListener("load", () => { loaded = true; onloadAtLoad = window.onload; });
  const start = (event) => {
    const link = event.target.closest?.("a[href]");
    if (!link) return;
    document.removeEventListener("pointerover", start, true);
    document.removeEventListener("focusin", start, true);
    window.editionLater("on-preview").then(() => {
      if (loaded && window.onload && window.onload !== onloadAtLoad) window.onload();
      if (link._tippy && (link.matches(":hover") || link === document.activeElement)) link._tippy.show();
    });
  };
  document.addEventListener("pointerover", start, true);
  document.addEventListener("focusin", start, true);
})();

// "Copy link" beside each witness paragraph's number: puts the paragraph's permanent address on the
// clipboard, so a reader can cite ¶N without building the URL by hand.
document.addEventListener("DOMContentLoaded", () => {
  for (const paragraph of document.querySelectorAll(".witness-paragraph[id], .witness-infobox[id]")) {
    const url = new URL("#" + paragraph.id, window.location.href).href;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "cite-paragraph";
    button.textContent = "copy link";
    button.dataset.permalink = url;
    button.setAttribute("aria-label", "Copy link to " + (paragraph.id === "infobox" ? "the infobox" : "paragraph " + paragraph.id.slice(1)));
    button.addEventListener("click", () => window.editionCopy(button, "copy link", url, "Copy this link:"));
    const number = paragraph.querySelector("a.pnum");
    (number ? number.parentNode : paragraph).insertBefore(button, number ? number.nextSibling : paragraph.firstChild);
  }
});

// The sidebar buttons (☰ for the book's contents, the list icon for this page's contents). The theme
// (pydata-sphinx-theme, sphinx-book-theme) binds its handlers to the FIRST .primary-toggle and
// .secondary-toggle of the page, which are the hidden buttons of its own header, not the ones a reader
// sees in the article's header: those did nothing. Each visible button passes its click on to the
// theme's button, so the theme's own behaviour runs (a drawer dialog on a narrow screen; on a wide one,
// the contents column shown or hidden), and states through aria-expanded whether its panel is open.
document.addEventListener("DOMContentLoaded", () => {
  const panels = [
    { toggles: ".primary-toggle", sidebar: "pst-primary-sidebar", drawer: "pst-primary-sidebar-modal" },
    { toggles: ".secondary-toggle", sidebar: "pst-secondary-sidebar", drawer: "pst-secondary-sidebar-modal" },
  ];
  // A column in the page's flow; on a narrow screen the theme parks the sidebar off screen, fixed.
  const inColumn = (element) => {
    const style = getComputedStyle(element);
    return element.classList.contains("bd-sidebar") || element.classList.contains("bd-toc")
      ? style.display !== "none" && style.position !== "fixed" : false;
  };
  for (const panel of panels) {
    const [themeToggle, ...readerToggles] = document.querySelectorAll(panel.toggles);
    const sidebar = document.getElementById(panel.sidebar);
    const drawer = document.getElementById(panel.drawer);
    if (!themeToggle || !sidebar || !drawer || !readerToggles.length) continue;
    // open: the drawer is shown, or the column stands in the page (the theme hides it by a class)
    const isOpen = () => drawer.open || (!sidebar.classList.contains("pst-sidebar-hidden") && inColumn(sidebar));
    const report = () => {
      for (const toggle of readerToggles) toggle.setAttribute("aria-expanded", String(isOpen()));
    };
    for (const toggle of readerToggles) {
      toggle.setAttribute("aria-controls", panel.sidebar);
      toggle.addEventListener("click", async (event) => {
        event.preventDefault();
        event.stopPropagation();
        toggle.focus(); // the theme gives focus back, when its drawer closes, to what had it on opening
        await window.editionLater("after-paint"); // the theme's handlers, if the reader is very quick
        themeToggle.click();
        // the drawer focuses its first link, whose hover preview would then open beneath the drawer
        if (drawer.open && window.tippy) window.tippy.hideAll({ duration: 0 });
        report();
      });
    }
    // A link to this page followed from the drawer: the drawer closes first (its closing gives focus
    // back to the button), then the page goes to the section, which the drawer no longer covers.
    drawer.addEventListener("click", (event) => {
      const link = event.target.closest("a[href]");
      if (!drawer.open || !link || !link.hash || link.pathname !== window.location.pathname) return;
      event.preventDefault();
      drawer.addEventListener("close", () => setTimeout(() => {
        if (document.activeElement) document.activeElement.blur(); // no tooltip left on the button
        if (window.location.hash === link.hash) document.getElementById(decodeURIComponent(link.hash.slice(1)))?.scrollIntoView();
        else window.location.hash = link.hash;
      }), { once: true });
      drawer.close();
    });
    // the drawer's open attribute and the column's classes are the state: report each change of them
    const watcher = new MutationObserver(report);
    watcher.observe(drawer, { attributes: true, attributeFilter: ["open"] });
    watcher.observe(sidebar, { attributes: true, attributeFilter: ["class"] });
    window.addEventListener("resize", report);
    report();
  }
});

// Side notes beside their marks. The theme floats each note of the commentary into the right margin
// before the witness paragraph that holds its mark, so a paragraph's notes stack from its top, and the
// notes of a long paragraph ended far from their marks (chapter 6's note 13 some 3,500 px below it).
// On a wide screen each note now shows its first lines only (CSS: .edition-notes-placed), and is moved
// down (a top margin on the float) to start on its mark's line, unless the note before it still fills
// that place: then it follows right under it. Clicking the mark or the note opens the whole note where
// it stands, over the notes below it, which do not move; a second click, or Escape, closes it.
// The marks become buttons a keyboard reaches: the theme's are labels of a hidden checkbox, and a label
// may take no role (axe: aria-allowed-role), so each is replaced by a <button class="margin-toggle">
// with the same number; on a narrow screen it ticks the checkbox as the label did. Without JavaScript
// the theme's labels stay, and work.
document.addEventListener("DOMContentLoaded", () => {
  const article = document.querySelector("article.bd-article");
  if (!article) return;
  const notes = [...article.querySelectorAll("span.sidenote:not(.d-n), span.marginnote:not(.d-n)")];
  const numberOf = (element) => element.querySelector("sup")?.textContent.trim();
  const asButton = (label) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    button.dataset.for = label.htmlFor;
    button.setAttribute("aria-label", `Note ${numberOf(label)}`);
    button.append(...label.childNodes);
    label.replaceWith(button);
    return button;
  };
  const labels = new Map([...article.querySelectorAll("label.margin-toggle")].map((label) => [numberOf(label), label]));
  const pairs = notes.filter((note) => labels.has(numberOf(note)))
    .map((note) => [note, asButton(labels.get(numberOf(note)))]);
  if (!pairs.length) return;
  article.classList.add("edition-notes-placed");
  // the theme's breakpoint: its margin holds the notes above 992 px; below, a mark opens its note inline
  const wideScreen = window.matchMedia("(width > 992px)");
  const inMargin = () => wideScreen.matches;
  let placing = false;
  // Where the marks crowd (chapter 6's ¶10 has eight), fewer first lines are shown, so that no note
  // starts more than about a sixth of a laptop's screen below its mark.
  const FARTHEST = 140;
  const place = () => {
    placing = false;
    for (const lines of [3, 2, 1]) {
      article.style.setProperty("--edition-note-lines", lines);
      for (const [note] of pairs) note.style.marginTop = "";
      if (!inMargin()) return;
      let farthest = 0;
      for (const [note, mark] of pairs) {
        const below = mark.getBoundingClientRect().top - note.getBoundingClientRect().top;
        if (below > 1) note.style.marginTop = `${below}px`;
        farthest = Math.max(farthest, note.getBoundingClientRect().top - mark.getBoundingClientRect().top);
      }
      if (farthest <= FARTHEST) return;
    }
  };
  // The browser scrolls to a page's #target before the notes are placed (the scripts are deferred);
  // a target inside a note that placing then moved is brought back into view while the page settles.
  let settling = true;
  setTimeout(() => { settling = false; }, 3000);
  const placeKeepingTarget = () => {
    place();
    const target = settling && window.location.hash
      && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (!target || !article.contains(target)) return;
    const box = target.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) target.scrollIntoView({ block: "nearest" });
  };
  const placeSoon = () => {
    if (!placing) { placing = true; requestAnimationFrame(placeKeepingTarget); }
  };
  const isOpen = (note, mark) => inMargin()
    ? note.classList.contains("edition-note-open")
    : Boolean(document.getElementById(mark.dataset.for)?.checked);
  const report = (note, mark) => mark.setAttribute("aria-expanded", String(isOpen(note, mark)));
  const setOpen = (note, mark, open) => {
    note.classList.toggle("edition-note-open", open);
    // the opened note lies over the notes below it: its extra height takes no room from them
    note.style.marginBottom = "";
    if (open) {
      const closedHeight = note.dataset.closedHeight;
      note.style.marginBottom = `${closedHeight - note.getBoundingClientRect().height}px`;
      const box = note.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) note.scrollIntoView({ block: "nearest" });
    }
    report(note, mark);
  };
  for (const [note, mark] of pairs) {
    const checkbox = document.getElementById(mark.dataset.for);
    mark.addEventListener("click", () => {
      if (!inMargin()) { // narrow: the theme's checkbox opens the note inline, as its label did
        if (checkbox) { checkbox.checked = !checkbox.checked; report(note, mark); }
        return;
      }
      if (!note.classList.contains("edition-note-open")) note.dataset.closedHeight = note.getBoundingClientRect().height;
      setOpen(note, mark, !note.classList.contains("edition-note-open"));
    });
    note.addEventListener("click", (event) => {
      if (!inMargin() || event.target.closest("a")) return;
      if (!note.classList.contains("edition-note-open")) note.dataset.closedHeight = note.getBoundingClientRect().height;
      setOpen(note, mark, !note.classList.contains("edition-note-open"));
    });
    note.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && note.classList.contains("edition-note-open")) { setOpen(note, mark, false); mark.focus(); }
    });
    mark.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && note.classList.contains("edition-note-open")) setOpen(note, mark, false);
    });
    if (checkbox) checkbox.addEventListener("change", () => report(note, mark));
    report(note, mark);
  }
  placeKeepingTarget();
  window.addEventListener("load", placeSoon);
  window.addEventListener("resize", placeSoon);
  document.fonts?.ready.then(placeSoon);
  for (const image of article.querySelectorAll("img")) image.addEventListener("load", placeSoon);
});

// Each chart opens full size: on a phone a chart is drawn some 360 px wide and its labels are small,
// so a link under each chart opens its image (the PNG, drawn at print resolution) on its own.
document.addEventListener("DOMContentLoaded", () => {
  for (const image of document.querySelectorAll("article figure img, article .cell_output img")) {
    if (image.closest("a")) continue;
    const link = document.createElement("a");
    link.href = image.getAttribute("src");
    link.className = "edition-full-size";
    link.textContent = "Open the chart full size";
    (image.closest("figure")?.querySelector("figcaption") || image).before(link);
  }
});

// Two marks close together ("°⁶", "cabinet°.⁷"): the first one's tap area (edition.css) would reach
// over the second, so the second moves right until it starts 24 px after the first: a small space
// between two editorial signs, while the witness's punctuation stays glued to the word and its °.
document.addEventListener("DOMContentLoaded", () => {
  const marks = ".margin-toggle:not(input), a:has(> .app-note)";
  const passedOver = (node) => (node.nodeType === Node.TEXT_NODE && node.textContent.trim().length <= 2)
    || (node.nodeType === Node.ELEMENT_NODE && node.matches("input.margin-toggle, span.sidenote.d-n, span.marginnote.d-n"));
  const pairs = [];
  for (const mark of document.querySelectorAll(`article :is(${marks}, a:has(> .supplied))`)) {
    let previous = mark.previousSibling;
    while (previous && passedOver(previous)) previous = previous.previousSibling;
    if (previous && previous.nodeType === Node.ELEMENT_NODE && previous.matches(marks)) pairs.push([previous, mark]);
  }
  const space = () => {
    for (const [, mark] of pairs) mark.style.marginLeft = "";
    for (const [previous, mark] of pairs) {
      const [before, after] = [previous.getBoundingClientRect(), mark.getBoundingClientRect()];
      if (Math.abs(before.top - after.top) > 4) continue; // not on one line
      const short = 24 - (after.left - before.left);
      if (short > 0) mark.style.marginLeft = `${short}px`;
    }
  };
  if (!pairs.length) return;
  space();
  document.fonts?.ready.then(space);
  window.addEventListener("resize", () => requestAnimationFrame(space));
});

// The registers' A–Z list is written into the page at build time (azedition.register_index).

// A citation leads to its work in the bibliography: the work is marked (edition.css, :target) and gets
// a link back to the citation the reader came from (kept for this tab in sessionStorage).
document.addEventListener("click", (event) => {
  const link = event.target.closest?.("a[href*='#']");
  const citation = link?.closest(".bibtex-citation[id], [id]");
  if (!link || !citation || !/bibliography\.html#/.test(link.getAttribute("href"))) return;
  sessionStorage.setItem("edition-cited-from", JSON.stringify({
    target: new URL(link.href).hash, back: `${window.location.pathname}#${citation.id}`,
  }));
});
const showWayBack = () => {
  const stored = JSON.parse(sessionStorage.getItem("edition-cited-from") || "null");
  document.querySelectorAll("a.edition-back").forEach((old) => old.remove());
  if (!stored || stored.target !== window.location.hash || !window.location.hash) return;
  const entry = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
  if (!entry) return;
  const back = document.createElement("a");
  back.className = "edition-back";
  back.href = stored.back;
  back.textContent = "↩ back to the citation";
  (entry.querySelector("p") || entry).append(back);
};
document.addEventListener("DOMContentLoaded", showWayBack);
window.addEventListener("hashchange", showWayBack);

// A notebook table wider than its box scrolls inside it: the box is then a named region a keyboard
// can focus and scroll with the arrow keys.
const markScrollingOutputs = () => {
  for (const box of document.querySelectorAll("article .cell_output .output.text_html")) {
    if (!box.querySelector("table")) continue;
    if (box.scrollWidth > box.clientWidth + 1) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Table, scrolls sideways");
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }
};
document.addEventListener("DOMContentLoaded", markScrollingOutputs);
window.addEventListener("resize", () => requestAnimationFrame(markScrollingOutputs));
