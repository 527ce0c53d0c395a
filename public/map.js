// Turns each server-drawn map (`.map[data-map]`, an SVG of numbered dots) into a Leaflet
// map on OpenStreetMap tiles: at once on /kaart, on a place's page when asked for. The
// markers come from the page's GeoJSON address (the same filter as the page) or, for one
// place, from the element's data attributes. Place names are set as text, never as HTML.
(function () {
  'use strict';

  var COLOURS = { light: '#f2b705', open: '#1d7a3c', closed: '#767a80' };
  var leaflet = null;

  function loadLeaflet() {
    if (!leaflet) {
      leaflet = new Promise(function (resolve, reject) {
        var css = document.createElement('link');
        css.rel = 'stylesheet';
        css.href = '/vendor/leaflet/leaflet.css';
        document.head.appendChild(css);
        var script = document.createElement('script');
        script.src = '/vendor/leaflet/leaflet.js';
        script.onload = function () { resolve(window.L); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return leaflet;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return '&#' + c.charCodeAt(0) + ';';
    });
  }

  function stateOf(properties) {
    if (properties.light_on) return 'light';
    return properties.open_now ? 'open' : 'closed';
  }

  function markersOf(element) {
    var geojson = element.getAttribute('data-geojson');
    if (!geojson) {
      return Promise.resolve([{
        lat: Number(element.getAttribute('data-lat')),
        lon: Number(element.getAttribute('data-lon')),
        name: element.getAttribute('data-name') || '',
        slug: null,
        state: element.getAttribute('data-state') || 'closed'
      }]);
    }
    return fetch(geojson, { headers: { Accept: 'application/geo+json' } })
      .then(function (response) {
        if (!response.ok) throw new Error('GeoJSON ' + response.status);
        return response.json();
      })
      .then(function (collection) {
        return collection.features.map(function (feature) {
          return {
            lon: feature.geometry.coordinates[0],
            lat: feature.geometry.coordinates[1],
            name: feature.properties.name,
            slug: feature.properties.slug,
            state: stateOf(feature.properties)
          };
        });
      });
  }

  function popupFor(marker) {
    var link = document.createElement('a');
    link.href = '/plekken/' + encodeURIComponent(marker.slug);
    link.textContent = marker.name;
    return link;
  }

  function build(element) {
    return Promise.all([loadLeaflet(), markersOf(element)]).then(function (loaded) {
      var L = loaded[0];
      var markers = loaded[1].filter(function (m) { return isFinite(m.lat) && isFinite(m.lon); });
      if (!markers.length) return;
      var box = document.createElement('div');
      box.className = 'map__leaflet';
      element.insertBefore(box, element.firstChild);
      var map = L.map(box, { scrollWheelZoom: false });
      var attribution = '<a href="https://www.openstreetmap.org/copyright">' +
        escapeHtml(element.getAttribute('data-attribution') || '© OpenStreetMap') + '</a>';
      L.tileLayer(element.getAttribute('data-tiles'), {
        maxZoom: 19,
        attribution: attribution
      }).addTo(map);
      var bounds = [];
      markers.forEach(function (m) {
        var dot = L.circleMarker([m.lat, m.lon], {
          radius: 9,
          color: '#1f2328',
          weight: 2,
          fillColor: COLOURS[m.state] || COLOURS.closed,
          fillOpacity: 1,
          className: 'map-marker map-marker--' + m.state
        }).addTo(map);
        if (m.slug) dot.bindPopup(popupFor(m));
        dot.bindTooltip(document.createTextNode(m.name));
        bounds.push([m.lat, m.lon]);
      });
      if (bounds.length === 1) {
        map.setView(bounds[0], 17);
      } else {
        map.fitBounds(bounds, { padding: [24, 24], maxZoom: 17 });
      }
      element.classList.add('map--live');
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('.map[data-map]'), function (element) {
    if (element.getAttribute('data-map') === 'auto') {
      build(element).catch(function () { /* the SVG stays */ });
      return;
    }
    var button = element.querySelector('.map__show');
    if (!button) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      button.disabled = true;
      build(element).then(function () {
        button.remove();
      }, function () {
        button.disabled = false;
      });
    });
  });
})();
