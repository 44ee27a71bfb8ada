package io.pilotlight.drill;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A share of the region's requests fail (health checks included) while everything stays up: the
 * service's instances read the ratio from their fault file. Whether and when the health checks
 * notice is what this drill measures.
 */
public record GrayFailure(Path faultFile, String service, String region, double errorRatio, long seed) implements Fault {
    public GrayFailure {
        if (!(errorRatio > 0 && errorRatio <= 1)) {
            throw new IllegalArgumentException("--error-ratio = " + errorRatio + " is out of range; allowed: more than 0, at most 1");
        }
    }

    /** Where a gray-failure drill asks a region's instances of a service to fail a share of requests (FAULT_FILE of an instance). */
    public static Path faultFile(Path controllerState, String service, String region) {
        return controllerState.resolve("faults").resolve(service + "@" + region + ".json");
    }

    @Override
    public String scenario() {
        return "gray-failure";
    }

    @Override
    public String describe() {
        return "making " + Math.round(errorRatio * 100) + " % of " + service + "'s requests in " + region + " fail";
    }

    @Override
    public void inject() throws Exception {
        Files.createDirectories(faultFile.getParent());
        Path temp = faultFile.resolveSibling(faultFile.getFileName() + ".tmp");
        Files.writeString(temp, "{\"error_ratio\": " + errorRatio + ", \"seed\": " + seed + "}\n");
        Files.move(temp, faultFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String heal() throws Exception {
        Files.deleteIfExists(faultFile);
        return "errors in " + region + " stopped";
    }
}
