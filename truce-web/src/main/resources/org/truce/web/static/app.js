// The map page: offline basemap, areas of control on the chosen date, incidents around it.
(function () {
  'use strict';
  var COLOURS = {
    government: '#c0392b', opposition: '#27ae60', kurdish: '#f1c40f', jihadist: '#2c2c2c',
    turkey: '#8e44ad', coalition: '#2980b9', humanitarian: '#16a085', international: '#7f8c8d'
  };
  var EVENT_COLOURS = {
    'Explosions/Remote violence': '#e67e22', 'Battles': '#8e44ad', 'Violence against civilians': '#c0392b',
    'Protests': '#2980b9', 'Riots': '#34495e', 'Strategic developments': '#7f8c8d'
  };
  var mapEl = document.getElementById('map');
  var status = document.getElementById('status');
  var map = L.map(mapEl, { preferCanvas: true, zoomSnap: 0.5 }).setView([35.0, 38.5], 7);
  var areasLayer = L.geoJSON(null, { style: areaStyle, onEachFeature: areaPopup }).addTo(map);
  var reportsLayer = L.layerGroup().addTo(map);
  var linesLayer = L.geoJSON(null, { style: { color: '#1b6fa8', weight: 3 } }).addTo(map);
  L.control.scale().addTo(map);

  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' } }).then(function (r) {
      if (!r.ok) { throw new Error(url + ' answered ' + r.status); }
      return r.json();
    });
  }

  function areaStyle(feature) {
    var c = COLOURS[feature.properties.alignment] || '#999';
    return { color: c, weight: 1, fillColor: c, fillOpacity: 0.35 };
  }

  function text(s) { return document.createTextNode(s == null ? '' : String(s)); }

  function popupNode(lines) {
    var div = document.createElement('div');
    lines.forEach(function (line, i) {
      if (i > 0) { div.appendChild(document.createElement('br')); }
      if (line.href) {
        var a = document.createElement('a'); a.href = line.href; a.appendChild(text(line.text)); div.appendChild(a);
      } else if (line.strong) {
        var b = document.createElement('strong'); b.appendChild(text(line.text)); div.appendChild(b);
      } else { div.appendChild(text(line.text)); }
    });
    return div;
  }

  function areaPopup(feature, layer) {
    var p = feature.properties;
    layer.bindPopup(popupNode([
      { text: p.actor_name || p.actor, strong: true },
      { text: 'from ' + p.valid_from + (p.valid_to ? ' to ' + p.valid_to : ' (open)') },
      { text: (p.approximate ? 'approximate · ' : '') + 'confidence ' + p.confidence },
      { text: 'source: ' + p.source }
    ]));
  }

  function addBasemap() {
    if (mapEl.dataset.basemap !== 'true') { return Promise.resolve(); }
    var layers = [
      ['neighbours.geojson', { color: '#9aa3a8', weight: 1, fillColor: '#e8e6df', fillOpacity: 1 }],
      ['country.geojson', { color: '#555', weight: 2, fillColor: '#fbfaf5', fillOpacity: 1 }],
      ['governorates.geojson', { color: '#8a8f94', weight: 1, dashArray: '3 3', fill: false }],
      ['rivers.geojson', { color: '#4a90c2', weight: 2 }]
    ];
    var base = L.featureGroup().addTo(map);
    base.bringToBack();
    return layers.reduce(function (chain, spec) {
      return chain.then(function () {
        return fetch('/basemap/' + spec[0]).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
          if (data) { L.geoJSON(data, { style: spec[1], interactive: false }).addTo(base); }
        });
      });
    }, Promise.resolve()).then(function () {
      return fetch('/basemap/places.geojson').then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
        if (!data) { return; }
        L.geoJSON(data, {
          pointToLayer: function (f, latlng) {
            return L.circleMarker(latlng, { radius: 2, color: '#333', weight: 1, interactive: false })
              .bindTooltip(f.properties.name_en || f.properties.name || '', { permanent: true, direction: 'right', className: 'place-label' });
          }
        }).addTo(base);
      });
    });
  }

  function dayRange(dateText) {
    var day = new Date(dateText + 'T00:00:00Z');
    var from = new Date(day.getTime() - 7 * 86400000);
    var to = new Date(day.getTime() + 8 * 86400000);
    return { at: day.toISOString(), from: from.toISOString(), to: to.toISOString() };
  }

  function loadAreas(range) {
    return getJson('/api/v1/areas?at=' + encodeURIComponent(range.at)).then(function (fc) {
      areasLayer.clearLayers();
      areasLayer.addData(fc);
      return fc.features.length;
    });
  }

  function loadReports(range) {
    reportsLayer.clearLayers();
    var count = 0;
    function page(cursor) {
      var url = '/api/v1/reports?limit=1000&from=' + encodeURIComponent(range.from) + '&to=' + encodeURIComponent(range.to)
        + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
      return getJson(url).then(function (body) {
        body.items.forEach(function (r) {
          count++;
          L.circleMarker([r.location.lat, r.location.lon], {
            radius: 5, color: '#222', weight: 1, fillColor: EVENT_COLOURS[r.event_type] || '#555', fillOpacity: 0.9
          }).bindPopup(popupNode([
            { text: r.sub_event_type, strong: true },
            { text: r.occurred_from.substring(0, 10) + (r.fatalities != null ? ' · ' + r.fatalities + ' killed' : '') },
            { text: r.description || '' },
            { text: 'source: ' + (r.source.name == null ? '(withheld)' : r.source.name) + ' (' + r.source.reliability + r.source.credibility + ')' },
            { text: 'report ' + r.id, href: '/api/v1/reports/' + r.id }
          ])).addTo(reportsLayer);
        });
        return body.next_cursor ? page(body.next_cursor) : count;
      });
    }
    return page(null);
  }

  function legend() {
    var ul = document.getElementById('legend');
    Object.keys(COLOURS).forEach(function (k) {
      var li = document.createElement('li'); var sw = document.createElement('span');
      sw.className = 'swatch'; sw.style.background = COLOURS[k]; li.appendChild(sw); li.appendChild(text(k)); ul.appendChild(li);
    });
  }

  function refresh() {
    var dateText = document.getElementById('date').value || '2016-09-19';
    var range = dayRange(dateText);
    status.textContent = 'Loading ' + dateText + '…';
    return Promise.all([loadAreas(range), loadReports(range)]).then(function (counts) {
      status.textContent = dateText + ': ' + counts[0] + ' areas of control, ' + counts[1] + ' incidents within a week of the date';
      document.body.dataset.mapReady = 'true';
    }).catch(function (e) { status.textContent = 'Could not load the map data: ' + e.message; });
  }

  legend();
  document.getElementById('date').addEventListener('change', refresh);
  document.getElementById('when-form').addEventListener('submit', function (e) { e.preventDefault(); refresh(); });
  addBasemap().then(function () {
    return getJson('/api/v1/lines').then(function (fc) { linesLayer.addData(fc); });
  }).catch(function () { /* the map works without the basemap */ }).then(refresh);
}());
