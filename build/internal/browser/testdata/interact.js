// A tiny search box: "/" focuses it, typing lists the text, ArrowDown moves
// the selection, Enter submits it to the page's URL, Escape clears it.
const q = document.getElementById("q");
const out = document.getElementById("out");
let selected = -1;
document.addEventListener("keydown", (e) => {
  if (e.key === "/" && document.activeElement !== q) {
    e.preventDefault();
    q.focus();
  }
});
q.addEventListener("input", () => {
  out.replaceChildren(...q.value.split(" ").filter(Boolean).map((w) => {
    const li = document.createElement("li");
    li.textContent = w;
    return li;
  }));
  selected = -1;
});
q.addEventListener("keydown", (e) => {
  const items = out.querySelectorAll("li");
  if (e.key === "ArrowDown" && items.length) {
    e.preventDefault();
    selected = (selected + 1) % items.length;
    items.forEach((li, i) => li.classList.toggle("selected", i === selected));
  } else if (e.key === "Enter") {
    history.pushState(null, "", "?q=" + encodeURIComponent(q.value));
  } else if (e.key === "Escape") {
    q.value = "";
    out.replaceChildren();
  }
});
window.ready = true;
