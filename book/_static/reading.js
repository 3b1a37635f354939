// Reading views and quoting, on every chapter (azedition.views puts the switch in the page).
//
// Two views of the witness: the diplomatic view (the witness as it stands, with the editors' signs:
// the default, and all a reader without JavaScript sees) and the reading text (emendations applied,
// supplied words set plainly, ° signs and paragraph tools hidden). The choice is kept in
// localStorage, and an inline script in the page's head applies it before the page is drawn, so a
// reader who chose the reading text keeps it from page to page without a flash of the other view.
//
// Quoting: whatever the view, a copied selection of the witness and the "copy text" button give the
// words of that view only: never the side notes, the ¶ number or the buttons, which stand inside
// the paragraph in the page's source order.
(() => {
  "use strict";
  const STORAGE_KEY = "azedition-view";
  const READING = "reading";
  const DIPLOMATIC = "diplomatic";
  const UNITS = ".witness-paragraph, .witness-infobox";
  // What a quotation leaves out, in each view. The reading view keeps the corrections and the
  // supplied words (set plainly) but leaves out the words they replace and every sign.
  const NOT_QUOTED = "label.margin-toggle, input.margin-toggle, .sidenote, .marginnote, button, .headerlink";
  const LEFT_OUT = {
    [DIPLOMATIC]: NOT_QUOTED + ", .editorial",
    [READING]: NOT_QUOTED + ", .pnum, .sic, .app-note, .reading-sign",
  };

  const root = document.documentElement;
  const currentView = () => (root.dataset.editionView === READING ? READING : DIPLOMATIC);

  function storedView() {
    try { return localStorage.getItem(STORAGE_KEY) === READING ? READING : DIPLOMATIC; }
    catch (error) { return DIPLOMATIC; }  // storage refused (private mode): the view is not kept
  }

  function setView(view) {
    root.dataset.editionView = view;
    try { localStorage.setItem(STORAGE_KEY, view); } catch (error) { /* not kept across pages */ }
    for (const button of document.querySelectorAll("button.edition-view-button")) {
      button.setAttribute("aria-pressed", String(view === READING));
    }
  }

  // The signs of the diplomatic view that the reading text drops, each put in its own span:
  // " [recte: " and "]" around a correction, "⟨" and "⟩" around supplied words.
  function markSigns() {
    const wrap = (element, pattern) => {
      const text = element.textContent;
      const match = text.match(pattern);
      if (!match || element.querySelector(".reading-sign")) return;
      const [, before, words, after] = match;
      const sign = (value) => {
        const span = document.createElement("span");
        span.className = "reading-sign";
        span.textContent = value;
        return span;
      };
      element.replaceChildren(sign(before), document.createTextNode(words), sign(after));
    };
    for (const correction of document.querySelectorAll(".emendation .corr")) {
      wrap(correction, /^(\s*\[recte:\s*)([\s\S]*?)(\])$/);
    }
    for (const supplied of document.querySelectorAll(".supplied")) {
      wrap(supplied, /^(⟨)([\s\S]*?)(⟩)$/);
    }
  }

  // The text of a fragment or element as the view reads it: blocks on their own lines, every run of
  // white space (the HTML source's line breaks included) one space.
  function quotedText(node, view) {
    const copy = node.cloneNode(true);
    const holder = document.createElement("div");
    holder.append(copy);
    for (const element of holder.querySelectorAll(LEFT_OUT[view])) element.remove();
    const lines = [];
    const blocks = holder.querySelectorAll("p, tr");
    if (blocks.length === 0) return holder.textContent.replace(/\s+/g, " ").trim();
    for (const block of blocks) {
      if (block.closest("tr") && block.tagName === "P") continue;  // a row is read as one line
      const cells = block.tagName === "TR"
        ? [...block.children].map((cell) => cell.textContent.replace(/\s+/g, " ").trim()).join(": ")
        : block.textContent.replace(/\s+/g, " ").trim();
      if (cells) lines.push(cells);
    }
    return lines.join(holder.querySelector("tr") ? "\n" : "\n\n");
  }

  function onCopy(event) {
    const selection = document.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
    const range = selection.getRangeAt(0);
    const start = range.startContainer.parentElement || range.startContainer;
    const end = range.endContainer.parentElement || range.endContainer;
    if (!(start.closest && start.closest(UNITS)) && !(end.closest && end.closest(UNITS))) return;
    const text = quotedText(range.cloneContents(), currentView());
    if (!text || !event.clipboardData) return;
    event.clipboardData.setData("text/plain", text);
    event.preventDefault();
  }

  function addCopyTextButton(unit) {
    const label = unit.id === "infobox" ? "the infobox" : "paragraph " + unit.id.slice(1);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy-text";
    button.textContent = "copy text";
    button.setAttribute("aria-label", "Copy text of " + label);
    // the copying itself: edition.js's editionCopy, shared with "copy link"
    button.addEventListener("click", () => {
      window.editionCopy(button, "copy text", quotedText(unit, currentView()), "Copy this text:");
    });
    const tools = unit.querySelector(".paragraph-tools") || unit;
    tools.append(button);
    // "copy link" (edition.js) goes first in the same place, whether it is there already or comes later:
    // a mutation observer moves it before the page is drawn again, so the text never moves.
    const gather = () => {
      const copyLink = unit.querySelector("button.cite-paragraph");
      if (copyLink && copyLink.parentElement !== tools) tools.prepend(copyLink);
    };
    gather();
    new MutationObserver(gather).observe(unit, { childList: true, subtree: true });
  }

  function start() {
    markSigns();
    setView(storedView());
    for (const button of document.querySelectorAll("button.edition-view-button")) {
      button.addEventListener("click", () => {
        setView(currentView() === READING ? DIPLOMATIC : READING);
      });
    }
    for (const unit of document.querySelectorAll(".witness-paragraph[id], .witness-infobox[id]")) {
      addCopyTextButton(unit);
    }
    document.addEventListener("copy", onCopy);
  }

  // Once the page is parsed; "copy text" goes after "copy link" if edition.js has put it in place
  // already, else after the ¶ number, where edition.js then puts "copy link" before it.
  if (document.readyState === "complete") start();
  else document.addEventListener("DOMContentLoaded", start);
})();
