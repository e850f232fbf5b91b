// The page's charts, drawn by ECharts (served from its WebJar, SVG renderer so that screenshots and tests see
// the drawing): the sweep's trade-off curve, coverage before and after transfers (bars, or a histogram for
// county-scale problems), Lorenz curves and the live progress of a solve. Uses el, fmt, t and COLORS of app.js.
'use strict';

// One colour per meaning across every chart: before transfers, the formula's plan, the optimised plan.
const SERIES_COLORS = { before: '#9e9e9e', formula: '#ff7f0e', optimised: '#1f77b4' };

/**
 * A chart box of the given size; ECharts draws into it once it is in the page (it needs a size), and
 * {@code onClick} receives ECharts' click events. The instance is kept on the box as {@code box.chart}.
 */
function echart(id, width, height, option, onClick) {
  const box = el('div', { id, class: 'chart' });
  // Sizes through the style object: the page's content security policy refuses style attributes.
  box.style.width = width + 'px';
  box.style.height = height + 'px';
  box.style.maxWidth = '100%';
  const sized = new ResizeObserver(() => {
    if (box.clientWidth > 0 && box.clientHeight > 0) {
      sized.disconnect();
      box.chart = echarts.init(box, null, { renderer: 'svg' });
      box.chart.setOption(option);
      if (onClick) box.chart.on('click', onClick);
    }
  });
  sized.observe(box);
  return box;
}

const AXIS_NAME = { nameLocation: 'middle', nameTextStyle: { color: '#333' } };

/** Large numbers short enough for an axis: 5.7T (or 5.7万亿 in Chinese). */
function compact(v) {
  const a = Math.abs(v);
  const steps = lang === 'zh' ? [[1e12, '万亿'], [1e8, '亿'], [1e4, '万']] : [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'k']];
  for (const [size, suffix] of steps) if (a >= size) return fmt(v / size, a >= 10 * size ? 1 : 2) + suffix;
  return fmt(v, a >= 100 ? 0 : 3);
}

function sweepChart(sweep, byName) {
  const [fx, fy] = sweep.tradeOff;
  const pts = sweep.points.filter(p => p.figures && p.figures[fx] != null && p.figures[fy] != null);
  const axisLabel = f => byName[f].label + (byName[f].higherIsBetter ? ' (higher is better)' : ' (lower is better)');
  const front = pts.filter(p => p.efficient).sort((a, b) => a.figures[fx] - b.figures[fx]);
  const point = p => ({
    value: [p.figures[fx], p.figures[fy]], job: p.job, name: String(p.value),
    symbolSize: p.efficient ? 12 : 8,
    itemStyle: { color: p.efficient ? COLORS[0] : '#fff', borderColor: COLORS[0], borderWidth: 2 }
  });
  const option = {
    animation: false,
    grid: { left: 80, right: 40, top: 30, bottom: 60 },
    tooltip: { trigger: 'item', formatter: p => p.seriesName === 'points' ? `${sweep.parameter} = ${p.name}: ${t('click to open its job')}` : '' },
    xAxis: { type: 'value', scale: true, name: axisLabel(fx), nameGap: 30, axisLabel: { formatter: compact }, ...AXIS_NAME },
    yAxis: { type: 'value', scale: true, name: axisLabel(fy), nameGap: 60, axisLabel: { formatter: compact }, ...AXIS_NAME },
    series: [
      { id: 'front', name: 'front', type: 'line', data: front.map(p => [p.figures[fx], p.figures[fy]]), symbol: 'none', lineStyle: { color: COLORS[0], width: 2 }, silent: true },
      { id: 'points', name: 'points', type: 'scatter', data: pts.map(point), label: { show: true, position: 'top', formatter: p => compact(Number(p.name)) } }
    ]
  };
  const chart = echart('sweep-chart', 560, 380, option, p => { if (p.data && p.data.job) showJob(p.data.job); });
  // The same points as links, for keyboards and screen readers.
  const list = el('ul', { id: 'sweep-points', class: 'hint' }, pts.map(p => el('li', {},
    el('a', { href: '#', class: 'sweep-point' + (p.efficient ? ' efficient' : ''), onclick: e => { e.preventDefault(); showJob(p.job); } },
      `${sweep.parameter} = ${fmt(p.value, 3)}`), `: ${byName[fx].label} ${fmt(p.figures[fx], 3)}, ${byName[fy].label} ${fmt(p.figures[fy], 3)}`
      + (p.efficient ? ` (${t('efficient')})` : ''))));
  return el('div', {}, chart, list);
}

// Many regions (a county-scale problem): how many regions reach each coverage, before, by the formula and optimised.
function coverageHistogram(s) {
  const series = [['before', s.allocations.map(a => a.coverageBefore)],
    ['formula', s.baseline.allocations.map(a => a.coverage)], ['optimised', s.allocations.map(a => a.coverage)]];
  const all = series.flatMap(([, v]) => v).filter(isFinite);
  const lo = Math.min(...all), hi = Math.max(...all), bins = 24, width = (hi - lo) / bins || 1;
  const counts = series.map(([, v]) => { const c = new Array(bins).fill(0); v.forEach(x => c[Math.min(bins - 1, Math.floor((x - lo) / width))]++); return c; });
  const labels = counts[0].map((_, i) => `${fmt(lo + i * width, 2)}–${fmt(lo + (i + 1) * width, 2)}`);
  return echart('coverage-histogram', 780, 300, {
    animation: false,
    legend: { top: 0 },
    grid: { left: 60, right: 20, top: 40, bottom: 70 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: labels, name: lang === 'zh' ? '保障水平' : 'coverage', nameGap: 50, axisLabel: { rotate: 40 }, ...AXIS_NAME },
    yAxis: { type: 'value', name: lang === 'zh' ? '地区数' : 'regions', nameGap: 40, ...AXIS_NAME },
    series: series.map(([k], i) => ({ id: k, name: t(k), type: 'bar', data: counts[i], itemStyle: { color: SERIES_COLORS[k] } }))
  });
}

function coverageBars(s) {
  if (s.allocations.length > 60) return coverageHistogram(s);
  const rows = s.allocations.map((a, i) => ({ id: a.region, name: a.name || a.region, before: a.coverageBefore, formula: s.baseline.allocations[i].coverage, optimised: a.coverage }));
  const byName = new Map(rows.map(r => [r.name, r]));
  const option = {
    animation: false,
    legend: { top: 0 },
    grid: { left: 140, right: 30, top: 30, bottom: 30 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', name: t('coverage'), nameGap: 22, ...AXIS_NAME },
    // Region names are clickable: set the region's floor or cap for the next scenario.
    yAxis: { type: 'category', inverse: true, data: rows.map(r => r.name), triggerEvent: true,
      axisLabel: { interval: 0, color: '#1f77b4', formatter: v => v.length > 14 ? v.slice(0, 13) + '…' : v } },
    series: ['before', 'formula', 'optimised'].map((k, j) => ({
      id: k, name: t(k), type: 'bar', barGap: 0, data: rows.map(r => r[k]), itemStyle: { color: SERIES_COLORS[k] },
      ...(j === 2 ? { markLine: { silent: true, symbol: 'none', lineStyle: { color: '#444', type: 'dashed' }, label: { formatter: t('coverage 1'), position: 'insideEndTop' }, data: [{ xAxis: 1 }] } } : {})
    }))
  };
  return echart('bars', 780, 18 * rows.length + 80, option, p => {
    const r = byName.get(p.componentType === 'yAxis' ? p.value : p.name);
    if (r) editRegion(r.id, r.name);
  });
}

/** series: [{label, gini, points: [[value per head, population]]}] */
function lorenzChart(series) {
  const curves = series.map((s, i) => {
    const pts = s.points.filter(p => p[1] > 0 && isFinite(p[0]) && isFinite(p[1])).sort((a, b) => a[0] - b[0]);
    const people = pts.reduce((acc, p) => acc + p[1], 0), total = pts.reduce((acc, p) => acc + p[0] * p[1], 0);
    let cx = 0, cy = 0;
    const path = [[0, 0]];
    for (const [v, w] of pts) { cx += w / people; cy += v * w / total; path.push([cx, cy]); }
    return { id: s.label, name: `${t(s.label)}: Gini ${fmt(s.gini, 4)}`, type: 'line', data: path, showSymbol: false,
      lineStyle: { width: 2 }, itemStyle: { color: SERIES_COLORS[s.label] || COLORS[i % COLORS.length] } };
  });
  return echart('lorenz', 460, 460, {
    animation: false,
    legend: { top: 0, orient: 'vertical', left: 70 },
    grid: { left: 60, right: 20, top: 20, bottom: 50 },
    tooltip: { trigger: 'axis', valueFormatter: v => fmt(v, 3) },
    xAxis: { type: 'value', min: 0, max: 1, name: t('share of population'), nameGap: 28, ...AXIS_NAME },
    yAxis: { type: 'value', min: 0, max: 1, name: t('share of resources'), nameGap: 40, ...AXIS_NAME },
    series: [{ id: 'equality', name: t('equality'), type: 'line', data: [[0, 0], [1, 1]], showSymbol: false, silent: true,
      lineStyle: { color: '#999', type: 'dashed' }, itemStyle: { color: '#999' } }, ...curves]
  });
}

/** The best score's leading level over the solve, a step line up to now; updated in place while solving. */
function progressChart(limitSeconds) {
  const box = echart('progress-chart', 460, 170, {
    animation: false,
    grid: { left: 90, right: 20, top: 30, bottom: 35 },
    xAxis: { type: 'value', min: 0, max: limitSeconds, name: 's', nameGap: 20, ...AXIS_NAME },
    yAxis: { type: 'value', scale: true },
    series: [{ id: 'best', name: 'best', type: 'line', step: 'end', showSymbol: false, data: [], lineStyle: { color: COLORS[0], width: 2 } }]
  });
  box.update = (points, elapsedSeconds) => {
    if (!box.chart || !points.length) return;
    const [level] = leadingLevel(points[points.length - 1][1]);
    const ys = points.map(([, sc]) => { const l = sc.split('/').find(p => p.endsWith(level)); return l ? Number(l.replace(level, '')) : 0; });
    const data = points.map(([ms], i) => [ms / 1000, ys[i]]);
    data.push([Math.min(elapsedSeconds, limitSeconds), ys[ys.length - 1]]);
    box.chart.setOption({ title: { text: `${t('best')} ${level}: ${fmt(ys[ys.length - 1], 0)}`, textStyle: { fontSize: 12 }, left: 90 },
      series: [{ id: 'best', data }] });
  };
  return box;
}
