package io.pilotlight.terraform.mapping;

import io.pilotlight.terraform.ImportNote;
import io.pilotlight.terraform.Origin;
import io.pilotlight.terraform.eval.Value;
import java.util.ArrayList;
import java.util.List;

/** The import's notes, in the order they were taken; a note said twice is kept once. */
final class Notes {
    private final List<ImportNote> notes = new ArrayList<>();

    void add(ImportNote.Kind kind, String message, Origin origin) {
        ImportNote note = new ImportNote(kind, message, origin);
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }

    void unknown(String what, Value.Unknown unknown) {
        add(ImportNote.Kind.UNKNOWN, what + ": " + unknown.why(), unknown.where());
    }

    void assumed(String message, Origin origin) {
        add(ImportNote.Kind.ASSUMED, message, origin);
    }

    void decision(String message, Origin origin) {
        add(ImportNote.Kind.DECISION, message, origin);
    }

    void notExpressible(String message, Origin origin) {
        add(ImportNote.Kind.NOT_EXPRESSIBLE, message, origin);
    }

    List<ImportNote> all() {
        return List.copyOf(notes);
    }
}
