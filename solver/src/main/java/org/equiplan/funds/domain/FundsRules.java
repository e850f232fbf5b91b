package org.equiplan.funds.domain;

/**
 * Problem-wide figures as a problem fact.
 *
 * @param budgetUnits the budget in whole units
 * @param placeableUnits how much of it the caps allow to place at all (the medium level's target)
 * @param unit the allocation unit in currency
 * @param scoreScale soft score units per currency unit of sum (R + T)^2 / E (a power of ten)
 * @param difficulty the formula's difficulty tilt (0: the plain formula); see FormulaBaseline
 */
public record FundsRules(long budgetUnits, long placeableUnits, double unit, double scoreScale, double difficulty) {}
