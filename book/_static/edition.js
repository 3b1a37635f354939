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
