package org.equiplan.funds.domain;

/**
 * One year of a plan as a problem fact: its budget and placeable total (in {@code rules}). A plan without
 * years has one, index 0.
 */
public record FundsYear(int index, String label, FundsRules rules) {}
