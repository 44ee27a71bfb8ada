package io.pilotlight.cli;

import java.util.concurrent.CountDownLatch;

/** Long-running commands: serve until the process is asked to stop (Ctrl-C, SIGTERM), then close what they started. */
final class Foreground {
    private Foreground() {
    }

    /** Set by `pilotlight lab up` for its children: they exit when the lab's supervisor is gone, so a crashed lab leaves nothing behind. */
    static final String PARENT_ENV = "PILOTLIGHT_PARENT_PID";

    /** Blocks until shutdown; {@code onStop} runs in the shutdown hook. */
    static void holdUntilStopped(Runnable onStop) throws InterruptedException {
        watchParent();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            onStop.run();
            stopped.countDown();
        }));
        stopped.await();
    }

    private static void watchParent() {
        String parent = System.getenv(PARENT_ENV);
        if (parent == null || parent.isBlank()) {
            return;
        }
        long pid = Long.parseLong(parent.trim());
        Thread.ofPlatform().daemon().name("parent-watch").start(() -> {
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.exit(0); // the shutdown hook closes what this process started
        });
    }
}
