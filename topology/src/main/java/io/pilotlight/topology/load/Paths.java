package io.pilotlight.topology.load;

/** Field paths as errors print them: {@code dns.zones["example.com"].record_sets[0].ttl}. */
public final class Paths {
    private Paths() {
    }

    public static String key(String parent, String key) {
        if (key.contains(".") || key.contains("[") || key.contains(" ")) {
            return parent + "[\"" + key + "\"]";
        }
        return parent.isEmpty() ? key : parent + "." + key;
    }

    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
