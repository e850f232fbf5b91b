// Equiplan's page: plain JavaScript over the HTTP API, nothing loaded from elsewhere. The language is i18n.js
// (loaded first), the edit and sweep forms forms.js, each kind's answer facilities.js and funds.js, comparisons
// compare.js, the charts charts.js and the map map.js (on Leaflet); they share this file's helpers.
'use strict';

const $ = (sel, root = document) => root.querySelector(sel);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const c of children.flat()) e.append(c instanceof Node ? c : document.createTextNode(c ?? ''));
  return e;
};
const SVG = 'http://www.w3.org/2000/svg';
const svg = (tag, attrs = {}, ...children) => {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c));
  return e;
};

// Numbers in the page's language; in Chinese large ones in 万 and 亿, as people write them.
const fmt = (v, d = 3) => {
  if (v == null) return '';
  const n = Number(v);
  if (lang === 'zh' && Math.abs(n) >= 1e5) return n.toLocaleString('zh-CN', { notation: 'compact', maximumFractionDigits: 2 });
  return n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: d });
};
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf'];

// ---- the API, with the session's token when the service asks for one (serve --auth tokens) ----
let apiToken = sessionStorage.getItem('equiplan-token');

// A URL a browser fetches by itself (EventSource, a download link) cannot carry a header: the token goes as a
// query parameter there, which the service accepts on GET only.
const withToken = path => apiToken ? path + (path.includes('?') ? '&' : '?') + 'access_token=' + encodeURIComponent(apiToken) : path;

/** An API error in a form's error list: each field error with its field, else the message. */
function showErrors(list, err) {
  const details = err.body && err.body.details || [];
  if (!details.length) list.append(el('li', {}, err.message));
  for (const d of details) list.append(el('li', {}, el('code', {}, d.field), ': ', d.message));
}

async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers);
  if (apiToken) headers.Authorization = 'Bearer ' + apiToken;
  if (typeof options.body === 'string' && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
  const r = await fetch(path, Object.assign({}, options, { headers }));
  const text = await r.text();
  const body = text && (r.headers.get('content-type') || '').includes('json') ? JSON.parse(text) : text;
  if (r.status === 401) askForToken(body.error);
  if (!r.ok) throw Object.assign(new Error(body.error || r.statusText), { body });
  return body;
}

function askForToken(reason) {
  const form = $('#token-form');
  if (!form.hidden) return;
  $('#token-reason').textContent = reason || '';
  form.hidden = false;
  $('#token').focus();
}

$('#token-form').addEventListener('submit', e => {
  e.preventDefault();
  apiToken = $('#token').value.trim();
  sessionStorage.setItem('equiplan-token', apiToken);
  $('#token').value = '';
  $('#token-form').hidden = true;
  $('#csv-template').href = withToken('/api/imports/regions/template.csv');
  $('#example').replaceChildren(el('option', { value: '' }, '(choose)'));
  loadExamples().catch(() => {});
  refreshJobs().catch(() => {});
});

// ---- submitting ----
async function loadExamples() {
  const names = await api('/api/examples');
  for (const n of names) $('#example').append(el('option', { value: n }, n));
}

$('#file').addEventListener('change', () => {
  const f = $('#file').files[0];
  $('#csv-fields').hidden = !(f && f.name.toLowerCase().endsWith('.csv'));
  $('#csv-template').href = withToken('/api/imports/regions/template.csv');
});

/** A CSV of regions (id, name, population, standardRevenue, standardExpenditure[, previousTransfer, group]). */
$('#submit-form').addEventListener('submit', async e => {
  e.preventDefault();
  const errors = $('#errors');
  errors.replaceChildren();
  try {
    let body;
    const f = $('#file').files[0];
    if (f) {
      const text = await f.text();
      const name = f.name.replace(/\.[^.]*$/, '');
      if (f.name.toLowerCase().endsWith('.csv')) {
        // The service reads the CSV (quoted fields, Chinese names) and names every bad cell by line and column.
        const query = new URLSearchParams({ name, unit: $('#csv-unit').value || '1' });
        if ($('#csv-budget').value !== '') query.set('budget', $('#csv-budget').value);
        const categories = $('#csv-categories').files[0];
        let request = { method: 'POST', body: text, headers: { 'Content-Type': 'text/csv' } };
        if (categories) {
          // With spending categories (their budgets earmark them) the CSV and the JSON go as one form.
          const form = new FormData();
          form.append('regions', f);
          form.append('categories', categories);
          request = { method: 'POST', body: form };
        }
        body = JSON.stringify(await api('/api/imports/regions?' + query, request));
      } else {
        body = text;
      }
    } else if ($('#example').value) {
      body = JSON.stringify(await api('/api/examples/' + encodeURIComponent($('#example').value)));
    } else {
      errors.append(el('li', {}, 'choose an example or a file'));
      return;
    }
    const job = await api('/api/jobs?seconds=' + encodeURIComponent($('#seconds').value), { method: 'POST', body });
    await refreshJobs();
    showJob(job.id);
  } catch (err) {
    showErrors(errors, err);
  }
});

// Facilities from two spreadsheets: the service builds the problem (errors by file, line and column), then it is
// submitted as any problem, with the time limit above.
$('#places-form').addEventListener('submit', async e => {
  e.preventDefault();
  const errors = $('#places-errors');
  errors.replaceChildren();
  const villages = $('#places-villages').files[0], sites = $('#places-sites').files[0];
  if (!villages || !sites) { errors.append(el('li', {}, 'choose both files')); return; }
  const form = new FormData();
  form.append('villages', villages);
  form.append('sites', sites);
  const query = new URLSearchParams({ name: villages.name.replace(/\.[^.]*$/, '') });
  $('#places-services').value.split(',').map(v => v.trim()).filter(v => v).forEach(v => query.append('service', v));
  try {
    const problem = await api('/api/imports/places?' + query, { method: 'POST', body: form });
    const job = await api('/api/jobs?seconds=' + encodeURIComponent($('#seconds').value), { method: 'POST', body: JSON.stringify(problem) });
    await refreshJobs();
    showJob(job.id);
  } catch (err) {
    showErrors(errors, err);
  }
});

// ---- job list, live ----
const streams = new Map();
const selected = new Set();
let current = null;

async function refreshJobs() {
  const page = await api('/api/jobs?limit=100');
  const rows = page.items.map(j => {
    const box = el('input', { type: 'checkbox', 'data-id': j.id });
    box.checked = selected.has(j.id);
    box.addEventListener('change', () => {
      box.checked ? selected.add(j.id) : selected.delete(j.id);
      $('#compare-button').disabled = selected.size < 2;
    });
    const actions = el('td', {},
      el('button', { type: 'button', onclick: () => showJob(j.id) }, t('view')), ' ',
      j.status === 'SOLVING' || j.status === 'QUEUED'
        ? el('button', { type: 'button', onclick: () => api(`/api/jobs/${j.id}/stop`, { method: 'POST' }).then(refreshJobs) }, t('stop'))
        : el('button', { type: 'button', onclick: () => api(`/api/jobs/${j.id}`, { method: 'DELETE' }).then(refreshJobs) }, t('delete')));
    const tr = el('tr', { 'data-id': j.id, class: j.id === current ? 'selected' : '' },
      el('td', {}, box), el('td', {}, j.name), el('td', {}, j.kind),
      el('td', { class: 'status status-' + j.status }, j.status), el('td', { class: 'score' }, j.score ? listScore(j.score) : ''), actions);
    if ((j.status === 'SOLVING' || j.status === 'QUEUED') && !streams.has(j.id)) watch(j.id);
    return tr;
  });
  $('#jobs tbody').replaceChildren(...rows);
  const shown = page.items.find(j => j.id === current);
  if (shown && shownStatus !== undefined && shown.status !== shownStatus) showJob(current);
}

function watch(id) {
  const es = new EventSource(withToken(`/api/jobs/${id}/events`));
  streams.set(id, es);
  es.addEventListener('best', ev => {
    const cell = $(`#jobs tr[data-id="${id}"] .score`);
    if (cell) cell.textContent = JSON.parse(ev.data).score;
  });
  es.addEventListener('end', () => {
    es.close();
    streams.delete(id);
    refreshJobs();
    if (current === id) showJob(id);
  });
  es.onerror = () => { es.close(); streams.delete(id); };
}

// ---- one job ----
// Each detail view (a job or a comparison) takes a new number; a slower, older one stops drawing.
let view = 0;
// The status the detail shows, so the list's refresh can redraw it if an 'end' event was missed.
let shownStatus;

async function showJob(id) {
  const token = ++view;
  siteOverrides = new Map();
  regionOverrides = new Map();
  current = id;
  shownStatus = undefined;
  document.querySelectorAll('#jobs tr').forEach(tr => tr.classList.toggle('selected', tr.dataset.id === id));
  const detail = $('#detail');
  const job = await api('/api/jobs/' + id);
  if (token !== view) return;
  shownStatus = job.status;
  detail.replaceChildren(el('h2', {}, job.name, ' ', el('span', { class: 'status status-' + job.status }, job.status)),
    el('p', { class: 'score' }, job.score || 'no score yet'),
    el('p', { class: 'hint' }, `solved ${(job.solvedMillis / 1000).toFixed(1)} s of ${job.limitSeconds} s`
      + (job.worker ? ` on ${job.worker}` : '')));
  if (job.error) detail.append(el('p', { class: 'errors' }, job.error));
  if (job.status === 'SOLVING' || job.status === 'QUEUED') detail.append(progressView(job, token));
  let solution, problem;
  try {
    solution = await api(`/api/jobs/${id}/solution`);
  } catch (e) {
    if (token === view) detail.append(el('p', { class: 'hint' }, t('No solution yet.')));
    return;
  }
  problem = await api(`/api/jobs/${id}/problem`);
  if (token !== view) return;
  // The score as a person reads it (cost units, rules broken, demand beyond the standard); the raw score on hover.
  const scoreLine = detail.querySelector('p.score');
  if (scoreLine && solution.score) scoreLine.replaceChildren((solution.feasible ? '' : '✗ ') , readableScore(solution.score, solution));
  if (job.parent) {
    const show = v => v == null ? '(none)' : typeof v === 'number' ? fmt(v, 6) : typeof v === 'object' ? JSON.stringify(v).slice(0, 60) : String(v);
    const changes = (job.changes || []).slice(0, 10).map(c => el('li', {}, el('code', {}, c.path), ` ${show(c.from)} → ${show(c.to)}`));
    detail.append(el('div', { class: 'hint lineage' }, t('Scenario of '),
      el('a', { href: '#', onclick: e => { e.preventDefault(); showJob(job.parent); } }, t('its parent job')),
      job.changes ? ', changed:' : ', changed by ' + JSON.stringify(job.patch).slice(0, 200),
      el('ul', {}, changes), (job.changes || []).length > 10 ? `and ${job.changes.length - 10} more` : ''));
  }
  if (solution.kind === 'facilities') facilitiesView(detail, problem, solution); else fundsView(detail, solution);
  detail.append(el('p', {}, el('a', { href: withToken(`/api/jobs/${id}/solution.csv`) }, t('download CSV'))));
  detail.append(editForm(job, problem), sweepForm(job, problem));
  let analysis;
  try { analysis = await api(`/api/jobs/${id}/analysis`); } catch (e) { return; /* nothing to explain yet */ }
  if (token === view) analysisView(detail, analysis, solution);
}

// ---- live progress of a job being solved: elapsed against the limit, the best score over time ----
// The score's leading level that is not zero is what improves; it is what the curve shows.
function leadingLevel(score) {
  const parts = score.split('/').map(p => [p.replace(/^-?[0-9.]+/, ''), Number(p.replace(/[a-z]+$/i, ''))]);
  return parts.find(([, v]) => v !== 0) || parts[parts.length - 1];
}

function progressView(job, token) {
  const points = (job.history || []).map(p => [p.elapsedMillis, p.score]);
  const limit = job.limitSeconds * 1000;
  const text = el('p', { class: 'hint', id: 'progress-text' });
  const bar = el('div', { class: 'bar-outer' }, el('div', { class: 'bar-inner' }));
  const chart = progressChart(job.limitSeconds);
  const box = el('div', { id: 'progress' }, el('h3', {}, t('Solving')), text, bar, chart);
  const draw = elapsed => {
    text.textContent = lang === 'zh' ? `已用 ${(elapsed / 1000).toFixed(1)} 秒，共 ${job.limitSeconds} 秒` : `${(elapsed / 1000).toFixed(1)} s of ${job.limitSeconds} s`;
    bar.firstChild.style.width = Math.min(100, 100 * elapsed / limit).toFixed(1) + '%';
    chart.update(points, elapsed / 1000);
  };
  let elapsed = job.solvedMillis || 0;
  draw(elapsed);
  const es = new EventSource(withToken(`/api/jobs/${job.id}/events`));
  const started = Date.now() - elapsed;
  const tick = setInterval(() => { if (token !== view) { clearInterval(tick); es.close(); return; } draw(Date.now() - started); }, 500);
  es.addEventListener('best', ev => {
    const p = JSON.parse(ev.data);
    points.push([p.elapsedMillis, p.score]);
  });
  es.addEventListener('end', () => { es.close(); clearInterval(tick); if (token === view) showJob(job.id); });
  es.onerror = () => { es.close(); };
  return box;
}

// ---- sweeps: one job per value of a parameter, drawn as a trade-off curve ----
async function showSweep(id) {
  const token = ++view;
  current = null;
  const detail = $('#detail');
  for (;;) {
    const sweep = await api('/api/sweeps/' + id);
    if (token !== view) return;
    const byName = Object.fromEntries(sweep.figures.map(f => [f.name, f]));
    const done = sweep.points.every(p => p.status && p.status !== 'QUEUED' && p.status !== 'SOLVING');
    detail.replaceChildren(el('h2', { id: 'sweep-title' }, sweep.name),
      el('p', { class: 'hint' }, done ? t('All points solved.') : t('Solving the points...'),
        ' ', el('a', { href: withToken(`/api/sweeps/${id}.csv`) }, t('download CSV'))));
    if (sweep.tradeOff.length === 2) detail.append(sweepChart(sweep, byName));
    detail.append(sortableTable([sweep.parameter, 'status', ...sweep.figures.map(f => f.label), 'efficient'],
      sweep.points.map(p => [p.value, p.status || '', ...sweep.figures.map(f => p.figures ? p.figures[f.name] ?? '' : ''), p.efficient ? 'yes' : ''])));
    if (done) return;
    await new Promise(r => setTimeout(r, 2000));
  }
}

function cards(items) {
  return el('div', { class: 'cards' }, items.map(([label, value]) => el('div', { class: 'card' }, label, el('b', {}, value))));
}

// A table that sorts by any column; long ones get a search box and show the first rows of the current order
// (sort a column the other way for the bottom of the list).
function sortableTable(headers, rows, shown = 200) {
  const table = el('table', { class: 'sortable-table' });
  let sortBy = -1, asc = true, query = '';
  const body = el('tbody');
  const note = el('p', { class: 'hint table-note' });
  const render = () => {
    const q = query.trim().toLowerCase();
    const kept = q ? rows.filter(r => r.some(v => String(v).toLowerCase().includes(q))) : rows;
    const sorted = sortBy < 0 ? kept : [...kept].sort((a, b) => {
      const x = a[sortBy], y = b[sortBy];
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return asc ? c : -c;
    });
    body.replaceChildren(...sorted.slice(0, shown).map(r => el('tr', {}, r.map(v => el('td', { class: typeof v === 'number' ? 'num' : '' }, typeof v === 'number' ? fmt(v, 4) : v)))));
    note.textContent = sorted.length > shown ? `${fmt(shown, 0)} of ${fmt(sorted.length, 0)} rows shown; search or sort to see others` : '';
  };
  table.append(el('thead', {}, el('tr', {}, headers.map((h, i) => el('th', { class: 'sortable', onclick: () => { asc = sortBy === i ? !asc : true; sortBy = i; render(); } }, h)))), body);
  render();
  const parts = [];
  if (rows.length > 30) {
    const search = el('input', { type: 'search', class: 'table-search', placeholder: lang === 'zh' ? '搜索' : 'search' });
    search.addEventListener('input', () => { query = search.value; render(); });
    parts.push(search);
  }
  return el('div', { class: 'scroll' }, ...parts, table, note);
}

// A score in the units of the cost cards: the soft level divided by the answer's scale; the raw score in a tooltip.
/** The job list has no cost scale at hand: whether the plan keeps the rules, and its demand beyond the standard. */
function listScore(score) {
  const [hard, medium] = score.split('/').map(p => Number(p.replace(/[a-z]+$/i, '')));
  const text = hard < 0 ? `${fmt(-hard, 0)} ${t('rule(s) broken')}`
    : medium < 0 ? `${t('feasible')}; ${fmt(-medium, 0)} ${t('beyond the standard')}` : t('feasible');
  return el('span', { class: 'readable-score', title: score }, text);
}

function readableScore(score, solution) {
  return el('span', { class: 'readable-score', title: score }, scoreText(score, solution));
}

function scoreText(score, solution) {
  const scale = solution.costScale || solution.scoreScale || 1;
  const [hard, medium, soft] = score.split('/').map(p => Number(p.replace(/[a-z]+$/i, '')));
  const parts = [];
  if (hard) parts.push(`${fmt(hard, 0)} broken rule(s)`);
  if (medium) parts.push(`${fmt(-medium, 0)} beyond the standard`);
  if (soft || !parts.length) parts.push(`cost ${fmt(-soft / scale, 2)}`);
  return parts.join(', ');
}

function analysisView(root, a, solution) {
  const box = el('div', { id: 'analysis' }, el('h3', {}, t('Why: the score explained')),
    el('p', { class: 'hint' }, t('In the units of the cost cards above; hover for the raw score.')));
  for (const c of a.constraints) {
    box.append(el('details', {}, el('summary', {}, `${t(c.name)}: `, readableScore(c.score, solution), lang === 'zh' ? `（${c.matches} 项）` : ` (${c.matches} matches)`),
      el('ul', {}, c.top.map(m => el('li', {}, readableScore(m.score, solution), ' ', m.about.join(', '))))));
  }
  if (a.villages) {
    box.append(el('h3', {}, t('Villages that weigh most')), sortableTable(['village', 'service', 'site', 'distance', 'nearest open', 'score', 'reason'],
      a.villages.slice(0, 30).map(v => [v.demand, v.service, v.site, v.distance, v.nearestOpenSite || '', scoreText(v.score, solution), tr(v.reason)])));
  }
  if (a.regions) {
    box.append(el('h3', {}, t('Regions')), sortableTable(['region', 'amount', 'coverage', 'score', 'reason'],
      a.regions.map(r => [r.region, r.amount, r.coverage, scoreText(r.score, solution), tr(r.reason || '')])));
  }
  root.append(box);
}

$('#lang').addEventListener('click', () => {
  lang = lang === 'zh' ? 'en' : 'zh';
  localStorage.setItem('equiplan-lang', lang);
  translatePage();
  refreshJobs().catch(() => {});
  if (current) showJob(current);
});
translatePage();
loadExamples().catch(() => {});
refreshJobs().catch(() => {});
setInterval(() => { if ($('#token-form').hidden) refreshJobs().catch(() => {}); }, 3000);
