package io.pilotlight.drill;

import java.util.List;
import java.util.OptionalLong;

/**
 * Measured RTO, as PRODUCT.md defines it: from the fault until synthetic clients sustain success
 * again, i.e. at least 99 % of requests succeed over a 10 s window; the first second of that window
 * ends the clock. Time is cut into one-second buckets from the fault on.
 */
public final class RtoMeasure {
    public static final long WINDOW_SECONDS = 10;
    public static final double SUCCESS_RATIO = 0.99;

    private RtoMeasure() {
    }

    /** Milliseconds from the fault to the end of the first second of the first sustained window, or empty if none. */
    public static OptionalLong measure(long faultMillis, List<Request> requests) {
        Seconds seconds = Seconds.of(faultMillis, requests);
        long[] total = seconds.total();
        long[] ok = seconds.ok();
        for (int start = 0; start + WINDOW_SECONDS <= total.length; start++) {
            if (ok[start] == 0) {
                continue;
            }
            long all = 0;
            long good = 0;
            for (int b = start; b < start + WINDOW_SECONDS; b++) {
                all += total[b];
                good += ok[b];
            }
            if (all > 0 && (double) good / all >= SUCCESS_RATIO) {
                return OptionalLong.of((start + 1) * 1000L);
            }
        }
        return OptionalLong.empty();
    }

    /** The share of successful requests in each second from the fault (0 for a second without requests). */
    public static List<Double> successPerSecond(long faultMillis, List<Request> requests) {
        Seconds seconds = Seconds.of(faultMillis, requests);
        List<Double> out = new java.util.ArrayList<>(seconds.total().length);
        for (int s = 0; s < seconds.total().length; s++) {
            out.add(seconds.total()[s] == 0 ? 0.0 : (double) seconds.ok()[s] / seconds.total()[s]);
        }
        return out;
    }

    /** Requests and successes per one-second bucket from the fault on. */
    private record Seconds(long[] total, long[] ok) {
        static Seconds of(long faultMillis, List<Request> requests) {
            long last = requests.stream().mapToLong(Request::atMillis).max().orElse(faultMillis);
            int buckets = (int) Math.max(0, (last - faultMillis) / 1000 + 1);
            long[] total = new long[buckets];
            long[] ok = new long[buckets];
            for (Request request : requests) {
                if (request.atMillis() >= faultMillis) {
                    int bucket = (int) ((request.atMillis() - faultMillis) / 1000);
                    total[bucket]++;
                    ok[bucket] += request.ok() ? 1 : 0;
                }
            }
            return new Seconds(total, ok);
        }
    }

    /**
     * The first success after the outage began (the first failure after the fault), in ms from the
     * fault; empty when there was no outage to come back from: no second after the fault without a
     * single success (a gray failure where clients kept partly succeeding).
     */
    public static OptionalLong firstSuccess(long faultMillis, List<Request> requests) {
        Seconds seconds = Seconds.of(faultMillis, requests);
        boolean outage = false;
        for (int second = 0; second < seconds.total().length && !outage; second++) {
            outage = seconds.total()[second] > 0 && seconds.ok()[second] == 0;
        }
        if (!outage) {
            return OptionalLong.empty();
        }
        long firstFailure = requests.stream().filter(r -> !r.ok() && r.atMillis() >= faultMillis).mapToLong(Request::atMillis).min()
                .orElse(faultMillis);
        return requests.stream().filter(r -> r.ok() && r.atMillis() > firstFailure).mapToLong(r -> r.atMillis() - faultMillis).min();
    }
}
