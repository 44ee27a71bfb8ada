package io.pilotlight.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real pilotlight CLI in a separate JVM, from the repository root, as a user would. */
final class CliProcess {
    record Result(int exitCode, String out, String err) {
    }

    static final Path REPO_ROOT = findRoot();

    private CliProcess() {
    }

    static Result run(String... args) throws IOException, InterruptedException {
        return run(java.time.Duration.ofSeconds(60), args);
    }

    /** A command that may take longer than a minute, e.g. a whole drill on a loaded machine. */
    static Result run(java.time.Duration limit, String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                PilotlightCommand.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("pilotlight-out", ".txt");
        Path err = Files.createTempFile("pilotlight-err", ".txt");
        Process process = new ProcessBuilder(command).directory(REPO_ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("pilotlight " + String.join(" ", args) + " did not finish in " + limit.toSeconds() + "s");
        }
        Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return result;
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (a folder with examples/)");
        }
        return dir;
    }
}
