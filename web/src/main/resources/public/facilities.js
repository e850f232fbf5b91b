// The facility answer's page. Loaded after app.js, whose helpers (el, cards, sortableTable, fmt, t, tr) it uses;
// the map itself is map.js.

// Facilities: a map drawn from the coordinates, region hulls, lines from villages to their site.
function facilitiesView(root, problem, s) {
  const c = s.metrics.costs;
  root.append(cards([[t('objective'), fmt(c.objective, 0)],
    ...(s.bound != null ? [[t('lower bound'), fmt(s.bound, 0)],
      [t('gap to bound'), s.gapToBound == null ? 'infeasible plan' : fmt(100 * s.gapToBound, 3) + '%']] : []),
    ...(s.boundDetail && s.boundDetail.breachBound != null && s.boundDetail.breach > 0
      ? [['travel standard: breach / bound', fmt(s.boundDetail.breach, 0) + ' / ' + fmt(s.boundDetail.breachBound, 0)]] : []),
    [t('opening cost'), fmt(c.openingCost, 0)],
    [t('assignment cost'), fmt(c.assignmentCost, 0)],
    ...(c.equityCost ? [[t('equity cost'), fmt(c.equityCost, 0)]] : []),
    ...(c.longestTripCost ? [['longest-trip cost', fmt(c.longestTripCost, 0)]] : []),
    [t('open sites'), s.openSites.length],
    ...s.metrics.services.map(v => [v.service + ' longest trip', v.maxDistance == null ? '' : fmt(v.maxDistance, 2) + ' ' + (s.distanceUnit || '')]),
    ...s.metrics.services.map(v => [v.service + ' within standard', v.coveredShare == null ? '' : fmt(100 * v.coveredShare, 1) + '%'])]));
  if (s.boundDetail) {
    // No plan can cost less than the bound: the gap says how far from the best possible this plan can be.
    root.append(el('details', { id: 'bound-detail' }, el('summary', {}, t('How the lower bound was obtained')),
      el('p', {}, tr(s.boundDetail.method) + (lang === 'zh' ? `，${s.boundDetail.iterations} 次迭代。` : ', ' + s.boundDetail.iterations + ' iterations.')),
      el('ul', {}, s.boundDetail.notes.map(n => el('li', {}, tr(n))))));
  }
  const services = problem.services.map(v => v.id);
  const pick = el('select', { id: 'service-filter' }, el('option', { value: '' }, t('all services')), services.map(v => el('option', { value: v }, v)));
  const mapBox = el('div');
  root.append(el('h3', {}, t('Map'), ' ', pick), mapBox);
  const draw = () => mapBox.replaceChildren(facilityMap(problem, s, pick.value));
  pick.addEventListener('change', draw);
  draw();
  root.append(el('h3', {}, t('Access by region')), sortableTable(
    ['region', 'service', 'rural', 'demand', 'meanDistance', 'maxDistance', 'withinStandardShare'],
    s.metrics.regions.map(r => [r.name || r.region, r.service, r.rural ? 'rural' : 'urban', r.demand, r.meanDistance, r.maxDistance, r.withinStandardShare])));
  root.append(el('h3', {}, t('Spread of access between regions')), sortableTable(
    ['service', 'gini', 'theilT', 'cv', 'maxMinRatio', 'minRegionMean', 'maxRegionMean'],
    s.metrics.access.map(a => [a.service, a.gini, a.theilT, a.cv, a.maxMinRatio, a.minRegionMean, a.maxRegionMean])));
}
