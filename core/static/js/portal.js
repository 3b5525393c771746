// Progressive enhancement for every page. Without JavaScript everything works and the filters stay open.
(function () {
  "use strict";
  // Phones: the menu and the listing and search filters start closed, so that the first result is within the
  // first screen; wide screens always show them (their summary is hidden there by the stylesheet).
  var narrow = window.matchMedia("(max-width: 55.99rem)");

  function fitFilterPanels(root) {
    (root || document).querySelectorAll("[data-filter-panel], [data-collapse-narrow]").forEach(function (panel) {
      panel.open = !narrow.matches;
    });
  }
  window.portalFitFilterPanels = fitFilterPanels;

  function onWidthChange() { fitFilterPanels(document); }
  if (narrow.addEventListener) narrow.addEventListener("change", onWidthChange);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { fitFilterPanels(document); });
  } else {
    fitFilterPanels(document);
  }
})();

// "Seite drucken" buttons: shown only where JavaScript can print.
(function () {
  "use strict";
  function init() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();

// Merkzettel: offers and events kept on this device (localStorage), no account, nothing sent to the server.
(function () {
  "use strict";
  var KEY = "3l-merkzettel";
  var storage;
  try { storage = window.localStorage; storage.getItem(KEY); } catch (error) { return; }  // private mode: no Merkzettel

  function read() {
    try { return JSON.parse(storage.getItem(KEY)) || []; } catch (error) { return []; }
  }
  function write(items) { storage.setItem(KEY, JSON.stringify(items)); render(); }
  function has(id) { return read().some(function (item) { return item.id === id; }); }

  function toggle(button) {
    var id = button.dataset.bookmark, items = read();
    if (has(id)) {
      write(items.filter(function (item) { return item.id !== id; }));
    } else {
      items.push({ id: id, title: button.dataset.bookmarkTitle, url: button.dataset.bookmarkUrl });
      write(items);
    }
  }

  function render() {
    var items = read();
    document.querySelectorAll("[data-bookmark]").forEach(function (button) {
      var kept = has(button.dataset.bookmark);
      button.hidden = false;
      button.setAttribute("aria-pressed", String(kept));
      button.textContent = kept ? "Gemerkt" : "Merken";
      // the visible word starts the accessible name (WCAG 2.5.3), the title says which offer it is
      button.setAttribute("aria-label", (kept ? "Gemerkt: " : "Merken: ") + button.dataset.bookmarkTitle);
    });
    document.querySelectorAll("[data-bookmark-count]").forEach(function (link) {
      link.hidden = false;
      link.textContent = "Merkzettel (" + items.length + ")";
    });
    document.querySelectorAll("[data-bookmark-list]").forEach(function (list) {
      list.innerHTML = "";
      items.forEach(function (item) {
        var li = document.createElement("li"), link = document.createElement("a"), remove = document.createElement("button");
        link.href = item.url; link.textContent = item.title;
        remove.type = "button"; remove.className = "secondary"; remove.textContent = "Entfernen";
        remove.setAttribute("aria-label", "Entfernen: " + item.title);
        remove.addEventListener("click", function () { write(read().filter(function (i) { return i.id !== item.id; })); });
        li.appendChild(link); li.appendChild(document.createTextNode(" ")); li.appendChild(remove);
        list.appendChild(li);
      });
      var empty = document.querySelector("[data-bookmark-empty]");
      if (empty) empty.hidden = items.length > 0;
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-bookmark]");
    if (button) toggle(button);
  });
  // the search replaces its results in place: their buttons need their state too
  document.addEventListener("portal:search-updated", render);
  window.addEventListener("storage", function (event) { if (event.key === KEY) render(); });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", render); else render();
})();

// The registration box: offer and event pages come from the page cache without seats or form (no CSRF token,
// no cookie); the box loads them, counted now, from its own uncached address. Without JavaScript, or if the
// request fails, its link leads to the registration page with the same seats and form.
(function () {
  "use strict";
  function load(box) {
    var target = box.querySelector("[data-registration-fragment]");
    if (!target || !window.fetch) return;
    target.setAttribute("aria-busy", "true");
    fetch(box.dataset.registrationBox, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error("registration box: " + response.status);
        return response.text();
      })
      .then(function (html) { target.innerHTML = html; })
      .catch(function () { /* the link to the registration page stays */ })
      .then(function () { target.removeAttribute("aria-busy"); });
  }
  function init() { document.querySelectorAll("[data-registration-box]").forEach(load); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
  // back to the page from the browser's memory: count the seats again
  window.addEventListener("pageshow", function (event) { if (event.persisted) init(); });
})();
