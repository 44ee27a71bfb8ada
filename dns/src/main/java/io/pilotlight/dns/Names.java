package io.pilotlight.dns;

import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Lower-case absolute dnsjava names, so maps keyed by name match case-insensitively. */
final class Names {
    private Names() {
    }

    static Name of(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        try {
            return Name.fromString(lower.endsWith(".") ? lower : lower + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a domain name: " + e.getMessage(), e);
        }
    }

    static Name lower(Name name) {
        return of(name.toString());
    }
}
