// Maps as progressive enhancement: without JavaScript the address and the result list remain.
// Configuration comes from data- attributes (no inline script, CSP-friendly); markers of the
// search come from /api/v2/search/geojson/ with the page's own search parameters.
(function () {
  "use strict";
  if (!window.L) return;

  function baseMap(element) {
    var map = L.map(element, { scrollWheelZoom: false });
    if (element.dataset.tileUrl) {  // MAP_TILE_URL empty: markers only, no tile server
      L.tileLayer(element.dataset.tileUrl, { attribution: element.dataset.attribution, maxZoom: 19 }).addTo(map);
    }
    return map;
  }

  function venueMap(element) {
    element.hidden = false;
    var position = [parseFloat(element.dataset.lat), parseFloat(element.dataset.lon)];
    var map = baseMap(element).setView(position, 14);
    L.marker(position, { title: element.dataset.title, alt: element.dataset.title }).addTo(map);
  }

  function popup(feature) {
    var p = feature.properties, box = document.createElement("div"), link = document.createElement("a");
    link.href = p.url; link.textContent = p.title; box.appendChild(link);
    if (p.place || p.date_from) {
      var info = document.createElement("p");
      info.textContent = [p.type_label, p.place, p.date_from].filter(Boolean).join(" · ");
      box.appendChild(info);
    }
    return box;
  }

  // The search's map shows the hits of the current search: after a live update of /suche/
  // (search.js sends "portal:search-updated") its markers are loaded again for the new parameters.
  function geojsonUrlFor(element, pageUrl) {
    var base = element.dataset.geojsonUrl.split("?")[0];
    var params = new URL(pageUrl, location.href).searchParams;
    ["limit", "offset", "seite"].forEach(function (key) { params.delete(key); });
    return base + "?" + params.toString();
  }

  function resultsMap(element) {
    var button = document.createElement("button"), map = null, layer = null, stale = true;
    button.type = "button";
    button.className = "map-toggle";
    button.setAttribute("aria-controls", element.id);
    button.setAttribute("aria-expanded", "false");
    button.textContent = "Ergebnisse auf der Karte zeigen";
    element.parentNode.insertBefore(button, element);

    function loadMarkers() {
      stale = false;
      var url = element.dataset.geojsonUrl;
      fetch(url, { headers: { Accept: "application/geo+json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (url !== element.dataset.geojsonUrl) return;  // a newer search is on its way
          if (layer) { map.removeLayer(layer); layer = null; }
          element.dataset.markers = data ? String(data.features.length) : "0";
          if (!data || !data.features.length) return;
          layer = L.geoJSON(data, {
            onEachFeature: function (feature, marker) { marker.bindPopup(popup(feature)); }
          }).addTo(map);
          map.fitBounds(layer.getBounds(), { maxZoom: 13, padding: [20, 20] });
        });
    }

    button.addEventListener("click", function () {
      var open = element.hidden;
      element.hidden = !open;
      button.setAttribute("aria-expanded", String(open));
      button.textContent = open ? "Karte ausblenden" : "Ergebnisse auf der Karte zeigen";
      if (!open) return;
      if (!map) map = baseMap(element).setView([51.6, 13.4], 10);
      if (stale) loadMarkers();
    });

    document.addEventListener("portal:search-updated", function (event) {
      element.dataset.geojsonUrl = geojsonUrlFor(element, event.detail.url);
      stale = true;
      if (map && !element.hidden) loadMarkers();
    });
  }

  function init() {
    document.querySelectorAll("[data-map=venue]").forEach(venueMap);
    document.querySelectorAll("[data-map=results]").forEach(resultsMap);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
