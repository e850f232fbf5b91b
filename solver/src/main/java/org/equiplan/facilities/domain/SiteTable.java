package org.equiplan.facilities.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The sites of one plan instance, per service, in {@link Site#getServiceIndex()} order. Each clone
 * of a plan has its own table, so that entities always point at the sites of their own plan.
 */
public final class SiteTable {

    private final List<List<Site>> byService;

    public SiteTable(int serviceCount, List<Site> sites) {
        byService = new ArrayList<>(serviceCount);
        for (int i = 0; i < serviceCount; i++) {
            byService.add(new ArrayList<>());
        }
        for (Site site : sites) {
            List<Site> list = byService.get(site.getService().getIndex());
            if (site.getServiceIndex() != list.size()) {
                throw new IllegalArgumentException(
                        "Sites of service " + site.getService() + " out of order at " + site);
            }
            list.add(site);
        }
    }

    public List<Site> of(Service service) {
        return byService.get(service.getIndex());
    }

    public Site get(Service service, int serviceIndex) {
        return byService.get(service.getIndex()).get(serviceIndex);
    }

    /** The sites of a plan given as a site service index per customer (as the exact solves return it). */
    public Site[] get(Service service, int[] siteOf) {
        Site[] sites = new Site[siteOf.length];
        for (int j = 0; j < siteOf.length; j++) {
            sites[j] = get(service, siteOf[j]);
        }
        return sites;
    }
}
