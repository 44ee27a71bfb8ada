package io.pilotlight.engine.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotlight.engine.LostWrite;
import io.pilotlight.engine.Position;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The lost-transactions ledger of a former primary: the row changes it committed past the point where
 * the promoted standby's timeline forked off, one {@link LostWrite} per row, kept in a JSON file next
 * to its data directory.
 */
final class Ledger {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Ledger() {
    }

    /**
     * The writes lost by a failover: the transactions whose commit record ends past {@code switchPoint} (test_decoding
     * reports a COMMIT at the end of its record; the new timeline starts at the end of the last record the standby replayed).
     *
     * @param keyColumns each table's primary-key columns; a table without one is keyed by the whole row
     */
    static List<LostWrite> lost(List<DecodedTransaction> decoded, long oldTimeline, long switchPoint, Map<String, List<String>> keyColumns) {
        List<LostWrite> lost = new ArrayList<>();
        for (DecodedTransaction txn : decoded) {
            if (txn.commitLsn() <= switchPoint) {
                continue;
            }
            for (DecodedTransaction.Change change : txn.changes()) {
                List<String> keys = keyColumns.getOrDefault(change.table(), List.copyOf(change.columns().keySet()));
                String key = keys.stream().map(k -> String.valueOf(change.columns().get(k))).collect(Collectors.joining(","));
                String value = change.operation().equals("delete") || change.operation().equals("truncate") ? null
                        : value(change.columns(), keys);
                lost.add(new LostWrite(change.table(), key, change.operation(), value, Lsn.position(oldTimeline, txn.commitLsn()),
                        txn.committed()));
            }
        }
        return lost;
    }

    /** The new values: the one non-key column's value, or a JSON object of the non-key columns. */
    private static String value(Map<String, String> columns, List<String> keys) {
        List<String> others = columns.keySet().stream().filter(c -> !keys.contains(c)).toList();
        if (others.size() == 1) {
            return columns.get(others.get(0));
        }
        ObjectNode node = JSON.createObjectNode();
        others.forEach(c -> node.put(c, columns.get(c)));
        return node.toString();
    }

    static void append(Path file, List<LostWrite> writes) throws IOException {
        List<LostWrite> all = new ArrayList<>(read(file));
        all.addAll(writes);
        ArrayNode array = JSON.createArrayNode();
        for (LostWrite w : all) {
            array.addObject().put("table", w.table()).put("key", w.key()).put("operation", w.operation()).put("value", w.value())
                    .put("timeline", w.position().epoch()).put("lsn", w.position().index())
                    .put("committed", w.committed() == null ? null : w.committed().toString());
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static List<LostWrite> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<LostWrite> out = new ArrayList<>();
        for (JsonNode n : JSON.readTree(file.toFile())) {
            Position position = Lsn.position(n.path("timeline").asLong(), n.path("lsn").asLong());
            out.add(new LostWrite(n.path("table").asText(), n.path("key").asText(), n.path("operation").asText(),
                    n.path("value").isNull() ? null : n.path("value").asText(), position,
                    n.path("committed").isNull() ? null : Instant.parse(n.path("committed").asText())));
        }
        return out;
    }
}
