// The page's charts, drawn as SVG with svg(), fmt, t and COLORS of app.js: the sweep's trade-off curve, coverage
// before and after transfers (bars, or a histogram for county-scale problems) and Lorenz curves.
'use strict';

function sweepChart(sweep, byName) {
  const [fx, fy] = sweep.tradeOff;
  const pts = sweep.points.filter(p => p.figures && p.figures[fx] != null && p.figures[fy] != null);
  const W = 520, H = 360, P = 60;
  const chart = svg('svg', { id: 'sweep-chart', width: W, height: H, viewBox: `0 0 ${W} ${H}` });
  if (!pts.length) return chart;
  const xs = pts.map(p => p.figures[fx]), ys = pts.map(p => p.figures[fy]);
  // A margin around the points, so none sits on the frame and labels stay inside.
  const span = (a, b) => b > a ? [a - 0.08 * (b - a), b + 0.08 * (b - a)] : [a - 1, b + 1];
  const [x0, x1] = span(Math.min(...xs), Math.max(...xs)), [y0, y1] = span(Math.min(...ys), Math.max(...ys));
  const X = v => P + (W - 2 * P) * (v - x0) / (x1 - x0), Y = v => H - P - (H - 2 * P) * (v - y0) / (y1 - y0);
  chart.append(svg('rect', { x: P, y: P, width: W - 2 * P, height: H - 2 * P, fill: 'none', stroke: '#ccc' }));
  chart.append(svg('text', { x: W / 2, y: H - 15, 'text-anchor': 'middle' }, byName[fx].label + (byName[fx].higherIsBetter ? ' (higher is better)' : ' (lower is better)')));
  chart.append(svg('text', { x: 14, y: H / 2, transform: `rotate(-90 14 ${H / 2})`, 'text-anchor': 'middle' }, byName[fy].label + (byName[fy].higherIsBetter ? ' (higher is better)' : ' (lower is better)')));
  chart.append(svg('text', { x: P - 4, y: P + 4, 'text-anchor': 'end', class: 'axis' }, fmt(y1, 3)),
    svg('text', { x: P - 4, y: H - P, 'text-anchor': 'end', class: 'axis' }, fmt(y0, 3)),
    svg('text', { x: P, y: H - P + 16, class: 'axis' }, fmt(x0, 3)),
    svg('text', { x: W - P, y: H - P + 16, 'text-anchor': 'end', class: 'axis' }, fmt(x1, 3)));
  const front = pts.filter(p => p.efficient).sort((a, b) => a.figures[fx] - b.figures[fx]);
  if (front.length > 1) chart.append(svg('polyline', { class: 'front', points: front.map(p => `${X(p.figures[fx])},${Y(p.figures[fy])}`).join(' '), fill: 'none', stroke: COLORS[0], 'stroke-width': 2 }));
  for (const p of pts) {
    const dot = svg('circle', { class: 'sweep-point' + (p.efficient ? ' efficient' : ''), cx: X(p.figures[fx]), cy: Y(p.figures[fy]), r: p.efficient ? 6 : 4,
      fill: p.efficient ? COLORS[0] : '#fff', stroke: COLORS[0] }, svg('title', {}, `${sweep.parameter} = ${p.value}: click to open its job`));
    dot.addEventListener('click', () => showJob(p.job));
    const right = X(p.figures[fx]) > W / 2;
    chart.append(dot, svg('text', { x: X(p.figures[fx]) + (right ? -8 : 8), y: Y(p.figures[fy]) - 8, class: 'sweep-label',
      'text-anchor': right ? 'end' : 'start' }, fmt(p.value, 3)));
  }
  return chart;
}

// Many regions (a county-scale problem): how many regions reach each coverage, before, by the formula and optimised.
function coverageHistogram(s) {
  const series = [['before', '#bbb', s.allocations.map(a => a.coverageBefore)],
    ['formula', '#ff7f0e', s.baseline.allocations.map(a => a.coverage)], ['optimised', '#1f77b4', s.allocations.map(a => a.coverage)]];
  const all = series.flatMap(([, , v]) => v).filter(isFinite);
  const lo = Math.min(...all), hi = Math.max(...all), bins = 24, width = (hi - lo) / bins || 1;
  const counts = series.map(([, , v]) => { const c = new Array(bins).fill(0); v.forEach(x => c[Math.min(bins - 1, Math.floor((x - lo) / width))]++); return c; });
  const top = Math.max(...counts.flat());
  const W = 760, H = 260, P = 40, bw = (W - 2 * P) / bins;
  const chart = svg('svg', { id: 'coverage-histogram', width: W, height: H, viewBox: `0 0 ${W} ${H}` });
  counts.forEach((c, k) => c.forEach((n, i) => chart.append(svg('rect', { class: 'hist ' + series[k][0], x: P + i * bw + k * bw / 3, y: H - P - (H - 2 * P) * n / top,
    width: bw / 3 - 1, height: (H - 2 * P) * n / top, fill: series[k][1] }, svg('title', {}, `${t(series[k][0])}: ${n} regions with coverage ${fmt(lo + i * width, 2)}–${fmt(lo + (i + 1) * width, 2)}`)))));
  chart.append(svg('text', { x: P, y: H - 12 }, fmt(lo, 2)), svg('text', { x: W - P, y: H - 12, 'text-anchor': 'end' }, fmt(hi, 2)),
    svg('text', { x: W / 2, y: H - 12, 'text-anchor': 'middle' }, lang === 'zh' ? '保障水平（地区数）' : 'coverage (number of regions)'));
  series.forEach(([k, c], j) => chart.append(svg('rect', { x: P + j * 110, y: 8, width: 10, height: 8, fill: c }), svg('text', { x: P + j * 110 + 14, y: 16 }, t(k))));
  return chart;
}

function coverageBars(s) {
  if (s.allocations.length > 60) return coverageHistogram(s);
  const rows = s.allocations.map((a, i) => ({ id: a.region, name: a.name || a.region, before: a.coverageBefore, formula: s.baseline.allocations[i].coverage, optimised: a.coverage }));
  const max = Math.max(1, ...rows.flatMap(r => [r.before, r.formula, r.optimised]));
  const W = 760, row = 16, H = rows.length * row + 30, L = 130;
  const chart = svg('svg', { id: 'bars', width: W, height: H, viewBox: `0 0 ${W} ${H}` });
  const x = v => L + (W - L - 20) * v / max;
  rows.forEach((r, i) => {
    const y = 10 + i * row;
    const label = svg('text', { x: L - 6, y: y + 10, 'text-anchor': 'end', class: 'region-label', 'data-region': r.id },
      r.name.length > 18 ? r.name.slice(0, 17) + '…' : r.name, svg('title', {}, `${r.name}: click to set its floor or cap in the next scenario`));
    label.addEventListener('click', () => editRegion(r.id, r.name));
    chart.append(label);
    [['before', '#bbb'], ['formula', '#ff7f0e'], ['optimised', '#1f77b4']].forEach(([k, c], j) =>
      chart.append(svg('rect', { x: L, y: y + j * 4, width: Math.max(0, x(r[k]) - L), height: 4, fill: c, class: 'bar ' + k })));
  });
  chart.append(svg('line', { x1: x(1), x2: x(1), y1: 0, y2: H - 20, stroke: '#444', 'stroke-dasharray': '3,3' }));
  chart.append(svg('text', { x: x(1) + 3, y: H - 8 }, 'coverage 1'));
  const legend = svg('g', { transform: `translate(${L},${H - 8})` });
  [['before', '#bbb'], ['formula', '#ff7f0e'], ['optimised', '#1f77b4']].forEach(([k, c], j) =>
    legend.append(svg('rect', { x: j * 90, y: -8, width: 10, height: 8, fill: c }), svg('text', { x: j * 90 + 14, y: 0 }, t(k))));
  chart.append(legend);
  return chart;
}

/** series: [{label, gini, points: [[value per head, population]]}] */
/** series: [{label, gini, points: [[value per head, population]]}] */
function lorenzChart(series) {
  const W = 420, H = 420, P = 40;
  const chart = svg('svg', { id: 'lorenz', width: W, height: H, viewBox: `0 0 ${W} ${H}` });
  const X = f => P + (W - 2 * P) * f, Y = f => H - P - (H - 2 * P) * f;
  chart.append(svg('rect', { x: X(0), y: Y(1), width: X(1) - X(0), height: Y(0) - Y(1), fill: 'none', stroke: '#ccc' }));
  chart.append(svg('line', { x1: X(0), y1: Y(0), x2: X(1), y2: Y(1), stroke: '#999', 'stroke-dasharray': '4,3' }));
  chart.append(svg('text', { x: X(0.5), y: H - 10, 'text-anchor': 'middle' }, 'share of population'));
  chart.append(svg('text', { x: 12, y: Y(0.5), transform: `rotate(-90 12 ${Y(0.5)})`, 'text-anchor': 'middle' }, 'share of resources'));
  series.forEach((s, i) => {
    const pts = s.points.filter(p => p[1] > 0 && isFinite(p[0]) && isFinite(p[1])).sort((a, b) => a[0] - b[0]);
    const people = pts.reduce((t, p) => t + p[1], 0), total = pts.reduce((t, p) => t + p[0] * p[1], 0);
    let cx = 0, cy = 0;
    const path = [[0, 0]];
    for (const [v, w] of pts) { cx += w / people; cy += v * w / total; path.push([cx, cy]); }
    const c = COLORS[i % COLORS.length];
    chart.append(svg('polyline', { points: path.map(([a, b]) => `${X(a)},${Y(b)}`).join(' '), fill: 'none', stroke: c, 'stroke-width': 2, class: 'lorenz ' + s.label.replace(/\W+/g, '-') }));
    chart.append(svg('text', { x: X(0.03), y: Y(0.95) + i * 14, fill: c }, `${s.label}: Gini ${fmt(s.gini, 4)}`));
  });
  return chart;
}
