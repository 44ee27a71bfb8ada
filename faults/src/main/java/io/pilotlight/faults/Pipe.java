package io.pilotlight.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * One direction of one connection. A reader stamps each chunk it reads with its due time
 * (arrival + latency ± jitter, never before the previous chunk's) and queues it without waiting;
 * a writer releases chunks when due, applying the partition and bandwidth cap in force at that
 * moment. So latency delays bytes without limiting throughput: many chunks are in flight at once.
 */
final class Pipe {
    static final int READ_SIZE = 64 * 1024;
    /** Bytes queued per direction and connection before the reader stops reading (the sender then blocks). */
    static final int BUFFER_BYTES = 4 * 1024 * 1024;
    private static final Duration HOLD_POLL = Duration.ofMillis(1);

    private final Wire wire;
    private final Socket source;
    private final Socket destination;
    private final Stamper stamper;
    private final Connection connection;
    private final BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    private final Semaphore room = new Semaphore(BUFFER_BYTES);
    private Thread reader;
    private Thread writer;

    Pipe(Wire wire, Socket source, Socket destination, SplittableRandom random, Connection connection) {
        this.wire = wire;
        this.source = source;
        this.destination = destination;
        this.stamper = new Stamper(random);
        this.connection = connection;
    }

    void start(String name) {
        reader = Thread.ofVirtual().name(name + "-" + wire.direction.label() + "-read").start(this::read);
        writer = Thread.ofVirtual().name(name + "-" + wire.direction.label() + "-write").start(this::write);
    }

    void stop() {
        reader.interrupt();
        writer.interrupt();
    }

    private void read() {
        byte[] buffer = new byte[READ_SIZE];
        try {
            InputStream in = source.getInputStream();
            while (true) {
                int n = in.read(buffer);
                long now = System.nanoTime();
                if (n < 0) {
                    queue.add(Chunk.end(due(now)));
                    return;
                }
                room.acquire(n);
                queue.add(Chunk.data(Arrays.copyOf(buffer, n), due(now)));
            }
        } catch (IOException broken) {
            queue.add(Chunk.reset(due(System.nanoTime())));
        } catch (InterruptedException stopped) {
            // the connection is closed
        }
    }

    private long due(long arrivalNanos) {
        return stamper.due(arrivalNanos, wire.faults());
    }

    private void write() {
        try {
            OutputStream out = destination.getOutputStream();
            while (true) {
                Chunk chunk = queue.take();
                sleep(chunk.dueNanos() - System.nanoTime());
                Partition partition = awaitPassage(chunk);
                switch (chunk.kind()) {
                    case END -> {
                        destination.shutdownOutput();
                        connection.ended();
                        return;
                    }
                    case RESET -> {
                        connection.reset();
                        return;
                    }
                    case DATA -> {
                        if (partition == Partition.DROP) {
                            wire.counters.dropped(wire.direction, chunk.length());
                        } else {
                            send(out, chunk.bytes());
                        }
                        room.release(chunk.length());
                    }
                }
            }
        } catch (IOException broken) {
            connection.reset();
        } catch (InterruptedException stopped) {
            // the connection is closed
        }
    }

    /** Waits while a partition holds this chunk back; returns the partition it may pass under (NONE, or DROP for data). */
    private Partition awaitPassage(Chunk chunk) throws InterruptedException {
        while (true) {
            Partition partition = wire.faults().partition();
            if (partition == Partition.NONE || partition == Partition.DROP && chunk.kind() == Chunk.Kind.DATA) {
                return partition;
            }
            Thread.sleep(HOLD_POLL);
        }
    }

    private void send(OutputStream out, byte[] bytes) throws IOException, InterruptedException {
        int offset = 0;
        while (offset < bytes.length) {
            int n = wire.slice(bytes.length - offset);
            sleep(wire.reserve(n, System.nanoTime()));
            out.write(bytes, offset, n);
            wire.counters.delivered(wire.direction, n);
            offset += n;
        }
    }

    private static void sleep(long nanos) throws InterruptedException {
        if (nanos > 0) {
            Thread.sleep(Duration.ofNanos(nanos));
        }
    }
}
