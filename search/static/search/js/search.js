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

  var timer;
  app.addEventListener("input", function (event) {
    var input = event.target;
    if (input.id !== "search-q" || input.value.trim().length < 2) return;
    clearTimeout(timer);
    timer = setTimeout(function () {
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(input.value.trim()))
        .then(function (response) { return response.ok ? response.json() : { items: [] }; })
        .then(function (data) {
          var list = document.getElementById("search-suggestions");
          list.innerHTML = "";
          data.items.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.title;
            list.appendChild(option);
          });
        });
    }, 200);
  });
})();
