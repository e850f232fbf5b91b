// The transfer answer's page: cards, the years of a plan, earmarked categories, coverage and Lorenz charts, the
// allocations. Loaded after app.js, whose helpers (el, cards, sortableTable, fmt, t, tr) it uses.

// Funds: coverage bars before / formula / optimised, Lorenz curves of per-capita resources.
// Money in the problem's unit, as finance staff write it: 5,084 亿元 where the unit is 1e8 yuan.
const UNITS = { 1e8: '亿元', 1e4: '万元', 1e6: 'million yuan', 1e9: 'billion yuan', 1: 'yuan' };
function money(v, unit) {
  if (v == null) return '';
  const name = UNITS[unit];
  return name ? `${fmt(v / unit, unit === 1 ? 0 : 2)} ${name}` : `${fmt(v, 0)} yuan`;
}
const percent = (v, d = 1) => v == null ? '' : fmt(100 * v, d) + '%';

function fundsView(root, s) {
  const m = s.metrics;
  root.append(cards([[t('placed'), money(s.placed, s.unit)], [t('unallocated'), money(s.unallocated, s.unit)],
    [t('gap to bound'), fmt(100 * s.gapToBound, 6) + '%'], [t('formula above optimum'), fmt(100 * s.baseline.gapToOptimum, 3) + '%'],
    [t('coverage Gini before'), fmt(m.before.coverage.gini, 3)], [t('formula'), fmt(m.formula.coverage.gini, 3)], [t('optimised'), fmt(m.optimised.coverage.gini, 3)],
    [t('lowest coverage'), percent(m.optimised.coverage.min)]]));
  if (s.boundDetail) {
    // No plan in whole units can score below the bound: the gap says how far from the best possible this plan can be.
    root.append(el('details', { id: 'funds-bound-detail' }, el('summary', {}, t('How the lower bound was obtained')),
      el('p', {}, tr(s.boundDetail.method)),
      el('ul', {}, s.boundDetail.notes.map(n => el('li', {}, tr(n))))));
  }
  if (s.rank) {
    root.append(cards([[t('rank order kept'), s.rank.shortfall === 0 ? t('yes') : `${fmt(s.rank.shortfall, 0)} ${t('units out of order')}`],
      [t('regions held by the rank rule'), fmt(s.rank.heldByRule, 0)], [t('out of order without the rule'), fmt(s.rank.reversedWithoutRule, 0)],
      [t('out of order in the formula'), fmt(s.rank.reversedByFormula, 0)]]));
  }
  const unitLabel = UNITS[s.unit] || 'yuan';
  const inUnit = v => UNITS[s.unit] ? v / s.unit : v;
  if (s.years) {
    root.append(el('h3', {}, t('Years of the plan')), sortableTable(
      ['year', `budget (${unitLabel})`, `placed (${unitLabel})`, `unallocated (${unitLabel})`, 'coverage Gini', 'lowest coverage (%)'],
      s.years.map(y => [y.label, inUnit(y.budget), inUnit(y.placed), inUnit(y.unallocated), y.coverage.gini, 100 * y.coverage.min])));
    root.append(el('h3', {}, t('Transfers over the years')), sortableTable(
      ['region', ...s.years.map(y => `${y.label} (${unitLabel})`), 'reason'],
      s.years[0].allocations.map((a, i) => [a.name || a.region, ...s.years.map(y => inUnit(y.allocations[i].amount)),
        tr(s.years[s.years.length - 1].allocations[i].reason)])));
  }
  if (s.earmarked) earmarkedView(root, s, unitLabel, inUnit);
  if (s.expenditure) {
    root.append(el('h3', {}, t('Standard expenditure by category')), sortableTable(
      ['category', `standard expenditure (${unitLabel})`, `added by public evaluation (${unitLabel})`],
      s.expenditure.categories.map(c => [c.name || c.category, inUnit(c.amount), inUnit(c.byEvaluation)])));
  }
  root.append(el('h3', {}, t('Coverage by region')), coverageBars(s));
  root.append(el('h3', {}, t('Lorenz curves of per-capita resources')), lorenzChart([
    { label: 'before', gini: m.before.perCapita.gini, points: s.allocations.map(a => [a.perCapitaBefore, a.population]) },
    { label: 'formula', gini: m.formula.perCapita.gini, points: s.baseline.allocations.map(a => [a.perCapita, a.population]) },
    { label: 'optimised', gini: m.optimised.perCapita.gini, points: s.allocations.map(a => [a.perCapita, a.population]) }]));
  const unitName = UNITS[s.unit] || 'yuan';
  root.append(el('h3', {}, t('Allocations')), sortableTable(
    ['region', 'group', `transfer (${unitName})`, 'coverage before (%)', 'formula coverage (%)', 'coverage (%)', 'per capita (yuan)', 'reason'],
    s.allocations.map((a, i) => [a.name || a.region, a.group || '', UNITS[s.unit] ? a.amount / s.unit : a.amount,
      100 * a.coverageBefore, 100 * s.baseline.allocations[i].coverage, 100 * a.coverage, a.perCapita, tr(a.reason)])));
}

// Earmarked category budgets: each category's budget and how evenly it covers its need, then each region's shares.
function earmarkedView(root, s, unitLabel, inUnit) {
  const e = s.earmarked;
  const plan = e.funds.some(f => f.year);
  root.append(el('h3', {}, t('Earmarked category budgets')), sortableTable(
    [...(plan ? ['year'] : []), 'category', `budget (${unitLabel})`, `placed (${unitLabel})`, 'coverage Gini',
      'formula coverage Gini', 'lowest coverage (%)'],
    e.funds.map(f => [...(plan ? [f.year] : []), f.name || f.category, inUnit(f.budget), inUnit(f.placed),
      f.coverage.gini, f.formulaCoverage.gini, 100 * f.coverage.min])));
  const categories = [...new Set(e.funds.map(f => f.category))];
  const name = Object.fromEntries(e.funds.map(f => [f.category, f.name || f.category]));
  root.append(el('h3', {}, t('Transfers by category')), sortableTable(
    ['region', ...(plan ? ['year'] : []), ...categories.map(c => `${name[c]} (${unitLabel})`),
      ...categories.map(c => `${name[c]} coverage (%)`)],
    e.regions.map(r => {
      const by = Object.fromEntries(r.shares.map(x => [x.category, x]));
      return [r.region, ...(plan ? [r.year] : []), ...categories.map(c => by[c] ? inUnit(by[c].amount) : ''),
        ...categories.map(c => by[c] ? 100 * by[c].coverage : '')];
    })));
}
