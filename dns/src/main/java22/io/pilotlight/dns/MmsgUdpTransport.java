package io.pilotlight.dns;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * UDP with recvmmsg/sendmmsg through the FFM API: each thread takes every query queued on its
 * socket in one system call and sends all the answers in another, with no per-packet locking or
 * address objects. Like the NIO transport, one SO_REUSEPORT socket per thread. Found by name by
 * {@link UdpTransport#open}, as it exists only for Java 22+.
 */
final class MmsgUdpTransport implements UdpTransport {
    private static final int BATCH = 32;
    /** Queries longer than this are dropped (MSG_TRUNC); answers over UDP stop at 1232 bytes. */
    private static final int PACKET_SIZE = 4096;
    private static final int RECEIVE_BUFFER = 4 * 1024 * 1024;

    private final List<Integer> sockets = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final QueryProcessor processor;
    private final InetSocketAddress address;
    /** How queries are spread over the sockets, for the description. */
    private final String spread;
    private final ThreadCounters counters;
    /** Running {@link UdpSteering#AUTO}; null when the steering is fixed. */
    private final AdaptiveSteering adaptive;
    private final Thread adaptiveThread;
    private final String fixedSteering;
    private volatile boolean closing;

    private MmsgUdpTransport(InetSocketAddress listen, int threadCount, QueryProcessor processor, UdpSteering steering,
                             SteeringTuning tuning) throws IOException {
        this.processor = processor;
        int first = LinuxUdp.openBound(listen, threadCount > 1, RECEIVE_BUFFER);
        sockets.add(first);
        try {
            this.address = new InetSocketAddress(listen.getAddress(), LinuxUdp.localPort(first));
        } catch (IOException e) {
            LinuxUdp.close(first);
            throw e;
        }
        for (int i = 1; i < threadCount; i++) {
            try {
                sockets.add(LinuxUdp.openBound(address, true, RECEIVE_BUFFER));
            } catch (IOException noReusePort) {
                break; // one socket still serves; only slower
            }
        }
        counters = new ThreadCounters(sockets.size());
        CpuSteering steered = null;
        String notSteered = null;
        if (steering == UdpSteering.CPU || steering == UdpSteering.AUTO) {
            try {
                steered = CpuSteering.plan(threadCount, sockets.size());
            } catch (CpuSteering.UnavailableException e) {
                notSteered = e.getMessage();
            }
        }
        for (int i = 0; i < sockets.size(); i++) {
            int fd = sockets.get(i);
            int index = i;
            CpuSteering pinning = steered;
            threads.add(Thread.ofPlatform().daemon().name("dns-udp-" + i).start(() -> {
                boolean pinned = pinning != null && pinning.pin(index); // socket i was bound i-th: its index in the group is i
                serve(fd, index, pinned ? pinning : null);
            }));
        }
        if (steered != null) {
            notSteered = steered.decide(sockets.getFirst());
        }
        if (steering == UdpSteering.HASH) {
            spread = "";
        } else if (notSteered != null) {
            spread = ", spread by hash (CPU steering not used: " + notSteered + ")";
        } else if (steering == UdpSteering.CPU) {
            spread = ", steered by CPU (thread i on CPU i)";
        } else {
            spread = ", steered by CPU (thread i on CPU i) while every CPU has work, else by hash";
        }
        if (steering == UdpSteering.AUTO && notSteered == null) {
            adaptive = new AdaptiveSteering(steered.adaptiveGroup(sockets.getFirst(), counters), tuning,
                    message -> System.err.println("pilotlight dns: " + message));
            adaptiveThread = Thread.ofPlatform().daemon().name("dns-udp-steering").start(adaptive);
        } else {
            adaptive = null;
            adaptiveThread = null;
        }
        fixedSteering = notSteered != null || steering == UdpSteering.HASH ? "by hash (the kernel's choice)" : "by CPU";
    }

    /**
     * Called through a method handle by {@link UdpTransport#open}.
     *
     * @param forced   {@code --udp-io mmsg}: run even without native access enabled (the JDK then warns)
     * @param steering which socket gets a query; {@link UdpSteering#AUTO} adapts, by {@code tuning}
     * @throws UnsupportedOperationException where it cannot run
     */
    static UdpTransport open(InetSocketAddress listen, int threadCount, QueryProcessor processor, boolean forced,
                             UdpSteering steering, SteeringTuning tuning) throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.equals("linux") || !(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))) {
            throw new UnsupportedOperationException("Linux on x86-64 or AArch64 only, not " + os + "/" + arch);
        }
        if (!forced && !MmsgUdpTransport.class.getModule().isNativeAccessEnabled()) {
            throw new UnsupportedOperationException("native access is not enabled (java --enable-native-access=ALL-UNNAMED)");
        }
        return new MmsgUdpTransport(listen, threadCount, processor, steering, tuning);
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public String description() {
        return "recvmmsg/sendmmsg (FFM), " + sockets.size() + (sockets.size() == 1 ? " socket" : " sockets") + spread;
    }

    @Override
    public String steering() {
        return adaptive != null ? adaptive.state() : fixedSteering;
    }

    @Override
    public long[] queriesByThread() {
        return counters.queries();
    }

    /** @param steering null, or the steering by CPU that this thread {@code index} follows: pinned to its CPU or not */
    private void serve(int fd, int index, CpuSteering steering) {
        try (Arena arena = Arena.ofConfined()) {
            MessageBatch batch = new MessageBatch(arena, BATCH, PACKET_SIZE);
            MemorySegment callState = LinuxUdp.callState(arena);
            byte[] query = new byte[PACKET_SIZE];
            ResponseCache.Key probe = ResponseCache.Key.newProbe();
            int received = BATCH;
            boolean pinned = true;
            while (!closing) {
                if (steering != null && steering.threadsPinned() != pinned) {
                    pinned = steering.follow(index, !pinned);
                }
                received = LinuxUdp.recvmmsg(callState, fd, batch.receiveHeaders(Math.max(received, 0)), BATCH);
                if (closing) {
                    return;
                }
                if (received < 0) {
                    waitAfterError(LinuxUdp.errno(callState));
                    continue;
                }
                counters.received(index, received);
                int responses = 0;
                for (int q = 0; q < received; q++) {
                    if (answer(batch, q, responses, query, probe)) {
                        responses++;
                    }
                }
                send(fd, batch, responses, callState);
            }
        } finally {
            LinuxUdp.close(fd);
        }
    }

    /** Writes the answer to query {@code q} as response {@code r}; false when there is nothing to send. */
    private boolean answer(MessageBatch batch, int q, int r, byte[] query, ResponseCache.Key probe) {
        try {
            int length = batch.queryLength(q);
            if (length < 0) {
                processor.dropped.increment();
                return false;
            }
            batch.copyQuery(q, query, length);
            ByteBuffer out = batch.responseBuffer(r);
            if (!processor.processInto(query, length, probe, out)) {
                return false;
            }
            batch.queue(r, q);
            return true;
        } catch (RuntimeException unexpected) {
            processor.dropped.increment(); // e.g. an answer larger than the buffer: one query lost, never the thread
            return false;
        }
    }

    private void send(int fd, MessageBatch batch, int count, MemorySegment callState) {
        int sent = 0;
        while (sent < count) {
            int now = LinuxUdp.sendmmsg(callState, fd, batch.responseHeaders(sent), count - sent);
            if (now > 0) {
                sent += now;
            } else if (LinuxUdp.errno(callState) != LinuxUdp.EINTR) {
                processor.dropped.increment(); // this one cannot go (e.g. no route): skip it, send the rest
                sent++;
            }
        }
    }

    private void waitAfterError(int errno) {
        if (errno != LinuxUdp.EINTR && errno != LinuxUdp.EAGAIN) { // EAGAIN: the one-second receive timeout
            processor.dropped.increment();
            LockSupport.parkNanos(1_000_000); // a lasting error must not spin a core
        }
    }

    @Override
    public synchronized void close() {
        if (closing) {
            return; // the threads have closed their sockets: the numbers may belong to other files by now
        }
        closing = true;
        if (adaptiveThread != null) {
            adaptiveThread.interrupt();
            try {
                adaptiveThread.join(2000); // before the sockets close: it must not touch a number reused by another file
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int fd : sockets) {
            LinuxUdp.shutdown(fd);
        }
        for (Thread thread : threads) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
