// Comparing the selected jobs: scores, constraints and figures side by side, Lorenz curves of transfer answers,
// each facility plan against the first on a map, and what changed. Loaded after app.js, whose state (selected,
// view, current) and helpers it uses.

// ---- comparing ----
$('#compare-button').addEventListener('click', async () => {
  const ids = [...selected];
  const detail = $('#detail');
  const token = ++view;
  current = null;
  try {
    const c = await api('/api/compare?ids=' + ids.join(','));
    if (token !== view) return;
    detail.replaceChildren(el('h2', {}, `Comparing ${ids.length} ${c.kind} jobs`));
    const names = c.items.map((i, n) => (i.name || 'job') + ' #' + (n + 1));
    if (c.sameProblem === false) {
      // Different problems: no verdict from the scores; say what differs and let the figures speak.
      const label = id => names[c.items.findIndex(i => i.label === id)] || id;
      const show = v => v == null ? '(none)' : typeof v === 'number' ? fmt(v, 6) : typeof v === 'object' ? JSON.stringify(v).slice(0, 80) : String(v);
      detail.append(el('p', { id: 'different-problems', class: 'hint' },
        'These answers solve different problems, so their scores are not compared: read the cost parts, coverage and fairness figures. What differs, against ' + names[0] + ':'),
        el('ul', { id: 'input-differences' }, c.inputs.slice(0, 30).map(i => el('li', {}, `${label(i.label)}: `, el('code', {}, i.path), ` ${show(i.from)} → ${show(i.to)}`))));
    }
    const figures = [...new Set(c.items.flatMap(i => Object.keys(i.figures)))];
    const constraints = [...new Set(c.items.flatMap(i => Object.keys(i.constraints)))];
    const table = el('table', { id: 'compare-table' }, el('thead', {}, el('tr', {}, el('th', {}, ''), names.map(n => el('th', {}, n)))),
      el('tbody', {}, el('tr', {}, el('td', {}, 'score'), c.items.map(i => el('td', { class: 'score' }, i.score))),
        constraints.map(k => el('tr', {}, el('td', {}, t(k)), c.items.map(i => el('td', { class: 'score' }, i.constraints[k] || '0')))),
        figures.map(k => el('tr', {}, el('td', {}, k), c.items.map(i => el('td', { class: 'num' }, fmt(i.figures[k], 4)))))));
    detail.append(table);
    if (c.kind === 'funds') {
      const solutions = await Promise.all(ids.map(id => api(`/api/jobs/${id}/solution`)));
      if (token !== view) return;
      detail.append(el('h3', {}, t('Lorenz curves of per-capita resources')), lorenzChart(solutions.map((s, n) => ({
        label: names[n], gini: s.metrics.optimised.perCapita.gini, points: s.allocations.map(a => [a.perCapita, a.population]) }))));
    }
    if (c.kind === 'facilities') {
      // Each plan against the first on one map: sites it opens ringed green, sites it closes ringed red.
      for (const [n, d] of c.diffs.entries()) {
        const id = ids[c.items.findIndex(i => i.label === d.to)];
        const [problem, solution] = await Promise.all([api(`/api/jobs/${id}/problem`), api(`/api/jobs/${id}/solution`)]);
        if (token !== view) return;
        const map = facilityMap(problem, solution, '', { opened: d.opened, closed: d.closed });
        map.id = 'compare-map-' + n;
        detail.append(el('h3', {}, `${names[c.items.findIndex(i => i.label === d.to)]} against ${names[0]} on the map`),
          el('p', { class: 'hint' }, `green ring: opened (${d.opened.length}); red ring: closed (${d.closed.length}); ${d.reassigned.length} villages served from another site`), map);
      }
    }
    for (const d of c.diffs) {
      const list = el('ul', {});
      d.constraints.filter(x => x.change !== 'same').forEach(x => list.append(el('li', {}, `${t(x.constraint)}: ${t(x.change)} (${x.from} → ${x.to})`)));
      if (d.opened.length || d.closed.length) list.append(el('li', {}, `opened ${d.opened.join(', ') || 'none'}; closed ${d.closed.join(', ') || 'none'}`));
      if (d.reassigned.length) list.append(el('li', {}, `${d.reassigned.length} villages with another site`));
      d.regions.filter(r => r.amountChange !== 0).forEach(r => list.append(el('li', {}, `${r.region}: ${fmt(r.amountChange, 0)} (coverage ${fmt(r.coverageFrom, 4)} → ${fmt(r.coverageTo, 4)})`)));
      if (!list.children.length) list.append(el('li', {}, 'no difference'));
      detail.append(el('h3', {}, `${names[c.items.findIndex(i => i.label === d.to)]} against ${names[0]}: ${d.score}`), list);
    }
  } catch (err) {
    if (token === view) detail.replaceChildren(el('p', { class: 'errors' }, err.message, ' ', ...(err.body && err.body.details || []).map(d => `${d.field}: ${d.message}`)));
  }
});
