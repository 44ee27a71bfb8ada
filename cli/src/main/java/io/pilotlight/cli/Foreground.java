package io.pilotlight.cli;

import java.util.concurrent.CountDownLatch;

/** Long-running commands: serve until the process is asked to stop (Ctrl-C, SIGTERM), then close what they started. */
final class Foreground {
    private Foreground() {
    }

    /** Blocks until shutdown; {@code onStop} runs in the shutdown hook. */
    static void holdUntilStopped(Runnable onStop) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            onStop.run();
            stopped.countDown();
        }));
        stopped.await();
    }
}
