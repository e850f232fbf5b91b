package org.equiplan.facilities.domain;

/** Problem-wide limits, as a problem fact so that constraints can join it. */
public record Limits(Long budgetScaled, long costScale) {

    public boolean hasBudget() {
        return budgetScaled != null;
    }
}
