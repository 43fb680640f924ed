// Place and observation pages: the map (Leaflet over our own GeoJSON, no tiles) and the timeline (Observable Plot).
(function () {
  "use strict";
  var STYLE = {
    parent: { color: "#8a96a3", weight: 1, fillOpacity: 0.04, dashArray: "3" },
    self: { color: "#0b5cad", weight: 2, fillOpacity: 0.08 },
    part: { color: "#4f7cab", weight: 1, fillOpacity: 0.06 },
    member: { color: "#b35c00", weight: 2, fillOpacity: 0.15 },
    reported: { color: "#b35c00", weight: 1, fillOpacity: 0.2 }
  };

  function drawMap(node) {
    if (typeof L === "undefined") { node.textContent = "The map's files are not installed (run make assets)."; return; }
    fetch(node.dataset.geojson, { headers: { Accept: "application/geo+json" } })
      .then(function (answer) { return answer.json(); })
      .then(function (collection) {
        var map = L.map(node, { zoomSnap: 0.25, attributionControl: true });
        map.attributionControl.setPrefix(false).addAttribution(collection.attribution);
        var most = Math.max.apply(null, collection.features.map(function (f) { return f.properties.figures; }).concat([1]));
        var layer = L.geoJSON(collection, {
          style: function (f) {
            var style = Object.assign({}, STYLE[f.properties.role] || STYLE.part);
            if (f.properties.figures && f.properties.role === "part") {  // choropleth: figures reported inside
              style.fillColor = "#b35c00"; style.fillOpacity = 0.1 + 0.5 * f.properties.figures / most;
            }
            return style;
          },
          pointToLayer: function (f, latlng) {  // proportional symbols: a town's radius grows with its figures
            var radius = 4 + 14 * Math.sqrt((f.properties.figures || 0) / most);
            return L.circleMarker(latlng, { radius: radius, color: "#7a3e00", weight: 1, fillColor: "#e07b00", fillOpacity: 0.7 });
          },
          onEachFeature: function (f, item) {
            var link = document.createElement("a");
            link.href = f.properties.href;
            link.textContent = f.properties.name || "this place";
            var tip = document.createElement("span");
            tip.appendChild(link);
            if (f.properties.figures) { tip.appendChild(document.createTextNode(" · " + f.properties.figures + " figure(s)")); }
            item.bindPopup(tip);
            item.bindTooltip(f.properties.name || "");
          }
        }).addTo(map);
        var bounds = layer.getBounds();
        if (bounds.isValid()) { map.fitBounds(bounds, { padding: [12, 12], maxZoom: 11 }); } else { map.setView([35, 38.5], 6); }
        node.dataset.features = String(collection.features.length);
        node.classList.add("drawn");
      })
      .catch(function (error) { node.textContent = "The map could not be drawn: " + error; });
  }

  function drawTimeline(figure) {
    var data = JSON.parse(figure.querySelector(".timeline-data").textContent);
    var canvas = figure.querySelector(".timeline-canvas");
    if (typeof Plot === "undefined") { canvas.textContent = "The chart's files are not installed (run make assets)."; return; }
    var eventsNode = figure.querySelector(".timeline-events");
    var events = eventsNode ? JSON.parse(eventsNode.textContent) : [];
    data.forEach(function (d) { d.date = new Date(d.month + "-01T00:00:00Z"); });
    events.forEach(function (e) { e.date = new Date(e.day.slice(0, 10) + "T00:00:00Z"); });
    var marks = [Plot.rectY(data, { x: "date", y: "atLeast", fill: "unit", interval: "month", tip: true }), Plot.ruleY([0])];
    if (events.length) {
      marks.push(Plot.ruleX(events, { x: "date", stroke: "#b3261e", strokeOpacity: 0.7, title: function (e) { return e.type + ": " + e.label; } }));
    }
    canvas.appendChild(Plot.plot({
      width: Math.min(canvas.clientWidth || 800, 960), height: 220, marginLeft: 60,
      x: { type: "utc", label: "month reported" }, y: { label: "at least", grid: true }, color: { legend: true },
      marks: marks
    }));
    canvas.dataset.events = String(events.length);
    canvas.classList.add("drawn");
  }

  document.querySelectorAll(".map-canvas[data-geojson]").forEach(drawMap);
  document.querySelectorAll("figure.timeline").forEach(drawTimeline);
})();
