package io.pilotlight.topology;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Human durations as the topology file and the CLI write them: {@code 500ms}, {@code 90s},
 * {@code 15m}, {@code 4h}, {@code 1d}, and sums such as {@code 1h30m}.
 */
public final class Durations {
    /** The JSON Schema pattern of a duration; kept beside the parser so the two cannot drift. */
    public static final String REGEX = "^([0-9]+(ms|s|m|h|d))+$";
    public static final String ALLOWED = "a number with a unit: ms, s, m, h or d (e.g. 500ms, 90s, 15m, 4h, 1h30m)";

    private static final Pattern WHOLE = Pattern.compile(REGEX);
    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h|d)");

    private Durations() {
    }

    /** Parses a duration or throws {@link IllegalArgumentException} saying what is allowed. */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (!WHOLE.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration; allowed: " + ALLOWED);
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(trimmed);
        try {
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            }
        } catch (ArithmeticException | NumberFormatException tooLarge) {
            throw new IllegalArgumentException("\"" + text + "\" is too long a duration; allowed: " + ALLOWED);
        }
        return total;
    }

    /** Formats the way a person writes it: {@code 1h30m}, {@code 2.5s} is {@code 2s500ms}, zero is {@code 0s}. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s"; // zero, or less than the millisecond this format counts in
        }
        StringBuilder out = new StringBuilder();
        long days = millis / 86_400_000L;
        millis %= 86_400_000L;
        long hours = millis / 3_600_000L;
        millis %= 3_600_000L;
        long minutes = millis / 60_000L;
        millis %= 60_000L;
        long seconds = millis / 1000L;
        millis %= 1000L;
        append(out, days, "d");
        append(out, hours, "h");
        append(out, minutes, "m");
        append(out, seconds, "s");
        append(out, millis, "ms");
        return out.toString();
    }

    private static void append(StringBuilder out, long amount, String unit) {
        if (amount > 0) {
            out.append(amount).append(unit);
        }
    }

    /** Seconds as a decimal, the unit of every JSON figure Pilotlight prints. */
    public static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
