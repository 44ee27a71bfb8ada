package io.pilotlight.drill.lab;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * A process as the lab recorded it: pid, start time and command line. A pid alone is not an
 * identity (the kernel reuses them): a recorded process is ours only while all three still match,
 * and nothing is ever signalled otherwise.
 */
public record ProcessIdentity(@JsonProperty("pid") long pid, @JsonProperty("started_ms") long startedMillis,
                              @JsonProperty("command") String command) {

    public static ProcessIdentity of(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return new ProcessIdentity(process.pid(), info.startInstant().map(java.time.Instant::toEpochMilli).orElse(-1L),
                info.commandLine().orElse(""));
    }

    /** The live process, if the pid still runs the process recorded (same start time and command line). */
    public Optional<ProcessHandle> live() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::isSame);
    }

    private boolean isSame(ProcessHandle process) {
        ProcessIdentity now = of(process);
        return now.startedMillis == startedMillis && now.command.equals(command);
    }

    public String describe() {
        return "pid " + pid + " (" + (command.length() > 120 ? command.substring(0, 120) + "..." : command) + ")";
    }
}
