package io.pilotlight.health;

import io.pilotlight.topology.Durations;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Turns what went wrong in a probe into plain words for events, logs and the admin API. */
final class ProbeErrors {
    private ProbeErrors() {
    }

    static String describe(IOException failure, Deadline deadline, ProbeTarget target) {
        if (failure instanceof SocketTimeoutException || deadline.expired()) {
            return timedOut(deadline);
        }
        if (failure instanceof UnknownHostException) {
            return "cannot resolve " + target.fqdn();
        }
        if (failure instanceof ConnectException) {
            return lower(failure.getMessage(), "connection refused");
        }
        if (failure instanceof NoRouteToHostException || failure instanceof PortUnreachableException) {
            return "no route to " + target.label();
        }
        if (failure instanceof SSLException) {
            return describeTls(failure);
        }
        if (failure instanceof MalformedResponseException) {
            return failure.getMessage();
        }
        if (failure instanceof EOFException) {
            return "connection closed before the response was complete";
        }
        return lower(failure.getMessage(), failure.getClass().getSimpleName());
    }

    /** A verdict that came too late is a failure too: "healthy" means healthy within the timeout. */
    static String timedOut(Deadline deadline) {
        return "timed out after " + Durations.format(deadline.timeout());
    }

    private static String describeTls(IOException failure) {
        Throwable certificateProblem = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof GeneralSecurityException) {
                certificateProblem = cause;
            }
        }
        if (certificateProblem != null) {
            return "certificate rejected: " + rootMessage(certificateProblem);
        }
        return "TLS handshake failed: " + rootMessage(failure);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause().getMessage() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** {@code "Connection refused"} becomes {@code "connection refused"}; JDK messages sometimes add detail in parentheses. */
    private static String lower(String message, String fallback) {
        if (message == null || message.isBlank()) {
            return fallback;
        }
        String trimmed = message.replaceFirst(" \\(.*\\)$", "");
        return trimmed.substring(0, 1).toLowerCase(Locale.ROOT) + trimmed.substring(1);
    }
}
