package io.pilotlight.cli;

import io.pilotlight.drill.lab.PortOwners;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A server that cannot bind says which option and address, and who holds it: "Address already in
 * use" alone leaves the user to guess between --listen and --admin, and to hunt for the process.
 */
final class BindErrors {
    private BindErrors() {
    }

    interface Start<T> {
        T run() throws Exception;
    }

    /** Runs {@code start}; a bind failure becomes an error naming the option, its address and the process that holds it. */
    static <T> T naming(Map<String, String> optionAddresses, Start<T> start) throws Exception {
        try {
            return start.run();
        } catch (Exception e) {
            if (!isBindFailure(e)) {
                throw e;
            }
            List<String> taken = new ArrayList<>();
            optionAddresses.forEach((option, address) -> {
                int colon = address.lastIndexOf(':');
                InetSocketAddress wanted = new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
                PortOwners.on(List.of(wanted)).forEach(owner -> taken.add(option + " " + address + ": " + owner.describe()));
            });
            String what = taken.isEmpty() ? String.join(" or ", optionAddresses.entrySet().stream()
                    .map(o -> o.getKey() + " " + o.getValue()).toList()) + ": the address is already in use or not on this machine ("
                    + e.getMessage() + ")" : String.join("; ", taken);
            throw new IllegalArgumentException("cannot listen: " + what + "; choose another address with that option, or stop that process");
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof java.net.BindException || message.contains("Address already in use") || message.contains("bind(")
                    || message.contains("Cannot assign requested address")) {
                return true;
            }
        }
        return false;
    }
}
