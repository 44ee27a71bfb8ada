package io.pilotlight.store.node;

import io.pilotlight.store.log.LogCodec;
import io.pilotlight.store.log.LogEntry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The node's storage in one RocksDB: the ordered log, the current data, metadata (epoch history)
 * and the lost-writes ledger, each in its own column family. A log append and its effect on the
 * data are one atomic write batch; with {@code sync} it is fsynced before returning.
 */
final class RocksStore implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private final ColumnFamilyHandle meta;
    private final ColumnFamilyHandle data;
    private final ColumnFamilyHandle log;
    private final ColumnFamilyHandle ledger;
    private final WriteOptions synced = new WriteOptions().setSync(true);
    private final WriteOptions unsynced = new WriteOptions().setSync(false);
    private volatile long lastIndex;
    /** The newest entries' log bytes, for the replication stream (about 10 s of writes at 1 KiB, at most 64 MiB). */
    private final RecentLog recent;
    /** Readers and writers hold the read lock; close takes the write lock, so nothing touches a closed DB (a native crash). */
    private final java.util.concurrent.locks.ReentrantReadWriteLock lifecycle = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private boolean closed;

    private <T> T guarded(java.util.function.Supplier<T> action) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new StoreIoException("the store is closed", null);
            }
            return action.get();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    RocksStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            // Recycling WAL files makes an fsync cheaper (no file-size metadata to journal), as PostgreSQL's preallocated WAL segments do.
            DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true).setRecycleLogFileNum(4);
            ColumnFamilyOptions family = new ColumnFamilyOptions();
            List<ColumnFamilyDescriptor> descriptors = List.of(
                    new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, family),
                    new ColumnFamilyDescriptor(bytes("data"), family),
                    new ColumnFamilyDescriptor(bytes("log"), family),
                    new ColumnFamilyDescriptor(bytes("ledger"), family));
            this.db = RocksDB.open(options, dir.toString(), descriptors, handles);
            this.meta = handles.get(0);
            this.data = handles.get(1);
            this.log = handles.get(2);
            this.ledger = handles.get(3);
            this.lastIndex = readLastIndex();
            this.recent = new RecentLog(65_536, 64L << 20, lastIndex + 1);
        } catch (RocksDBException | java.io.IOException e) {
            throw new IllegalStateException("cannot open the store in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A log entry as stored; one that cannot be decoded means the disk is damaged, and the message names where. */
    private LogEntry decode(byte[] stored) {
        try {
            return LogCodec.decode(stored);
        } catch (java.io.UncheckedIOException corrupt) {
            throw new StoreIoException("the log in " + dir + " is damaged: " + corrupt.getMessage(), corrupt);
        }
    }

    private static byte[] indexKey(long index) {
        return ByteBuffer.allocate(8).putLong(index).array();
    }

    private long readLastIndex() {
        try (RocksIterator it = db.newIterator(log)) {
            it.seekToLast();
            return it.isValid() ? ByteBuffer.wrap(it.key()).getLong() : 0;
        }
    }

    long lastIndex() {
        return lastIndex;
    }

    /** Appends entries (which must continue the log) and applies them to the data, atomically. */
    void append(List<LogEntry> entries, boolean sync) {
        append(entries, null, sync);
    }

    /** As {@link #append(List, boolean)}, storing {@code encoded} (the entries' log bytes, as received) when given. */
    void append(List<LogEntry> entries, List<byte[]> encoded, boolean sync) {
        guarded(() -> {
            if (entries.isEmpty()) {
                return null;
            }
            List<byte[]> bytes = encoded != null ? encoded : new ArrayList<>(entries.size());
            try (WriteBatch batch = new WriteBatch()) {
                for (int i = 0; i < entries.size(); i++) {
                    LogEntry entry = entries.get(i);
                    if (encoded == null) {
                        bytes.add(LogCodec.encode(entry));
                    }
                    batch.put(log, indexKey(entry.index()), bytes.get(i));
                    if (entry.isDelete()) {
                        batch.delete(data, bytes(entry.key()));
                    } else {
                        batch.put(data, bytes(entry.key()), indexKey(entry.index()));
                    }
                }
                db.write(sync ? synced : unsynced, batch);
                recent.appended(entries.get(0).index(), bytes); // before lastIndex moves: a reader who sees the index finds the bytes
                lastIndex = entries.get(entries.size() - 1).index();
            } catch (RocksDBException e) {
                throw new StoreIoException("log append failed: " + e.getMessage(), e);
            }
            return null;
        });
    }

    /** Makes every write so far durable (fsyncs the WAL). */
    void sync() {
        guarded(() -> {
            try {
                db.flushWal(true);
            } catch (RocksDBException e) {
                throw new StoreIoException("WAL sync failed: " + e.getMessage(), e);
            }
            return null;
        });
    }

    StoredValue get(String key) {
        return guarded(() -> {
            try {
                byte[] raw = db.get(data, bytes(key));
                return raw == null ? null : resolve(raw);
            } catch (RocksDBException e) {
                throw new StoreIoException("read failed: " + e.getMessage(), e);
            }
        });
    }

    /**
     * A data entry is the log index of the key's current value: the value itself is stored once,
     * in the log, which is never compacted. (Stores written before kept the whole value here: 24
     * bytes of header and the value, never 8 bytes.)
     */
    private StoredValue resolve(byte[] raw) throws RocksDBException {
        if (raw.length != Long.BYTES) {
            return StoredValue.decode(raw);
        }
        byte[] logged = db.get(log, raw);
        if (logged == null) {
            throw new StoreIoException("the data points at log index " + ByteBuffer.wrap(raw).getLong() + ", which is missing", null);
        }
        LogEntry entry = decode(logged);
        return new StoredValue(entry.value(), entry.index(), entry.epoch(), entry.commitTime());
    }

    /** Keys in [from, to) in order, at most limit; {@code to} null for no upper bound. */
    List<Map.Entry<String, StoredValue>> scan(String from, String to, int limit) {
        return guarded(() -> {
            try {
                return scanResolved(from, to, limit);
            } catch (RocksDBException e) {
                throw new StoreIoException("read failed: " + e.getMessage(), e);
            }
        });
    }

    private List<Map.Entry<String, StoredValue>> scanResolved(String from, String to, int limit) throws RocksDBException {
        List<Map.Entry<String, StoredValue>> out = new ArrayList<>();
        try (RocksIterator it = db.newIterator(data)) {
            if (from == null) {
                it.seekToFirst();
            } else {
                it.seek(bytes(from));
            }
            while (it.isValid() && out.size() < limit) {
                String key = new String(it.key(), StandardCharsets.UTF_8);
                if (to != null && key.compareTo(to) >= 0) {
                    break;
                }
                out.add(Map.entry(key, resolve(it.value())));
                it.next();
            }
        }
        return out;
    }

    /**
     * The data's content digest (see {@link io.pilotlight.store.ContentDigest}), read from one RocksDB
     * snapshot, with the last log index of that same snapshot: a write in progress is either wholly in both or in neither.
     */
    io.pilotlight.store.ContentDigest digest(String region) {
        return guarded(() -> {
            org.rocksdb.Snapshot snapshot = db.getSnapshot();
            try (org.rocksdb.ReadOptions at = new org.rocksdb.ReadOptions().setSnapshot(snapshot)) {
                long last;
                try (RocksIterator it = db.newIterator(log, at)) {
                    it.seekToLast();
                    last = it.isValid() ? ByteBuffer.wrap(it.key()).getLong() : 0;
                }
                io.pilotlight.store.ContentDigest.Builder builder = new io.pilotlight.store.ContentDigest.Builder();
                try (RocksIterator it = db.newIterator(data, at)) {
                    for (it.seekToFirst(); it.isValid(); it.next()) {
                        byte[] raw = it.value();
                        StoredValue value;
                        if (raw.length != Long.BYTES) {
                            value = StoredValue.decode(raw);
                        } else {
                            byte[] logged = db.get(log, at, raw);
                            if (logged == null) {
                                throw new StoreIoException("the data points at log index " + ByteBuffer.wrap(raw).getLong() + ", which is missing", null);
                            }
                            LogEntry entry = decode(logged);
                            value = new StoredValue(entry.value(), entry.index(), entry.epoch(), entry.commitTime());
                        }
                        builder.add(it.key(), value.version(), value.epoch(), value.value() == null ? new byte[0] : value.value());
                    }
                }
                return builder.build(region, last);
            } catch (RocksDBException e) {
                throw new StoreIoException("digest failed: " + e.getMessage(), e);
            } finally {
                db.releaseSnapshot(snapshot);
            }
        });
    }

    List<LogEntry> entries(long from, int max) {
        return guarded(() -> {
            List<LogEntry> out = new ArrayList<>();
            try (RocksIterator it = db.newIterator(log)) {
                it.seek(indexKey(from));
                while (it.isValid() && out.size() < max) {
                    out.add(decode(it.value()));
                    it.next();
                }
            }
            return out;
        });
    }

    /** Up to {@code max} log entries from {@code from} as stored (encoded), for the replication stream. */
    List<byte[]> encodedEntries(long from, int max) {
        List<byte[]> cached = recent.since(from, max);
        if (cached != null) {
            return cached;
        }
        return guarded(() -> {
            List<byte[]> out = new ArrayList<>();
            try (RocksIterator it = db.newIterator(log)) {
                it.seek(indexKey(from));
                while (it.isValid() && out.size() < max) {
                    out.add(it.value());
                    it.next();
                }
            }
            return out;
        });
    }

    LogEntry entry(long index) {
        return guarded(() -> {
            try {
                byte[] raw = db.get(log, indexKey(index));
                return raw == null ? null : decode(raw);
            } catch (RocksDBException e) {
                throw new StoreIoException("read failed: " + e.getMessage(), e);
            }
        });
    }

    /**
     * For each key, its newest entry strictly below an index (null: none), in one backward scan of
     * the log that stops once every key is found: a rollback of many keys reads the log once, not once a key.
     */
    Map<String, LogEntry> latestBefore(java.util.Set<String> keys, long index) {
        return guarded(() -> {
            Map<String, LogEntry> found = new java.util.LinkedHashMap<>();
            keys.forEach(key -> found.put(key, null));
            java.util.Set<String> missing = new java.util.HashSet<>(keys);
            try (RocksIterator it = db.newIterator(log)) {
                it.seekForPrev(indexKey(index - 1));
                while (it.isValid() && !missing.isEmpty()) {
                    LogEntry entry = decode(it.value());
                    if (missing.remove(entry.key())) {
                        found.put(entry.key(), entry);
                    }
                    it.prev();
                }
            }
            return found;
        });
    }

    /** Removes log entries from {@code from} on, sets the given keys back (null value: absent), records the lost writes; atomically, synced. */
    void truncate(long from, Map<String, LogEntry> restore, List<LostWrite> lost) {
        guarded(() -> {
            try (WriteBatch batch = new WriteBatch()) {
                batch.deleteRange(log, indexKey(from), indexKey(Long.MAX_VALUE));
                restore.forEach((key, entry) -> {
                    try {
                        if (entry == null || entry.isDelete()) {
                            batch.delete(data, bytes(key));
                        } else {
                            batch.put(data, bytes(key), indexKey(entry.index()));
                        }
                    } catch (RocksDBException e) {
                        throw new StoreIoException(e.getMessage(), e);
                    }
                });
                for (LostWrite write : lost) {
                    batch.put(ledger, bytes(String.format("%020d-%020d", write.rolledBackAt(), write.index())),
                            LedgerCodec.encode(write));
                }
                db.write(synced, batch);
                recent.clear(from);
                lastIndex = from - 1;
            } catch (RocksDBException e) {
                throw new StoreIoException("rollback failed: " + e.getMessage(), e);
            }
            return null;
        });
    }

    List<LostWrite> ledger() {
        return guarded(() -> {
            List<LostWrite> out = new ArrayList<>();
            try (RocksIterator it = db.newIterator(ledger)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    try {
                        out.add(LedgerCodec.decode(it.value()));
                    } catch (IllegalArgumentException damaged) {
                        throw new StoreIoException("the lost-writes ledger in " + dir + " is damaged: entry \""
                                + new String(it.key(), StandardCharsets.UTF_8) + "\" is " + damaged.getMessage(), damaged);
                    }
                }
            }
            return out;
        });
    }

    String meta(String name) {
        return guarded(() -> {
            try {
                byte[] raw = db.get(meta, bytes(name));
                return raw == null ? null : new String(raw, StandardCharsets.UTF_8);
            } catch (RocksDBException e) {
                throw new StoreIoException("read failed: " + e.getMessage(), e);
            }
        });
    }

    void meta(String name, String value) {
        guarded(() -> {
            try {
                db.put(meta, synced, bytes(name), bytes(value));
            } catch (RocksDBException e) {
                throw new StoreIoException("write failed: " + e.getMessage(), e);
            }
            return null;
        });
    }

    /** A consistent copy of the whole store (log, data, metadata, ledger) as of now, in a new directory. */
    void checkpoint(Path target) {
        guarded(() -> {
            try (org.rocksdb.Checkpoint checkpoint = org.rocksdb.Checkpoint.create(db)) {
                checkpoint.createCheckpoint(target.toString());
            } catch (RocksDBException e) {
                throw new StoreIoException("backup to " + target + " failed: " + e.getMessage(), e);
            }
            return null;
        });
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lifecycle.writeLock().unlock();
        }
        handles.forEach(ColumnFamilyHandle::close);
        db.close();
        synced.close();
        unsynced.close();
    }
}
