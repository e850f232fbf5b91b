package org.equiplan.funds.domain;

/**
 * One earmarked category budget in one year, as a problem fact: every unit of it goes to some region's share of
 * that category, and nowhere else.
 *
 * @param index the category's position in the problem's categories
 * @param units the earmarked budget in whole allocation units
 */
public record CategoryFund(int year, int index, String id, String name, long units) {}
