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
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(url);
        button.textContent = "copied";
      } catch (error) {
        window.prompt("Copy this link:", url);
      }
      setTimeout(() => { button.textContent = "copy link"; }, 2000);
    });
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
      toggle.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopPropagation();
        toggle.focus(); // the theme gives focus back, when its drawer closes, to what had it on opening
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
