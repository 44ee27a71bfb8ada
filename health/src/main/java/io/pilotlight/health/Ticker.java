package io.pilotlight.health;

/** A source of monotonic nanoseconds (Caffeine's {@code Ticker}); tests inject a fake one. */
@FunctionalInterface
interface Ticker {
    long nanos();

    static Ticker system() {
        return System::nanoTime;
    }
}
