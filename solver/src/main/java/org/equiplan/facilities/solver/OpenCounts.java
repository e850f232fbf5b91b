package org.equiplan.facilities.solver;

import java.util.List;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Service;
import org.equiplan.facilities.domain.Site;

/** Open sites per service in the working plan, against the open-count limits, for the moves to respect. */
final class OpenCounts {

    private final int[] open;

    OpenCounts(FacilityPlan plan) {
        open = new int[plan.getServices().size()];
        for (Site s : plan.getSites()) {
            if (s.isOpen()) {
                open[s.getService().getIndex()]++;
            }
        }
    }

    int of(Service service) {
        return open[service.getIndex()];
    }

    /** May one more site of this service open? */
    boolean canOpen(Site s) {
        Service service = s.getService();
        return service.getMaxOpen() == Service.NO_LIMIT || open[service.getIndex()] < service.getMaxOpen();
    }

    /** May this site close (it is not always open and the minimum stays met)? */
    boolean canClose(Site s) {
        Service service = s.getService();
        return !s.isAlwaysOpen() && open[service.getIndex()] > Math.max(service.getMinOpen(), 1);
    }

    static boolean exactCount(Service service) {
        return service.getMaxOpen() != Service.NO_LIMIT && service.getMinOpen() == service.getMaxOpen();
    }

    static boolean capacitated(List<Site> sites) {
        return sites.stream().anyMatch(s -> !s.hasUnlimitedCapacity());
    }
}
