package io.pilotlight.dns;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;

/**
 * One thread's native memory for recvmmsg/sendmmsg: an array of {@code struct mmsghdr} to receive
 * into, one to send from, their iovecs, the clients' addresses and the packet buffers, all set up
 * once. Response {@code r} answers query {@code q}: its header points at q's address as received.
 */
final class MessageBatch {
    private static final StructLayout IOVEC = MemoryLayout.structLayout(
            ADDRESS.withName("iov_base"), JAVA_LONG.withName("iov_len"));
    private static final StructLayout MMSGHDR = MemoryLayout.structLayout(
            MemoryLayout.structLayout(
                    ADDRESS.withName("msg_name"), JAVA_INT.withName("msg_namelen"), MemoryLayout.paddingLayout(4),
                    ADDRESS.withName("msg_iov"), JAVA_LONG.withName("msg_iovlen"),
                    ADDRESS.withName("msg_control"), JAVA_LONG.withName("msg_controllen"),
                    JAVA_INT.withName("msg_flags"), MemoryLayout.paddingLayout(4)).withName("msg_hdr"),
            JAVA_INT.withName("msg_len"), MemoryLayout.paddingLayout(4));
    private static final long HEADER_SIZE = MMSGHDR.byteSize();
    private static final long NAME = offset("msg_name");
    private static final long NAME_LENGTH = offset("msg_namelen");
    private static final long IOV = offset("msg_iov");
    private static final long IOV_COUNT = offset("msg_iovlen");
    private static final long FLAGS = offset("msg_flags");
    private static final long LENGTH = MMSGHDR.byteOffset(groupElement("msg_len"));
    private static final long IOV_BASE = IOVEC.byteOffset(groupElement("iov_base"));
    private static final long IOV_LENGTH = IOVEC.byteOffset(groupElement("iov_len"));

    final int capacity;
    private final int packetSize;
    private final MemorySegment received;
    private final MemorySegment responses;
    private final MemorySegment responseIovecs;
    private final MemorySegment names;
    private final MemorySegment queries;
    private final ByteBuffer[] responseBuffers;

    /** @param packetSize the largest query read and the largest response sent */
    MessageBatch(Arena arena, int capacity, int packetSize) {
        this.capacity = capacity;
        this.packetSize = packetSize;
        received = arena.allocate(MMSGHDR, capacity);
        responses = arena.allocate(MMSGHDR, capacity);
        MemorySegment queryIovecs = arena.allocate(IOVEC, capacity);
        responseIovecs = arena.allocate(IOVEC, capacity);
        names = arena.allocate((long) LinuxUdp.SOCKADDR_SIZE * capacity, 8);
        queries = arena.allocate((long) packetSize * capacity, 8);
        MemorySegment answers = arena.allocate((long) packetSize * capacity, 8);
        responseBuffers = new ByteBuffer[capacity];
        for (int i = 0; i < capacity; i++) {
            MemorySegment queryIovec = queryIovecs.asSlice(i * IOVEC.byteSize());
            queryIovec.set(ADDRESS, IOV_BASE, queries.asSlice((long) i * packetSize, packetSize));
            queryIovec.set(JAVA_LONG, IOV_LENGTH, packetSize);
            MemorySegment header = received.asSlice(i * HEADER_SIZE);
            header.set(ADDRESS, NAME, names.asSlice((long) i * LinuxUdp.SOCKADDR_SIZE, LinuxUdp.SOCKADDR_SIZE));
            header.set(ADDRESS, IOV, queryIovec);
            header.set(JAVA_LONG, IOV_COUNT, 1);

            MemorySegment answer = answers.asSlice((long) i * packetSize, packetSize);
            responseBuffers[i] = answer.asByteBuffer();
            MemorySegment responseIovec = responseIovecs.asSlice(i * IOVEC.byteSize());
            responseIovec.set(ADDRESS, IOV_BASE, answer);
            MemorySegment response = responses.asSlice(i * HEADER_SIZE);
            response.set(ADDRESS, IOV, responseIovec);
            response.set(JAVA_LONG, IOV_COUNT, 1);
        }
    }

    private static long offset(String field) {
        return MMSGHDR.byteOffset(groupElement("msg_hdr"), groupElement(field));
    }

    /** The receive headers, ready for recvmmsg: the kernel overwrites each address length it fills. */
    MemorySegment receiveHeaders(int filledLastTime) {
        for (int i = 0; i < filledLastTime; i++) {
            received.set(JAVA_INT, i * HEADER_SIZE + NAME_LENGTH, LinuxUdp.SOCKADDR_SIZE);
        }
        return received;
    }

    /** The length of query {@code q}, or -1 when it did not fit the buffer (MSG_TRUNC). */
    int queryLength(int q) {
        long header = q * HEADER_SIZE;
        if ((received.get(JAVA_INT, header + FLAGS) & LinuxUdp.MSG_TRUNC) != 0) {
            return -1;
        }
        return received.get(JAVA_INT, header + LENGTH);
    }

    void copyQuery(int q, byte[] into, int length) {
        MemorySegment.copy(queries, ValueLayout.JAVA_BYTE, (long) q * packetSize, into, 0, length);
    }

    /** Where response {@code r} is written; {@link #queue} then sends its remaining bytes. */
    ByteBuffer responseBuffer(int r) {
        return responseBuffers[r];
    }

    /** Response {@code r}, written into its buffer, goes back to the sender of query {@code q}. */
    void queue(int r, int q) {
        long header = r * HEADER_SIZE;
        long receivedHeader = q * HEADER_SIZE;
        responses.set(JAVA_LONG, header + NAME, received.get(JAVA_LONG, receivedHeader + NAME));
        responses.set(JAVA_INT, header + NAME_LENGTH, received.get(JAVA_INT, receivedHeader + NAME_LENGTH));
        responseIovecs.set(JAVA_LONG, r * IOVEC.byteSize() + IOV_LENGTH, responseBuffers[r].remaining());
    }

    /** The send headers from response {@code first} on. */
    MemorySegment responseHeaders(int first) {
        return first == 0 ? responses : responses.asSlice(first * HEADER_SIZE);
    }
}
