package io.pilotlight.topology.load;

import java.util.HashMap;
import java.util.Map;

/** Where each field path of a loaded topology was written, so later checks can point at the line. */
public final class SourceMap {
    private final String file;
    private final Map<String, Position> positions = new HashMap<>();
    private final Map<String, String> texts = new HashMap<>();

    public SourceMap(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    void record(String path, Position position, String text) {
        positions.putIfAbsent(path, position);
        if (text != null) {
            texts.putIfAbsent(path, text);
        }
    }

    /** The position of the path, or of its nearest written ancestor when the path itself was left out. */
    public Position positionOf(String path) {
        String probe = path;
        while (true) {
            Position found = positions.get(probe);
            if (found != null) {
                return found;
            }
            int cut = Math.max(probe.lastIndexOf('.'), probe.lastIndexOf('['));
            if (cut <= 0) {
                return positions.getOrDefault("", Position.UNKNOWN);
            }
            probe = probe.substring(0, cut);
        }
    }

    /** The scalar text written at the path, or {@code null}. */
    public String textOf(String path) {
        return texts.get(path);
    }

    public Problem problem(String path, String value, String message) {
        Position at = positionOf(path);
        return new Problem(file, at.line(), at.column(), path, value, message);
    }
}
