package org.equiplan.facilities.domain;

/** A township or district. */
public record Region(String id, String name, boolean rural) {

    @Override
    public String toString() {
        return id;
    }
}
