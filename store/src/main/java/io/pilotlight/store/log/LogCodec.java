package io.pilotlight.store.log;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    public static LogEntry read(DataInputStream in) throws IOException {
        long index = in.readLong();
        long epoch = in.readLong();
        long time = in.readLong();
        byte[] key = new byte[checkedLength(in.readInt())];
        in.readFully(key);
        int valueLength = in.readInt();
        byte[] value = null;
        if (valueLength >= 0) {
            value = new byte[checkedLength(valueLength)];
            in.readFully(value);
        }
        return new LogEntry(index, epoch, time, new String(key, StandardCharsets.UTF_8), value);
    }

    private static int checkedLength(int length) throws IOException {
        if (length < 0 || length > 64 * 1024 * 1024) {
            throw new IOException("corrupt log entry: length " + length);
        }
        return length;
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

    public static LogEntry decode(byte[] bytes) {
        try {
            return read(new DataInputStream(new java.io.ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    public static LogFrame readFrame(DataInputStream in) throws IOException {
        long epoch = in.readLong();
        long writerLast = in.readLong();
        int count = in.readInt();
        if (count < 0 || count > 1_000_000) {
            throw new IOException("corrupt log frame: " + count + " entries");
        }
        List<byte[]> encoded = new ArrayList<>(count);
        List<LogEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] raw = new byte[checkedLength(in.readInt())];
            in.readFully(raw);
            encoded.add(raw);
            entries.add(decode(raw));
        }
        return new LogFrame(epoch, writerLast, entries, encoded);
    }
}
