package io.pilotlight.drill.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Readiness from the component itself: a process started with {@value #FILE_ENV} writes that file
 * (its pid and what it serves) once it really serves, so a supervisor never reads readiness from a
 * log that an earlier run, or another process, may have written to.
 */
public final class Ready {
    public static final String FILE_ENV = "PILOTLIGHT_READY_FILE";

    private Ready() {
    }

    /** Says this process is ready, if its supervisor asked to be told. */
    public static void mark(String what) {
        String file = System.getenv(FILE_ENV);
        if (file == null || file.isBlank()) {
            return;
        }
        Path path = Path.of(file);
        try {
            Path temp = path.resolveSibling(path.getFileName() + ".tmp");
            Files.writeString(temp, ProcessHandle.current().pid() + "\n" + what + "\n", StandardCharsets.UTF_8);
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            System.err.println("pilotlight: cannot write the ready file " + path + ": " + e.getMessage());
        }
    }

    /** What a ready file says, if the given process wrote it (a file left by an earlier run does not count). */
    public static java.util.Optional<String> readBy(Path file, long pid) {
        try {
            String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n", 2);
            return lines.length == 2 && lines[0].trim().equals(Long.toString(pid)) ? java.util.Optional.of(lines[1].trim())
                    : java.util.Optional.empty();
        } catch (IOException | RuntimeException notYet) {
            return java.util.Optional.empty();
        }
    }
}
