package io.pilotlight.cli;

import io.pilotlight.topology.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Human durations on the command line, as in the topology file: 500ms, 90s, 15m, 4h. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
