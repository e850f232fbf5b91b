// The forms that start new jobs from a job: edit and re-solve (a JSON Merge Patch, sites and regions clicked on the
// map and the bars) and a sweep. Uses el, $, t, api and showErrors of app.js at run time.
'use strict';

// ---- edit and re-solve: the inputs people change, sent as a JSON Merge Patch on this job's problem ----
// Sites clicked on the map: id -> the state asked for ('required': force open; 'closed': force closed).
let siteOverrides = new Map();
// Regions clicked on the coverage bars: id -> {minTransfer, maxTransfer} inputs in the edit form.
let regionOverrides = new Map();

function editRegion(id, name) {
  const list = $('#region-overrides');
  if (!list || regionOverrides.has(id)) return;
  const min = el('input', { type: 'number', step: 'any', min: '0', class: 'region-min', 'data-region': id, placeholder: t('floor') });
  const max = el('input', { type: 'number', step: 'any', min: '0', class: 'region-max', 'data-region': id, placeholder: t('cap') });
  regionOverrides.set(id, { min, max });
  list.append(el('li', {}, `${name}: `, t('floor'), ' ', min, ' ', t('cap'), ' ', max));
  min.focus();
}

function cycleSite(site, shape) {
  const next = { undefined: 'required', required: 'closed', closed: undefined }[siteOverrides.get(site.id)];
  if (next) siteOverrides.set(site.id, next); else siteOverrides.delete(site.id);
  shape.classList.toggle('forced-open', next === 'required');
  shape.classList.toggle('forced-closed', next === 'closed');
  const list = $('#site-overrides');
  if (list) list.replaceChildren(...[...siteOverrides].map(([id, st]) => el('li', {}, `${id}: ${st === 'required' ? 'force open' : 'force closed'}`)));
}

function editForm(job, problem) {
  const rules = problem.rules || {};
  const fields = problem.kind === 'funds'
    ? [...(problem.years ? problem.years.map((y, n) => [`${t('budget')} ${y.label || n + 1}`, ['years', n, 'budget'], y.budget]) : [['budget', ['budget'], problem.budget]]),
       ['unit', ['unit'], problem.unit],
       ['guaranteed coverage', ['rules', 'guaranteedCoverage'], rules.guaranteedCoverage],
       ['hold harmless', ['rules', 'holdHarmless'], rules.holdHarmless],
       ['max growth', ['rules', 'maxGrowth'], rules.maxGrowth],
       ...(problem.years ? [['year-on-year growth', ['rules', 'yearOnYear', 'maxGrowth'], rules.yearOnYear && rules.yearOnYear.maxGrowth],
         ['year-on-year decline', ['rules', 'yearOnYear', 'maxDecline'], rules.yearOnYear && rules.yearOnYear.maxDecline]] : [])]
    : [['capital budget', ['limits', 'budget'], problem.limits && problem.limits.budget],
       ['equity weight', [t('objective'), 'equityWeight'], problem.objective && problem.objective.equityWeight],
       ...problem.services.map((s, n) => [`travel standard: ${s.name || s.id}`, ['services', n, 'maxDistance'], s.maxDistance])];
  const inputs = fields.map(([label, path, value]) => {
    const input = el('input', { type: 'number', step: 'any', 'data-path': JSON.stringify(path), 'data-original': value ?? '' });
    if (value != null) input.value = value;
    return el('label', {}, label, ' ', input);
  });
  // Rank preservation: on or off, and its tolerance (true in a problem is the rule with its defaults).
  const rankNow = problem.kind === 'funds' && rules.rankPreservation != null && rules.rankPreservation !== false
    && !(typeof rules.rankPreservation === 'object' && rules.rankPreservation.by === 'off');
  const rankToleranceNow = typeof rules.rankPreservation === 'object' ? rules.rankPreservation.tolerance : undefined;
  const rankBox = el('input', { type: 'checkbox', id: 'edit-rank' });
  rankBox.checked = rankNow;
  const rankTolerance = el('input', { type: 'number', step: 'any', min: '0', id: 'edit-rank-tolerance' });
  if (rankToleranceNow != null) rankTolerance.value = rankToleranceNow;
  const rankFields = problem.kind === 'funds'
    ? [el('label', {}, rankBox, ' ', t('keep the order of regions (rank preservation)')), el('label', {}, t('tolerance'), ' ', rankTolerance)]
    : [];
  const seconds = el('input', { type: 'number', min: '0.1', step: '0.1', value: String(job.limitSeconds), id: 'edit-seconds' });
  const overrides = problem.kind === 'facilities'
    ? [el('p', { class: 'hint' }, t('Click a site on the map to force it open, then closed, then free again.')), el('ul', { id: 'site-overrides' })]
    : [el('p', { class: 'hint' }, t('Click a region on the coverage bars to set its floor or cap (in yuan).')), el('ul', { id: 'region-overrides' })];
  const errors = el('ul', { class: 'errors', id: 'edit-errors' });
  const form = el('form', { id: 'edit-form' }, el('h3', {}, t('Edit and re-solve')),
    el('p', { class: 'hint' }, t('Change what you want to try; the new job starts from this plan where it still fits.')),
    ...inputs, ...rankFields, ...overrides, el('label', {}, t('Time limit (s)'), ' ', seconds), el('button', { type: 'submit', id: 'edit-submit' }, t('Re-solve')), errors);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    errors.replaceChildren();
    const edited = JSON.parse(JSON.stringify(problem));
    const patch = {};
    for (const input of form.querySelectorAll('input[data-path]')) {
      const path = JSON.parse(input.dataset.path);
      // Only what changed goes into the patch.
      if (input.value === '' || (input.dataset.original !== '' && Number(input.value) === Number(input.dataset.original))) continue;
      let target = edited;
      for (const k of path.slice(0, -1)) target = target[k] = target[k] ?? {};
      target[path[path.length - 1]] = Number(input.value);
      // Arrays are replaced whole by a merge patch: a changed service sends the services list.
      const top = path[0];
      patch[top] = edited[top];
    }
    if (problem.kind === 'funds') {
      const tolerance = rankTolerance.value === '' ? undefined : Number(rankTolerance.value);
      if (rankBox.checked !== rankNow || (rankBox.checked && tolerance !== rankToleranceNow && rankTolerance.value !== '')) {
        patch.rules = Object.assign({}, patch.rules || edited.rules || {},
          { rankPreservation: rankBox.checked ? { by: 'coverage', tolerance: tolerance ?? 0 } : false });
      }
      const changed = [...regionOverrides].filter(([, v]) => v.min.value !== '' || v.max.value !== '');
      if (changed.length) {
        const byId = new Map(changed);
        patch.regions = problem.regions.map(r => {
          const v = byId.get(r.id);
          if (!v) return r;
          const out = Object.assign({}, r);
          if (v.min.value !== '') out.minTransfer = Number(v.min.value);
          if (v.max.value !== '') out.maxTransfer = Number(v.max.value);
          return out;
        });
      }
    }
    if (problem.kind === 'facilities' && siteOverrides.size) {
      patch.sites = problem.sites.map(st => siteOverrides.has(st.id) ? Object.assign({}, st, { state: siteOverrides.get(st.id) }) : st);
    }
    if (!Object.keys(patch).length) {
      errors.append(el('li', {}, 'change a value first'));
      return;
    }
    try {
      const created = await api(`/api/jobs/${job.id}/scenarios?seconds=` + encodeURIComponent(seconds.value), { method: 'POST', body: JSON.stringify(patch) });
      await refreshJobs();
      showJob(created.id);
    } catch (err) {
      showErrors(errors, err);
    }
  });
  return form;
}

// ---- a sweep of one parameter (a second for a grid) of this job's problem ----
function sweepForm(job, problem) {
  const params = problem.kind === 'funds'
    ? [['/budget', 'budget'], ['/rules/guaranteedCoverage', 'guaranteed coverage'], ['/rules/holdHarmless', 'hold harmless']]
    : [['/limits/budget', 'capital budget'], ['/objective/equityWeight', 'equity weight'],
       ...problem.services.map((s, n) => [`/services/${n}/maxDistance`, `travel standard: ${s.name || s.id}`]),
       ...problem.services.map(s => [`/limits/open/${s.id}/exactly`, `open ${s.name || s.id} sites (exactly)`])];
  const select = el('select', { id: 'sweep-parameter' }, params.map(([v, l]) => el('option', { value: v }, l)));
  const values = el('input', { id: 'sweep-values', placeholder: 'values, comma-separated: 6.5e12, 7e12, 7.4e12', size: 40 });
  const seconds = el('input', { id: 'sweep-seconds', type: 'number', min: '0.1', step: '0.1', value: String(Math.min(job.limitSeconds, 10)) });
  const errors = el('ul', { class: 'errors', id: 'sweep-errors' });
  const form = el('form', { id: 'sweep-form' }, el('h3', {}, t('Sweep a parameter')),
    el('p', { class: 'hint' }, t('One job per value; the curve shows what each buys, the efficient points marked.')),
    el('label', {}, t('Parameter'), ' ', select), el('label', {}, t('Values'), ' ', values), el('label', {}, t('Time limit per point (s)'), ' ', seconds),
    el('button', { type: 'submit', id: 'sweep-submit' }, t('Sweep')), errors);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    errors.replaceChildren();
    const list = values.value.split(',').map(v => v.trim()).filter(v => v !== '').map(Number);
    if (!list.length || list.some(v => !isFinite(v))) { errors.append(el('li', {}, 'give numbers, comma-separated')); return; }
    try {
      const created = await api('/api/sweeps', { method: 'POST', body: JSON.stringify({ job: job.id, parameter: select.value, values: list, seconds: Number(seconds.value) }) });
      refreshJobs();
      showSweep(created.id);
    } catch (err) {
      showErrors(errors, err);
    }
  });
  return form;
}
