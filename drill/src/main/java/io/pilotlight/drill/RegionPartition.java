package io.pilotlight.drill;

import io.pilotlight.drill.lab.LinkControl;

/**
 * The region is cut off from the other regions and the coordinator (its lab links drop every byte
 * and refuse new connections) while its processes keep running: its writer must fence itself when
 * its lease lapses. After the measurement the links heal and the old writer rejoins as a replica.
 */
public record RegionPartition(LinkControl links, String region) implements Fault {
    @Override
    public String scenario() {
        return "partition";
    }

    @Override
    public String describe() {
        return "cutting every link to and from region " + region + " (replication and coordinator; its processes keep running)";
    }

    @Override
    public void inject() throws Exception {
        links.cut(region);
    }

    @Override
    public String heal() throws Exception {
        return "healed " + links.heal(region) + " links of " + region;
    }
}
