package io.pilotlight.store.log;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The binary form of log entries, on disk and on the replication stream. */
public final class LogCodec {
    private LogCodec() {
    }

    public static void write(DataOutputStream out, LogEntry entry) throws IOException {
        out.writeLong(entry.index());
        out.writeLong(entry.epoch());
        out.writeLong(entry.commitTime());
        byte[] key = entry.key().getBytes(StandardCharsets.UTF_8);
        out.writeInt(key.length);
        out.write(key);
        if (entry.value() == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(entry.value().length);
            out.write(entry.value());
        }
    }

    /** The largest key or value an entry may announce. */
    static final int MAX_LENGTH = 64 * 1024 * 1024;
    /** The most entries a frame may announce. */
    static final int MAX_FRAME_ENTRIES = 1_000_000;

    /**
     * The next entry: an {@link EOFException} when the bytes stop short, a {@link CorruptLogException}
     * when they cannot be an entry (a length out of range, a key that is not UTF-8).
     */
    public static LogEntry read(DataInputStream in) throws IOException {
        long index = in.readLong();
        long epoch = in.readLong();
        long time = in.readLong();
        byte[] key = readBytes(in, checkedLength(in.readInt(), "key"));
        int valueLength = in.readInt();
        byte[] value = valueLength == -1 ? null : readBytes(in, checkedLength(valueLength, "value"));
        return new LogEntry(index, epoch, time, utf8(key), value);
    }

    private static int checkedLength(int length, String what) throws CorruptLogException {
        if (length < 0 || length > MAX_LENGTH) {
            throw new CorruptLogException("corrupt log entry: " + what + " length " + length + "; allowed: 0 to " + MAX_LENGTH
                    + (what.equals("value") ? " (-1 for a delete)" : ""));
        }
        return length;
    }

    /** Exactly {@code length} bytes, in memory that grows with the bytes that arrive, not with what a prefix announces. */
    private static byte[] readBytes(DataInputStream in, int length) throws IOException {
        if (length <= 64 * 1024) {
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            return bytes;
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("the log ended after " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    /** Strict: bytes that are not UTF-8 are refused, never replaced (the applied key must be the stored one). */
    private static String utf8(byte[] key) throws CorruptLogException {
        boolean ascii = true;
        for (byte b : key) {
            ascii &= b >= 0;
        }
        if (ascii) {
            return new String(key, StandardCharsets.US_ASCII); // the usual key, on every read of the log: no decoder
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(key)).toString();
        } catch (CharacterCodingException notUtf8) {
            throw new CorruptLogException("corrupt log entry: the key is not valid UTF-8 (" + key.length + " bytes)");
        }
    }

    public static byte[] encode(LogEntry entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + (entry.value() == null ? 0 : entry.value().length));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out, entry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** One entry as stored: an {@link UncheckedIOException} around a {@link CorruptLogException} when the bytes are not exactly one entry. */
    public static LogEntry decode(byte[] bytes) {
        try {
            return decodeExactly(bytes);
        } catch (CorruptLogException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private static LogEntry decodeExactly(byte[] bytes) throws CorruptLogException {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        try {
            LogEntry entry = read(new DataInputStream(in));
            if (in.available() > 0) {
                throw new CorruptLogException("corrupt log entry: " + in.available() + " bytes after the entry, inside its length of "
                        + bytes.length);
            }
            return entry;
        } catch (CorruptLogException e) {
            throw e;
        } catch (IOException cutShort) {
            throw new CorruptLogException("corrupt log entry: " + bytes.length + " bytes are too few for the entry they start ("
                    + cutShort.getMessage() + ")");
        }
    }

    /**
     * One frame of the replication stream: the writer's epoch and last index, then entries as stored
     * in the log (length-prefixed {@link #encode} bytes, sent without decoding). A frame without
     * entries is a heartbeat.
     */
    public static void writeFrame(DataOutputStream out, long epoch, long writerLast, List<byte[]> encodedEntries) throws IOException {
        out.writeLong(epoch);
        out.writeLong(writerLast);
        out.writeInt(encodedEntries.size());
        for (byte[] entry : encodedEntries) {
            out.writeInt(entry.length);
            out.write(entry);
        }
    }

    /**
     * The next frame: an {@link EOFException} when the stream stops short, a {@link CorruptLogException}
     * when the bytes cannot be a frame; memory grows with the bytes that arrive, whatever the counts say.
     */
    public static LogFrame readFrame(DataInputStream in) throws IOException {
        long epoch = in.readLong();
        long writerLast = in.readLong();
        int count = in.readInt();
        if (count < 0 || count > MAX_FRAME_ENTRIES) {
            throw new CorruptLogException("corrupt log frame: " + count + " entries; allowed: 0 to " + MAX_FRAME_ENTRIES);
        }
        List<byte[]> encoded = new ArrayList<>(Math.min(count, 1024));
        List<LogEntry> entries = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            int length = in.readInt();
            if (length < 0 || length > 2 * MAX_LENGTH + 32) {
                throw new CorruptLogException("corrupt log frame: entry " + i + " has length " + length);
            }
            byte[] raw = readBytes(in, length);
            encoded.add(raw);
            entries.add(decodeExactly(raw));
        }
        return new LogFrame(epoch, writerLast, entries, encoded);
    }
}
