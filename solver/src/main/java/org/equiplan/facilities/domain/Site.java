package org.equiplan.facilities.domain;

import java.util.ArrayList;
import java.util.List;
import org.equiplan.facilities.FacilityProblem.SiteState;
import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.variable.InverseRelationShadowVariable;

/**
 * A place with (or that may get) a facility. A site is open when it is kept open by rule or when
 * any demand is assigned to it: opening and closing are decided through the assignments, so that
 * a site can never be "open but unused" or "closed but serving".
 */
@PlanningEntity
public class Site {

    @PlanningId
    private String id;

    private String name;
    private Service service;
    private Region region;
    private SiteState state;
    private boolean alwaysOpen;
    private long capacity;
    private double openingCost;
    private long openingCostScaled;
    private long capitalCostScaled;
    private int serviceIndex;
    private Double lat;
    private Double lon;
    private Double x;
    private Double y;

    @InverseRelationShadowVariable(sourceVariableName = "site")
    private List<Assignment> assignments = new ArrayList<>();

    public Site() {}

    public Site(
            String id,
            Service service,
            SiteState state,
            boolean alwaysOpen,
            long capacity,
            double openingCost,
            long openingCostScaled,
            long capitalCostScaled,
            int serviceIndex) {
        this.id = id;
        this.name = id;
        this.service = service;
        this.state = state;
        this.alwaysOpen = alwaysOpen;
        this.capacity = capacity;
        this.openingCost = openingCost;
        this.openingCostScaled = openingCostScaled;
        this.capitalCostScaled = capitalCostScaled;
        this.serviceIndex = serviceIndex;
    }

    /** A copy for another plan instance, with an empty assignment list for the cloner to fill. */
    public Site copyWithoutAssignments() {
        Site copy = new Site(
                id,
                service,
                state,
                alwaysOpen,
                capacity,
                openingCost,
                openingCostScaled,
                capitalCostScaled,
                serviceIndex);
        copy.name = name;
        copy.region = region;
        copy.setCoordinates(lat, lon, x, y);
        return copy;
    }

    public boolean isOpen() {
        return alwaysOpen || !assignments.isEmpty();
    }

    /** Demand assigned here; computed on demand because moves and reports need it rarely. */
    public long load() {
        long load = 0;
        for (Assignment a : assignments) {
            load += a.getAmount();
        }
        return load;
    }

    public boolean hasUnlimitedCapacity() {
        return capacity == Long.MAX_VALUE;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Service getService() {
        return service;
    }

    public Region getRegion() {
        return region;
    }

    public void setRegion(Region region) {
        this.region = region;
    }

    public SiteState getState() {
        return state;
    }

    public boolean isAlwaysOpen() {
        return alwaysOpen;
    }

    public long getCapacity() {
        return capacity;
    }

    public double getOpeningCost() {
        return openingCost;
    }

    public long getOpeningCostScaled() {
        return openingCostScaled;
    }

    /** Opening cost charged against the capital budget, unweighted (0 for existing sites: built already). */
    public long getCapitalCostScaled() {
        return capitalCostScaled;
    }

    public int getServiceIndex() {
        return serviceIndex;
    }

    public Double getLat() {
        return lat;
    }

    public Double getLon() {
        return lon;
    }

    public Double getX() {
        return x;
    }

    public Double getY() {
        return y;
    }

    public void setCoordinates(Double lat, Double lon, Double x, Double y) {
        this.lat = lat;
        this.lon = lon;
        this.x = x;
        this.y = y;
    }

    public List<Assignment> getAssignments() {
        return assignments;
    }

    public void setAssignments(List<Assignment> assignments) {
        this.assignments = assignments;
    }

    @Override
    public String toString() {
        return id;
    }
}
