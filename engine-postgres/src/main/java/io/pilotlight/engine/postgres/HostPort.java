package io.pilotlight.engine.postgres;

/** Where one server reaches another: its address, or a lab link's that forwards to it. */
record HostPort(String host, int port) {
    static HostPort parse(String where, String what) {
        int colon = where.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(what + ": \"" + where + "\" is not HOST:PORT");
        }
        try {
            return new HostPort(where.substring(0, colon), Integer.parseInt(where.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": \"" + where + "\" is not HOST:PORT (the port is not a number)");
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
