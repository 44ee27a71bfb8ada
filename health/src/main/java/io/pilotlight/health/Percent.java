package io.pilotlight.health;

import java.util.Locale;

/** Fractions shown as people write them: 0.18 is "18%", 1/3 is "33%", 0.125 is "12.5%". */
final class Percent {
    private Percent() {
    }

    static String of(double fraction) {
        double percent = Math.round(fraction * 1000) / 10.0;
        return (percent == Math.rint(percent) ? String.format(Locale.ROOT, "%.0f", percent)
                : String.format(Locale.ROOT, "%.1f", percent)) + "%";
    }
}
