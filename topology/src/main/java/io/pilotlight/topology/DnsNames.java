package io.pilotlight.topology;

import java.util.Locale;

/** Owner names of record sets: relative (api), apex (@) or absolute (api.example.com), compared case-insensitively. */
public final class DnsNames {
    private DnsNames() {
    }

    /** Lower-case absolute name without the trailing dot. */
    public static String canonical(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** The absolute name of a record set's owner in a zone, or {@code null} when it lies outside the zone. */
    public static String absolute(String name, String zone) {
        String apex = canonical(zone);
        String trimmed = name.trim();
        if (trimmed.equals("@")) {
            return apex;
        }
        String candidate = canonical(trimmed);
        if (candidate.equals(apex) || candidate.endsWith("." + apex)) {
            return candidate;
        }
        if (trimmed.endsWith(".")) {
            return null;
        }
        return candidate + "." + apex;
    }

    public static boolean isIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (!part.matches("^[0-9]{1,3}$") || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    public static boolean isIpv6(String text) {
        if (!text.contains(":") || !text.matches("^[0-9A-Fa-f:.]+$")) {
            return false;
        }
        int doubleColons = text.split("::", -1).length - 1;
        return doubleColons <= 1 && text.split(":", -1).length <= 8;
    }

    public static boolean isHostName(String text) {
        return text.matches("^([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.?$");
    }
}
