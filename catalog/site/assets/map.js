// The map of a dataset of places: its GeoJSON drawn with Leaflet over the catalog's tiles (catalog.yaml `map`).
// Every value from the data reaches the page as text (textContent), never as markup.
(function () {
  'use strict';
  var box = document.getElementById('map');
  if (!box || !window.L || !window.fetch) {
    return;
  }
  var map = L.map(box, {scrollWheelZoom: false});
  map.attributionControl.setPrefix(false);
  L.tileLayer(box.dataset.tiles, {maxZoom: 18, attribution: credit()}).addTo(map);
  map.setView([35.68, 139.76], 5);

  function credit() {
    var name = box.dataset.attribution;
    var url = box.dataset.attributionUrl;
    var element = document.createElement(url ? 'a' : 'span');
    element.textContent = name;
    if (url) {
      element.href = url;
    }
    return element.outerHTML;
  }

  var titles = JSON.parse(box.dataset.titles || '{}');

  // a point's popup: its name (the dataset's name field, else the first property), then a few more properties,
  // each by its column's title where the page has them
  function popup(properties) {
    var names = Object.keys(properties || {});
    var label = box.dataset.label && names.indexOf(box.dataset.label) >= 0 ? box.dataset.label : names[0];
    var content = document.createElement('div');
    var title = document.createElement('strong');
    title.textContent = label === undefined || properties[label] === null ? '' : String(properties[label]);
    content.appendChild(title);
    var list = document.createElement('dl');
    names.filter(function (n) { return n !== label && properties[n] !== null && properties[n] !== ''; })
      .slice(0, 6).forEach(function (n) {
        var term = document.createElement('dt');
        term.textContent = titles[n] || n;
        var value = document.createElement('dd');
        var v = properties[n];
        value.textContent = typeof v === 'object' ? JSON.stringify(v) : String(v);
        list.appendChild(term);
        list.appendChild(value);
      });
    content.appendChild(list);
    return content;
  }

  fetch(box.dataset.geojson).then(function (response) {
    if (!response.ok) {
      throw new Error(response.status + ' ' + box.dataset.geojson);
    }
    return response.json();
  }).then(function (collection) {
    var placed = 0;
    var layer = L.geoJSON(collection, {
      filter: function (feature) { return feature.geometry !== null; },
      pointToLayer: function (feature, at) {
        placed++;
        return L.circleMarker(at, {radius: 6, weight: 1, color: '#1d4f91', fillColor: '#3b7dd8', fillOpacity: 0.8});
      },
      onEachFeature: function (feature, marker) {
        marker.bindPopup(popup(feature.properties));
      }
    }).addTo(map);
    if (placed > 0) {
      map.fitBounds(layer.getBounds(), {maxZoom: 16, padding: [20, 20]});
    }
    box.setAttribute('aria-label', box.dataset.points.replace('{0}', placed));
    box.dataset.placed = String(placed);
  }).catch(function (error) {
    box.dataset.failed = String(error);
  });
}());
