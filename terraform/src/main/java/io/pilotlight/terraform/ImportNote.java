package io.pilotlight.terraform;

/**
 * Something the import could not carry over as a plain value, with where it came from.
 *
 * @param kind    what sort of note it is
 * @param message what happened, in plain words
 */
public record ImportNote(Kind kind, String message, Origin origin) {
    public enum Kind {
        /** a value that could not be resolved (a variable without value, a computed attribute, an expression) */
        UNKNOWN,
        /** a value Pilotlight had to assume, with the reason */
        ASSUMED,
        /** a resource type the importer does not read */
        SKIPPED,
        /** a module from a registry or another remote source */
        NOT_FOLLOWED,
        /** something the topology format cannot express */
        NOT_EXPRESSIBLE,
        /** a decision the importer took (a region's role, how compute was grouped), with its reason */
        DECISION
    }

    @Override
    public String toString() {
        return origin + ": " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + message;
    }
}
