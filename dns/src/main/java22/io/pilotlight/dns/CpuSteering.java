package io.pilotlight.dns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Steering by CPU for the recvmmsg transport: UDP thread i runs only on CPU i, and a classic BPF
 * program on the SO_REUSEPORT group hands each query to socket i when CPU i received it, so the
 * thread woken for a query is on the CPU that already holds it (no cross-CPU wake-up). It needs one
 * thread per online CPU, CPUs numbered 0 to N-1, and a process allowed on all of them.
 *
 * <p>Set-up: each thread pins itself ({@link #pin}) and waits; once all have, the program is
 * attached ({@link #decide}). If anything fails the pinned threads go back to the CPUs they had and
 * the group keeps the kernel's hash.
 */
final class CpuSteering {
    private static final Path ONLINE = Path.of("/sys/devices/system/cpu/online");

    private final BitSet original;
    private final CountDownLatch pinned;
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final CompletableFuture<Boolean> decision = new CompletableFuture<>();
    /** Whether the UDP threads should run on their own CPU only (steering by CPU) or anywhere allowed (by hash). */
    private volatile boolean threadsPinned = true;

    /** One per CPU, numbered as the CPUs. */
    private final int threads;

    private CpuSteering(BitSet original, int threads) {
        this.threads = threads;
        this.original = original;
        this.pinned = new CountDownLatch(threads);
    }

    /**
     * A plan for {@code threads} threads on {@code sockets} sockets of one group.
     *
     * @throws UnavailableException why steering by CPU cannot run here
     */
    static CpuSteering plan(int threads, int sockets) throws UnavailableException {
        if (sockets < threads) {
            throw new UnavailableException("only " + sockets + " of " + threads + " sockets joined the SO_REUSEPORT group");
        }
        BitSet online;
        try {
            online = parseCpuList(Files.readString(ONLINE).strip());
        } catch (IOException | RuntimeException e) {
            throw new UnavailableException("cannot read the online CPUs from " + ONLINE + ": " + e.getMessage());
        }
        return plan(threads, online, currentAffinity());
    }

    static CpuSteering plan(int threads, BitSet online, BitSet allowed) throws UnavailableException {
        int cpus = online.cardinality();
        if (threads < 2) {
            throw new UnavailableException("a single UDP thread: nothing to steer");
        }
        if (online.nextClearBit(0) != cpus) {
            throw new UnavailableException("the online CPUs are " + online + ", not 0 to " + (cpus - 1));
        }
        if (threads != cpus) {
            throw new UnavailableException(threads + (threads == 1 ? " UDP thread" : " UDP threads") + " for " + cpus
                    + " online CPUs (it needs one per CPU: --udp-threads " + cpus + ")");
        }
        BitSet missing = (BitSet) online.clone();
        missing.andNot(allowed);
        if (!missing.isEmpty()) {
            throw new UnavailableException("this process may not run on CPUs " + missing + " (its affinity is " + allowed + ")");
        }
        return new CpuSteering(allowed, threads);
    }

    private static BitSet currentAffinity() throws UnavailableException {
        try {
            return LinuxUdp.affinity();
        } catch (IOException e) {
            throw new UnavailableException(e.getMessage());
        }
    }

    /** "0-1,4" as {0, 1, 4}: the kernel's CPU list format. */
    static BitSet parseCpuList(String list) {
        BitSet cpus = new BitSet();
        for (String part : list.split(",")) {
            String[] range = part.strip().split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            cpus.set(from, to + 1);
        }
        return cpus;
    }

    /**
     * From UDP thread {@code cpu}: runs it on that CPU only, then waits for {@link #decide}; if the
     * steering is not used after all, the thread gets its former CPUs back.
     *
     * @return whether the thread is pinned and steered, so it should {@link #follow} from now on
     */
    boolean pin(int cpu) {
        boolean done = false;
        try {
            LinuxUdp.setAffinity(only(cpu));
            done = true;
        } catch (IOException | RuntimeException e) {
            failure.compareAndSet(null, "thread " + cpu + ": " + e.getMessage());
        } finally {
            pinned.countDown();
        }
        boolean steered = decision.join();
        if (done && !steered) {
            try {
                LinuxUdp.setAffinity(original);
            } catch (IOException ignored) {
                // it stays on its CPU: slower perhaps, still correct
            }
        }
        return done && steered;
    }

    /**
     * For {@link UdpSteering#AUTO}, once {@link #decide} attached the program to the group of {@code fd}:
     * switching between steering by CPU (threads pinned) and the kernel's hash (threads free).
     */
    AdaptiveSteering.Group adaptiveGroup(int fd, ThreadCounters counters) {
        return new AdaptiveSteering.Group() {
            @Override
            public void steerByCpu() throws IOException {
                pinThreads(true);
                LinuxUdp.attachCpuSteering(fd);
            }

            @Override
            public void steerByHash() throws IOException {
                LinuxUdp.attachHashSteering(fd);
                pinThreads(false);
            }

            @Override
            public long[] queriesByThread() {
                return counters.queries();
            }

            @Override
            public long[] receivesByThread() {
                return counters.receives();
            }

            @Override
            public long[][] cpuTimes() {
                return CpuTimes.read(threads);
            }
        };
    }

    /**
     * For adaptive steering: whether the threads should run on their own CPU. While the kernel's hash
     * spreads the queries a thread must be free to move: the hash can give one socket most of them, and
     * pinned, its thread would do that work on one CPU while another idles.
     */
    private void pinThreads(boolean pinned) {
        threadsPinned = pinned;
    }

    boolean threadsPinned() {
        return threadsPinned;
    }

    /**
     * From UDP thread {@code cpu} between two batches: runs it on that CPU only, or on the CPUs it had.
     *
     * @return {@code pin}: a failed call is not retried at every batch (the thread stays where it was:
     *         still correct, perhaps slower)
     */
    boolean follow(int cpu, boolean pin) {
        try {
            LinuxUdp.setAffinity(pin ? only(cpu) : original);
        } catch (IOException ignored) {
            // see @return
        }
        return pin;
    }

    /**
     * From the thread setting up the transport, once the threads run: attaches the program to the
     * group of {@code fd} if every thread is pinned.
     *
     * @return null when steering by CPU is in use, else why not
     */
    String decide(int fd) {
        try {
            if (!pinned.await(5, TimeUnit.SECONDS)) {
                failure.compareAndSet(null, "the UDP threads did not start within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, "interrupted");
        }
        if (failure.get() == null) {
            try {
                LinuxUdp.attachCpuSteering(fd);
            } catch (IOException | RuntimeException e) {
                failure.compareAndSet(null, e.getMessage());
            }
        }
        String why = failure.get();
        decision.complete(why == null);
        return why;
    }

    private static BitSet only(int cpu) {
        BitSet one = new BitSet();
        one.set(cpu);
        return one;
    }

    /** Why steering by CPU cannot run. */
    static final class UnavailableException extends Exception {
        UnavailableException(String message) {
            super(message, null, false, false);
        }
    }
}
