package io.pilotlight.store.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The replication stream's frames and the log's entries face the network (a writer's stream) and the
 * disk: whatever bytes arrive, a frame comes back exactly as it was written, or the read fails with
 * an {@link IOException} ({@link CorruptLogException} when the bytes cannot be a frame, {@link EOFException}
 * when they stop short); never another exception, never memory in proportion to a length prefix
 * rather than to the bytes received, and never an entry whose stored bytes say something else.
 */
class LogCodecFuzzTest {

    // ---- round trips ---------------------------------------------------------------------------

    @Property(tries = 300)
    void anEntryEncodedThenDecodedIsTheSameEntry(@ForAll("entries") LogEntry entry) {
        byte[] encoded = LogCodec.encode(entry);
        assertSame(LogCodec.decode(encoded), entry);
        assertThat(LogCodec.encode(LogCodec.decode(encoded))).isEqualTo(encoded);
    }

    /** Frames written back to back and read through a stream that hands over arbitrary pieces (as TCP does) come back identical. */
    @Property(tries = 200)
    void framesReadInArbitraryPiecesComeBackIdentical(@ForAll("frames") List<Frame> frames, @ForAll long seed) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(wire);
        for (Frame frame : frames) {
            LogCodec.writeFrame(out, frame.epoch(), frame.writerLast(), frame.entries().stream().map(LogCodec::encode).toList());
        }
        DataInputStream in = new DataInputStream(new Trickle(wire.toByteArray(), new Random(seed)));
        for (Frame sent : frames) {
            LogFrame read = LogCodec.readFrame(in);
            assertThat(read.epoch()).isEqualTo(sent.epoch());
            assertThat(read.writerLast()).isEqualTo(sent.writerLast());
            assertThat(read.entries()).hasSameSizeAs(sent.entries());
            for (int i = 0; i < sent.entries().size(); i++) {
                assertSame(read.entries().get(i), sent.entries().get(i));
                assertThat(read.encoded().get(i)).isEqualTo(LogCodec.encode(sent.entries().get(i)));
            }
        }
        assertThatThrownBy(() -> LogCodec.readFrame(in)).isInstanceOf(EOFException.class);
    }

    // ---- garbage ---------------------------------------------------------------------------------

    @Property(tries = 2000)
    void arbitraryBytesAreAFrameOrAnIoException(@ForAll @Size(max = 200) byte[] noise) {
        checkFrame(noise);
        try {
            checkCanonical(LogCodec.decode(noise), noise);
        } catch (UncheckedIOException refused) {
            assertThat(refused.getCause()).isInstanceOf(CorruptLogException.class);
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    /** Noise after a plausible frame header (small count, lengths that fit), so the entry decoder itself is reached. */
    @Property(tries = 2000)
    void plausibleFramesOfNoiseAreAFrameOrAnIoException(@ForAll @IntRange(min = 0, max = 3) int count,
                                                        @ForAll @Size(max = 4) List<@Size(max = 80) byte[]> entries) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try {
            LogCodec.writeFrame(new DataOutputStream(wire), 1, 1, entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = wire.toByteArray();
        ByteBuffer.wrap(bytes).putInt(16, count);
        checkFrame(bytes);
    }

    @Property(tries = 300)
    void aTruncatedFrameIsNeverAFrame(@ForAll("frames") List<Frame> frames, @ForAll @IntRange(min = 0, max = 100_000) int cut) {
        byte[] whole = wire(frames.getFirst());
        byte[] truncated = Arrays.copyOf(whole, cut % whole.length);
        assertThatThrownBy(() -> LogCodec.readFrame(new DataInputStream(new ByteArrayInputStream(truncated))))
                .isInstanceOf(EOFException.class);
    }

    /**
     * A flipped bit gives a frame or an IOException. There is no checksum, so a flip inside a value
     * or an index goes unnoticed; what must hold is that each entry decoded is exactly what its
     * stored bytes say (the replica stores the bytes and applies the entry).
     */
    @Property(tries = 600)
    void aFlippedBitGivesAConsistentFrameOrAnIoException(@ForAll("frames") List<Frame> frames, @ForAll @IntRange(min = 0) int bit) {
        byte[] bytes = wire(frames.getFirst());
        int at = bit % (bytes.length * 8);
        bytes[at / 8] ^= (byte) (1 << (at % 8));
        checkFrame(bytes);
    }

    /** A length prefix near the limits costs what arrived, not what it announces. */
    @Property(tries = 200)
    void aHugeLengthPrefixDoesNotAllocateItsLength(@ForAll @IntRange(min = 0, max = 1_000_000) int count,
                                                   @ForAll @IntRange(min = 1 << 20, max = Integer.MAX_VALUE) int length,
                                                   @ForAll @IntRange(min = 0, max = 3) int where) {
        ByteBuffer frame = ByteBuffer.allocate(20 + 4 + 24 + 4 + 16);
        frame.putLong(1).putLong(1).putInt(Math.max(count, 1));
        switch (where) {
            case 0 -> frame.putInt(length); // the entry's length
            case 1 -> frame.putInt(60).putLong(1).putLong(1).putLong(1).putInt(length); // the key's
            default -> frame.putInt(60).putLong(1).putLong(1).putLong(1).putInt(1).put((byte) 'k').putInt(length); // the value's
        }
        long before = allocated();
        checkFrame(Arrays.copyOf(frame.array(), frame.position() + 8));
        assertThat(allocated() - before).as("bytes allocated to read a %d-byte frame", frame.position() + 8).isLessThan(1 << 20);
    }

    // ---- found inputs, kept fixed --------------------------------------------------------------------

    /** Found: key bytes that are not UTF-8 were decoded with U+FFFD, so the applied key differed from the stored entry's. */
    @Example
    void keyBytesThatAreNotUtf8AreCorrupt() {
        byte[] entry = LogCodec.encode(new LogEntry(1, 1, 1, "ab", new byte[0]));
        entry[24 + 4] = (byte) 0xFF;
        assertThatThrownBy(() -> LogCodec.decode(entry)).hasCauseInstanceOf(CorruptLogException.class)
                .hasMessageContaining("key is not valid UTF-8");
        assertThatThrownBy(() -> LogCodec.readFrame(frameOf(entry))).isInstanceOf(CorruptLogException.class);
    }

    /** Found: an entry's length prefix longer than the entry let trailing bytes through, stored in the log but never applied. */
    @Example
    void bytesAfterAnEntryInsideItsLengthAreCorrupt() {
        byte[] entry = Arrays.copyOf(LogCodec.encode(new LogEntry(1, 1, 1, "k", "v".getBytes(StandardCharsets.UTF_8))), 40);
        assertThatThrownBy(() -> LogCodec.readFrame(frameOf(entry))).isInstanceOf(CorruptLogException.class)
                .hasMessageContaining("bytes after the entry");
    }

    /** Found: any negative value length was read as a delete, so a corrupt entry deleted the key (only -1 is a delete). */
    @Example
    void aNegativeValueLengthOtherThanMinusOneIsCorrupt() {
        byte[] entry = LogCodec.encode(new LogEntry(1, 1, 1, "k", null));
        ByteBuffer.wrap(entry).putInt(entry.length - 4, -2);
        assertThatThrownBy(() -> LogCodec.decode(entry)).hasCauseInstanceOf(CorruptLogException.class)
                .hasMessageContaining("value length -2");
        assertThat(LogCodec.decode(LogCodec.encode(new LogEntry(1, 1, 1, "k", null))).isDelete()).isTrue();
    }

    /** Found: a corrupt entry inside a frame escaped readFrame as an UncheckedIOException instead of its IOException. */
    @Example
    void aCorruptEntryInAFrameIsAnIoException() {
        byte[] entry = new byte[28];
        ByteBuffer.wrap(entry).putInt(24, -7); // a negative key length
        assertThatThrownBy(() -> LogCodec.readFrame(frameOf(entry))).isInstanceOf(CorruptLogException.class)
                .hasMessageContaining("key length -7");
    }

    /** Found: 20 bytes announcing a million entries allocated two lists of a million slots before reading any. */
    @Example
    void aMillionEntriesAnnouncedAreNotAllocatedUpFront() {
        byte[] frame = ByteBuffer.allocate(20).putLong(1).putLong(1).putInt(1_000_000).array();
        long before = allocated();
        assertThatThrownBy(() -> LogCodec.readFrame(new DataInputStream(new ByteArrayInputStream(frame)))).isInstanceOf(EOFException.class);
        assertThat(allocated() - before).isLessThan(1 << 20);
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static DataInputStream frameOf(byte[] entry) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        LogCodec.writeFrame(new DataOutputStream(wire), 1, 1, List.of(entry));
        return new DataInputStream(new ByteArrayInputStream(wire.toByteArray()));
    }

    /** Reads {@code bytes} as a frame: a frame whose entries are what their bytes say, or an IOException with a message. */
    private static void checkFrame(byte[] bytes) {
        LogFrame frame;
        try {
            frame = LogCodec.readFrame(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException refused) {
            assertThat(refused).isInstanceOfAny(EOFException.class, CorruptLogException.class);
            if (refused instanceof CorruptLogException) {
                assertThat(refused.getMessage()).startsWith("corrupt log");
            }
            return;
        } catch (Throwable other) {
            fail("reading " + bytes.length + " bytes threw " + other, other);
            return;
        }
        assertThat(frame.encoded()).hasSameSizeAs(frame.entries());
        for (int i = 0; i < frame.entries().size(); i++) {
            checkCanonical(frame.entries().get(i), frame.encoded().get(i));
        }
    }

    /** What is applied (the entry) and what is stored (the bytes) say the same thing. */
    private static void checkCanonical(LogEntry entry, byte[] stored) {
        assertThat(LogCodec.encode(entry)).as("the entry re-encoded is the bytes it came from").isEqualTo(stored);
    }

    private static void assertSame(LogEntry actual, LogEntry expected) {
        assertThat(actual.index()).isEqualTo(expected.index());
        assertThat(actual.epoch()).isEqualTo(expected.epoch());
        assertThat(actual.commitTime()).isEqualTo(expected.commitTime());
        assertThat(actual.key()).isEqualTo(expected.key());
        assertThat(actual.value()).isEqualTo(expected.value());
    }

    private static byte[] wire(Frame frame) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try {
            LogCodec.writeFrame(new DataOutputStream(wire), frame.epoch(), frame.writerLast(),
                    frame.entries().stream().map(LogCodec::encode).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return wire.toByteArray();
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    record Frame(long epoch, long writerLast, List<LogEntry> entries) {
    }

    @Provide
    Arbitrary<LogEntry> entries() {
        Arbitrary<Integer> codePoint = Arbitraries.oneOf(Arbitraries.integers().between(0, 0x7F),
                Arbitraries.integers().between(0x80, 0x10FFFF).filter(c -> c < 0xD800 || c > 0xDFFF));
        Arbitrary<String> key = codePoint.list().ofMaxSize(40)
                .map(points -> points.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
        Arbitrary<byte[]> small = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<byte[]> large = Arbitraries.integers().between(64 * 1024, 1024 * 1024).map(n -> {
            byte[] value = new byte[n];
            new Random(n).nextBytes(value);
            return value;
        });
        Arbitrary<byte[]> value = Arbitraries.frequencyOf(Tuple.of(6, small), Tuple.of(1, large), Tuple.of(2, Arbitraries.just(null)));
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs(), Arbitraries.longs(), key, value).as(LogEntry::new);
    }

    @Provide
    Arbitrary<List<Frame>> frames() {
        Arbitrary<Frame> frame = Combinators.combine(Arbitraries.longs(), Arbitraries.longs(), entries().list().ofMaxSize(5)).as(Frame::new);
        return frame.list().ofMinSize(1).ofMaxSize(4);
    }

    /** Hands over the bytes in pieces of 1 to 9 bytes or a large run, as a socket might. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private final Random random;
        private int at;

        Trickle(byte[] bytes, Random random) {
            this.bytes = bytes;
            this.random = random;
        }

        @Override
        public int read() {
            return at < bytes.length ? bytes[at++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (at >= bytes.length) {
                return -1;
            }
            int piece = random.nextInt(4) == 0 ? 1 + random.nextInt(100_000) : 1 + random.nextInt(9);
            int n = Math.min(Math.min(length, piece), bytes.length - at);
            System.arraycopy(bytes, at, buffer, offset, n);
            at += n;
            return n;
        }
    }
}
