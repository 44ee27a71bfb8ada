package io.pilotlight.orchestrator.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.channels.FileChannel;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs instances as local processes. Their pids are kept in a state file, so a provider that is
 * restarted (a controller that crashed mid-runbook) finds the instances already running instead of
 * starting them twice. Several providers may share one state directory (a running controller and an
 * operator's {@code pilotlight failover}): each change re-reads the file under a file lock, so no
 * provider forgets the instances another one started, and a stopped lab stops them all. Each
 * instance logs to {@code STATE_DIR/logs/SERVICE-REGION-N.log}.
 */
public final class LocalProcessProvider implements ComputeProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final InstanceLauncher launcher;
    private final Path stateFile;
    private final Path logs;
    private final Map<String, List<ProcessHandle>> instances = new LinkedHashMap<>();

    public LocalProcessProvider(InstanceLauncher launcher, Path stateDir) {
        this.launcher = launcher;
        this.stateFile = stateDir.resolve("instances.json");
        this.logs = stateDir.resolve("logs");
        load();
    }

    private static String key(String service, String region) {
        return service + "@" + region;
    }

    @Override
    public synchronized String scale(String service, String region, int wanted) throws IOException {
        try (FileLock ignored = lock()) {
            load();
            return scaleLocked(service, region, wanted);
        }
    }

    private String scaleLocked(String service, String region, int wanted) throws IOException {
        List<ProcessHandle> running = alive(key(service, region));
        int before = running.size();
        while (running.size() < wanted) {
            Files.createDirectories(logs);
            int index = running.size();
            Path log = logs.resolve(service + "-" + region + "-" + index + ".log");
            Process process = launcher.launch(service, region, index).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            running.add(process.toHandle());
        }
        while (running.size() > wanted) {
            ProcessHandle last = running.remove(running.size() - 1);
            last.destroy();
            try {
                last.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception slow) {
                last.destroyForcibly();
            }
        }
        instances.put(key(service, region), running);
        save();
        return before == wanted ? service + " in " + region + " already runs " + wanted + " instance" + (wanted == 1 ? "" : "s")
                : service + " in " + region + ": " + before + " -> " + wanted + " instances";
    }

    @Override
    public synchronized int running(String service, String region) {
        try (FileLock ignored = lock()) {
            load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + stateFile, e);
        }
        return alive(key(service, region)).size();
    }

    private List<ProcessHandle> alive(String key) {
        List<ProcessHandle> list = new ArrayList<>(instances.getOrDefault(key, List.of()));
        list.removeIf(handle -> !handle.isAlive());
        return list;
    }

    /** Serialises read-modify-write of the state file between processes sharing it. */
    private FileLock lock() throws IOException {
        Files.createDirectories(stateFile.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(stateFile.resolveSibling("instances.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        return new FileLock(channel, channel.lock());
    }

    private record FileLock(FileChannel channel, java.nio.channels.FileLock lock) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            channel.close(); // releases the lock
        }
    }

    private void load() {
        instances.clear();
        if (!Files.exists(stateFile)) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(stateFile.toFile());
            root.fields().forEachRemaining(entry -> {
                List<ProcessHandle> handles = new ArrayList<>();
                entry.getValue().forEach(pid -> ProcessHandle.of(pid.asLong()).filter(ProcessHandle::isAlive).ifPresent(handles::add));
                instances.put(entry.getKey(), handles);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stateFile + "; fix or remove it", e);
        }
    }

    private void save() {
        ObjectNode root = JSON.createObjectNode();
        instances.forEach((key, handles) -> {
            var pids = root.putArray(key);
            handles.forEach(h -> pids.add(h.pid()));
        });
        try {
            Files.createDirectories(stateFile.toAbsolutePath().getParent());
            Path temp = stateFile.resolveSibling("instances.json.tmp");
            Files.write(temp, JSON.writeValueAsBytes(root));
            Files.move(temp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + stateFile, e);
        }
    }

    /** Stops every instance it knows of. */
    @Override
    public synchronized void close() {
        try (FileLock ignored = lock()) {
            load();
            stopAll();
        } catch (IOException e) {
            stopAll(); // stop what this provider knows of, even without the file
        }
    }

    private void stopAll() {
        for (String key : new ArrayList<>(instances.keySet())) {
            for (ProcessHandle handle : alive(key)) {
                handle.destroy();
            }
        }
        instances.values().forEach(list -> list.forEach(h -> {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception slow) {
                h.destroyForcibly();
            }
        }));
        instances.clear();
        save();
    }
}
