// The facility map: Leaflet (served from its WebJar in the jar, no tiles, nothing from the internet) with zoom,
// pan, a scale bar, a legend, labels of open sites and click-to-inspect. Uses el, t, fmt and COLORS of app.js.
'use strict';

/**
 * A box that draws the plan once it is on the page. Region outlines (hull of each region's villages), a line from
 * each village to its site, villages, a red ring where a village is beyond the travel standard, and sites: filled
 * when open, hollow when closed, a thick rim when existing or required. Sites at the same place are set apart on a
 * small ring so that none hides another. `marks` rings sites opened or closed against another plan (compare).
 * Clicking a site cycles its state for the next scenario (force open, force closed, free) and shows what it is;
 * clicking a village shows its site and trip.
 */
function facilityMap(problem, s, only, marks = {}) {
  const box = el('div', { id: 'map', class: 'map' });
  const places = [...problem.demands, ...problem.sites].filter(o => o.lat != null || o.x != null);
  if (!places.length) {
    box.classList.add('empty');
    box.append(el('p', {}, t('No coordinates in this problem.')));
    return box;
  }
  // Leaflet needs the box on the page with its size: draw when it first gets one (the view may be built off-page).
  const sized = new ResizeObserver(() => {
    if (box.clientWidth > 0 && box.clientHeight > 0) {
      sized.disconnect();
      drawPlan(box, problem, s, only, marks);
    }
  });
  sized.observe(box);
  return box;
}

function drawPlan(box, problem, s, only, marks) {
  const geo = problem.demands.some(d => d.lat != null) || problem.sites.some(v => v.lat != null);
  // Plane coordinates go into Leaflet's flat CRS as (y, x); the scale bar then reads in the problem's distance unit.
  const at = o => geo ? [o.lat, o.lon] : [o.y, o.x];
  const map = L.map(box, { crs: geo ? L.CRS.EPSG3857 : L.CRS.Simple, zoomSnap: 0.25, minZoom: geo ? 1 : -12,
    maxZoom: geo ? 19 : 12, attributionControl: false, preferCanvas: false });
  // The view first: Leaflet draws a layer (and gives it an element) only on a map that has one.
  const all = [...problem.demands, ...problem.sites].filter(o => o.lat != null || o.x != null).map(at);
  map.fitBounds(L.latLngBounds(all), { padding: [16, 16] });
  const demand = new Map(problem.demands.map(d => [d.id, d]));
  const site = new Map(problem.sites.map(v => [v.id, v]));
  const color = new Map(problem.services.map((v, i) => [v.id, COLORS[i % COLORS.length]]));
  const serviceName = new Map(problem.services.map(v => [v.id, v.name || v.id]));
  const standard = new Map(problem.services.map(v => [v.id, v.maxDistance]));
  const regionName = new Map((problem.regions || []).map(r => [r.id, r.name || r.id]));
  const assigned = new Map(s.assignments.filter(a => !only || a.service === only).map(a => [a.demand + '\u0000' + a.service, a]));

  const byRegion = new Map();
  for (const d of problem.demands) {
    if (!byRegion.has(d.region)) byRegion.set(d.region, []);
    byRegion.get(d.region).push(at(d));
  }
  for (const [region, pts] of byRegion) {
    const hull = convexHull(pts);
    if (hull.length > 2) {
      L.polygon(hull, { className: 'region', color: '#b8c4d4', weight: 1, fillColor: '#eef2f7', fillOpacity: 1 })
        .bindTooltip(regionName.get(region) || region, { sticky: true }).addTo(map);
    }
  }
  for (const a of assigned.values()) {
    const d = demand.get(a.demand), v = site.get(a.site);
    if (d && v) L.polyline([at(d), at(v)], { className: 'link', color: color.get(a.service), opacity: 0.45, weight: 1, interactive: false }).addTo(map);
  }
  const beyond = new Set([...assigned.values()]
    .filter(a => standard.get(a.service) != null && a.distance > standard.get(a.service)).map(a => a.demand));
  for (const d of problem.demands) {
    const trips = [...assigned.values()].filter(a => a.demand === d.id);
    const info = el('div', {}, el('b', {}, d.name || d.id), el('br'), `${t('region')}: ${regionName.get(d.region) || d.region}`,
      ...trips.map(a => [el('br'), `${serviceName.get(a.service)}: ${(site.get(a.site) || {}).name || a.site}, ${fmt(a.distance, 2)}`
        + (standard.get(a.service) != null && a.distance > standard.get(a.service) ? ` (${t('beyond the standard')})` : '')]));
    L.circleMarker(at(d), { className: 'village', radius: 2.5, color: '#555', weight: 1, fillColor: '#555', fillOpacity: 1 })
      .bindPopup(info).addTo(map);
    if (beyond.has(d.id)) L.circleMarker(at(d), { className: 'beyond', radius: 6, color: '#c0392b', weight: 1.5, fill: false, interactive: false }).addTo(map);
  }

  // Sites sharing a place are set apart on a small ring (a thousandth of the map's extent per site).
  const shown = problem.sites.filter(v => !only || v.service === only);
  const span = Math.hypot(Math.max(...all.map(p => p[0])) - Math.min(...all.map(p => p[0])),
    Math.max(...all.map(p => p[1])) - Math.min(...all.map(p => p[1]))) || 1;
  const together = new Map();
  for (const v of shown) {
    const key = at(v).join(',');
    if (!together.has(key)) together.set(key, []);
    together.get(key).push(v);
  }
  const open = new Set(s.openSites);
  const load = new Map((s.sites || []).map(x => [x.id, x]));
  const opened = new Set(marks.opened || []), closed = new Set(marks.closed || []);
  const labelled = shown.filter(v => open.has(v.id)).length <= 40;
  for (const group of together.values()) {
    group.forEach((v, k) => {
      const [y, x] = at(v);
      const angle = 2 * Math.PI * k / group.length, r = group.length > 1 ? span * 0.004 : 0;
      const point = [y + r * Math.sin(angle), x + r * Math.cos(angle)];
      const isOpen = open.has(v.id);
      const state = v.state || 'candidate';
      const classes = ['site', isOpen ? 'open' : 'closed', state,
        opened.has(v.id) ? 'opened-here' : '', closed.has(v.id) ? 'closed-here' : '',
        siteOverrides.get(v.id) === 'required' ? 'forced-open' : '', siteOverrides.get(v.id) === 'closed' ? 'forced-closed' : '']
        .filter(Boolean).join(' ');
      const marker = L.circleMarker(point, { className: classes, radius: 5.5, color: color.get(v.service),
        weight: state === 'candidate' ? 1.5 : 3.5, fillColor: isOpen ? color.get(v.service) : '#fff', fillOpacity: 1 }).addTo(map);
      const figures = load.get(v.id);
      const info = () => el('div', {}, el('b', {}, v.name || v.id), el('br'),
        `${serviceName.get(v.service)}, ${t(state)}, ${t(isOpen ? 'open' : 'closed')}`,
        figures && figures.load != null ? [el('br'), `${t('load')}: ${fmt(figures.load, 0)}` + (v.capacity != null ? ` / ${fmt(v.capacity, 0)}` : '')] : '',
        el('br'), el('i', {}, t('next scenario') + ': ' + t({ required: 'force open', closed: 'force closed' }[siteOverrides.get(v.id)] || 'free')),
        el('br'), el('span', { class: 'hint' }, t('click again to change')));
      marker.bindPopup(info);
      marker.on('click', () => {
        cycleSite(v, marker.getElement());
        marker.setPopupContent(info());
      });
      marker.getElement().setAttribute('data-site', v.id);
      if (labelled && isOpen) marker.bindTooltip(v.name || v.id, { permanent: true, direction: 'right', className: 'site-label', offset: [6, 0] });
    });
  }
  if (geo) L.control.scale({ imperial: false }).addTo(map); else planeScale().addTo(map);
  mapLegend(color, serviceName, marks.opened != null).addTo(map);
}

/** A scale bar for plane coordinates, in the problem's distance unit (Leaflet's own assumes metres on a sphere). */
function planeScale() {
  const control = L.control({ position: 'bottomright' });
  control.onAdd = map => {
    const bar = el('div', { class: 'plane-scale' });
    const update = () => {
      const size = map.getSize();
      const a = map.containerPointToLatLng([0, size.y / 2]), b = map.containerPointToLatLng([100, size.y / 2]);
      const per100 = Math.abs(b.lng - a.lng);
      const nice = Math.pow(10, Math.floor(Math.log10(per100)));
      const length = [5, 2, 1].map(f => f * nice).find(v => v <= per100) || nice;
      bar.style.width = Math.round(100 * length / per100) + 'px';
      bar.textContent = fmt(length, 3) + ' ' + t('distance units');
    };
    map.on('zoomend moveend resize', update);
    update();
    return bar;
  };
  return control;
}

function mapLegend(color, serviceName, compared) {
  const control = L.control({ position: 'bottomleft' });
  control.onAdd = () => {
    const legend = el('div', { class: 'map-legend' });
    for (const [service, c] of color) {
      const swatch = el('span', { class: 'swatch' });
      swatch.style.background = c;
      legend.append(el('div', {}, swatch, ' ', serviceName.get(service)));
    }
    for (const [cls, text] of [['open', 'open site'], ['closed', 'closed site'], ['existing', 'existing or required (thick rim)'],
      ['village', 'village'], ['beyond', 'beyond the travel standard'],
      ...(compared ? [['opened-here', 'opened in this plan'], ['closed-here', 'closed in this plan']] : [])]) {
      legend.append(el('div', {}, el('span', { class: 'key ' + cls }), ' ', t(text)));
    }
    return legend;
  };
  return control;
}

function convexHull(points) {
  const p = points.map(q => q.slice()).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return p;
  const cross = (o, a, b) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower = [], upper = [];
  for (const q of p) { while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], q) <= 0) lower.pop(); lower.push(q); }
  for (const q of p.reverse()) { while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], q) <= 0) upper.pop(); upper.push(q); }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}
