// Progressive enhancement of /suche/: results update without a full reload, suggestions as one types.
// Without JavaScript the form submits normally.
(function () {
  "use strict";
  var app = document.getElementById("search-app");
  if (!app || !window.fetch) return;

  var latest = 0;  // only the answer to the latest request counts: an earlier, slower one must not win

  function load(url, focusId) {
    var status = document.getElementById("search-status");
    var request = ++latest;
    fetch(url, { headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        return response.text().then(function (html) { return { ok: response.ok, html: html }; });
      })
      .then(function (answer) {
        if (request !== latest) return;
        if (/<html[\s>]/i.test(answer.html)) {  // never a whole document inside the page: load it instead
          location.assign(url);
          return;
        }
        if (!answer.ok) {  // a message about the search; the form and the results stay as they were
          if (status) status.innerHTML = answer.html;
          return;
        }
        if (status) status.innerHTML = "";
        // the filter disclosure keeps the state the resident left it in
        var panel = app.querySelector("[data-filter-panel]"), wasOpen = panel ? panel.open : true;
        app.innerHTML = answer.html;
        var fresh = app.querySelector("[data-filter-panel]");
        if (fresh) fresh.open = wasOpen;
        history.replaceState(null, "", url);
        // the map (core/static/js/map.js) follows the new results
        document.dispatchEvent(new CustomEvent("portal:search-updated", { detail: { url: url } }));
        var again = focusId && document.getElementById(focusId);
        if (again) again.focus();
      })
      .catch(function () { location.assign(url); });
  }

  function formUrl(form) {
    var params = new URLSearchParams(new FormData(form));
    Array.from(params.keys()).forEach(function (key) {
      if (params.get(key) === "") params.delete(key);
    });
    return form.action + "?" + params.toString();
  }

  app.addEventListener("change", function (event) {
    var form = event.target.form;
    if (form && form.hasAttribute("data-live-search") && event.target.name !== "q") {
      load(formUrl(form), event.target.id);
    }
  });
  app.addEventListener("submit", function (event) {
    event.preventDefault();
    load(formUrl(event.target), "results-heading");
  });
  app.addEventListener("click", function (event) {
    var link = event.target.closest("a");
    if (link && link.search && link.pathname === location.pathname) {
      event.preventDefault();
      load(link.href, "results-heading");
    }
  });

  // A result opened from the search counts for the ranking of suggestions (no personal data is sent).
  app.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-hit]"), input = document.getElementById("search-q");
    if (!link || !input || !navigator.sendBeacon) return;
    var data = new FormData();
    data.append("id", link.dataset.hit);
    data.append("q", new URLSearchParams(location.search).get("q") || "");
    navigator.sendBeacon(input.dataset.clickUrl, data);
  });

  // Suggestions as an ARIA combobox: they may be spelt differently from what was typed ("smartfone"),
  // which a <datalist> would hide.
  var timer, active = -1;
  function options() { return Array.from(document.querySelectorAll("#search-suggestions [role=option]")); }
  function close(input) {
    var list = document.getElementById("search-suggestions");
    if (list) { list.hidden = true; list.innerHTML = ""; }
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }
  function choose(input, index) {
    var all = options();
    all.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
    active = index;
    if (index >= 0) input.setAttribute("aria-activedescendant", all[index].id);
    else input.removeAttribute("aria-activedescendant");
  }
  app.addEventListener("input", function (event) {
    var input = event.target;
    if (input.id !== "search-q") return;
    clearTimeout(timer);
    if (input.value.trim().length < 2) { close(input); return; }
    timer = setTimeout(function () {
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(input.value.trim()))
        .then(function (response) { return response.ok ? response.json() : { items: [] }; })
        .then(function (data) {
          var list = document.getElementById("search-suggestions");
          if (!list) return;
          list.innerHTML = "";
          data.items.forEach(function (item, i) {
            var option = document.createElement("li");
            option.id = "suggestion-" + i;
            option.setAttribute("role", "option");
            option.setAttribute("aria-selected", "false");
            option.dataset.url = item.url;
            option.textContent = item.title + (item.label ? " – " + item.label : "");
            list.appendChild(option);
          });
          list.hidden = !data.items.length;
          input.setAttribute("aria-expanded", data.items.length ? "true" : "false");
          active = -1;
        });
    }, 200);
  });
  app.addEventListener("keydown", function (event) {
    var input = event.target;
    if (input.id !== "search-q" || input.getAttribute("aria-expanded") !== "true") return;
    var count = options().length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      choose(input, event.key === "ArrowDown" ? (active + 1) % count : (active - 1 + count) % count);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      location.assign(options()[active].dataset.url);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close(input);
    }
  });
  app.addEventListener("mousedown", function (event) {
    var option = event.target.closest("#search-suggestions [role=option]");
    if (option) { event.preventDefault(); location.assign(option.dataset.url); }
  });
  app.addEventListener("focusout", function (event) {
    if (event.target.id === "search-q") setTimeout(function () { close(event.target); }, 150);
  });
})();
