package io.pilotlight.store.node;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;

/** Damages a closed store the way a bad disk would: every value of one column family overwritten, on the database directly. */
final class DamagedDisk {
    private static final List<String> FAMILIES = List.of("default", "data", "log", "ledger");

    private DamagedDisk() {
    }

    static void overwrite(Path dir, String family, byte[] bytes) throws Exception {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        for (String name : FAMILIES) {
            descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8)));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions(); RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles)) {
            ColumnFamilyHandle target = handles.get(FAMILIES.indexOf(family));
            try (RocksIterator it = db.newIterator(target)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    db.put(target, it.key(), bytes);
                }
            }
            handles.forEach(ColumnFamilyHandle::close);
        }
    }
}
