package io.pilotlight.engine.postgres;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the text of PostgreSQL's built-in {@code test_decoding} plugin (with include-timestamp):
 * {@code BEGIN 739}, {@code table public.t: INSERT: id[integer]:1 v[text]:'a''b'},
 * {@code COMMIT 739 (at 2026-12-05 12:00:00.123456+00)}. Lines it does not know are refused, so a
 * change of format fails loudly instead of leaving a write out of the ledger.
 */
final class TestDecodingParser {
    private static final DateTimeFormatter COMMIT_TIME = new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().appendOffset("+HH:mm", "+00")
            .toFormatter();

    /** One row of pg_logical_slot_peek_changes. */
    record Row(long lsn, long xid, String data) {
    }

    private TestDecodingParser() {
    }

    static List<DecodedTransaction> parse(List<Row> rows) {
        List<DecodedTransaction> out = new ArrayList<>();
        List<DecodedTransaction.Change> changes = null;
        for (Row row : rows) {
            String data = row.data();
            if (data.startsWith("BEGIN")) {
                changes = new ArrayList<>();
            } else if (data.startsWith("COMMIT")) {
                int at = data.indexOf("(at ");
                Instant committed = at < 0 ? null : OffsetDateTime.parse(data.substring(at + 4, data.lastIndexOf(')')), COMMIT_TIME).toInstant();
                out.add(new DecodedTransaction(row.xid(), row.lsn(), committed, changes == null ? List.of() : List.copyOf(changes)));
                changes = null;
            } else if (data.startsWith("table ")) {
                if (changes == null) {
                    throw new IllegalArgumentException("a change outside a transaction: " + data);
                }
                changes.add(change(data));
            } else {
                throw new IllegalArgumentException("test_decoding printed a line this parser does not know: " + data);
            }
        }
        return out;
    }

    static DecodedTransaction.Change change(String data) {
        // table <schema.table>: <OP>: <columns>
        int tableEnd = data.indexOf(": ", 6);
        String table = data.substring(6, tableEnd);
        int opEnd = data.indexOf(':', tableEnd + 2);
        String operation = data.substring(tableEnd + 2, opEnd).toLowerCase();
        String rest = data.substring(opEnd + 1).strip();
        if (operation.equals("truncate") || rest.equals("(no-tuple-data)")) {
            return new DecodedTransaction.Change(table, operation, Map.of());
        }
        int newTuple = rest.indexOf("new-tuple: ");
        if (rest.startsWith("old-key: ") && newTuple > 0) {
            rest = rest.substring(newTuple + "new-tuple: ".length());
        }
        return new DecodedTransaction.Change(table, operation, columns(rest));
    }

    /** name[type]:value pairs separated by spaces; a value is 'quoted' (with '' for a quote), null, or a bare word. */
    static Map<String, String> columns(String text) {
        Map<String, String> columns = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
            if (i >= text.length()) {
                break;
            }
            int open = text.indexOf('[', i);
            int close = text.indexOf("]:", open);
            if (open < 0 || close < 0) {
                throw new IllegalArgumentException("cannot read the columns of: " + text);
            }
            String name = unquoteName(text.substring(i, open));
            int v = close + 2;
            String value;
            if (v < text.length() && text.charAt(v) == '\'') {
                StringBuilder sb = new StringBuilder();
                int j = v + 1;
                while (true) {
                    if (j >= text.length()) {
                        throw new IllegalArgumentException("an unterminated value in: " + text);
                    }
                    char c = text.charAt(j);
                    if (c == '\'') {
                        if (j + 1 < text.length() && text.charAt(j + 1) == '\'') {
                            sb.append('\'');
                            j += 2;
                            continue;
                        }
                        j++;
                        break;
                    }
                    sb.append(c);
                    j++;
                }
                value = sb.toString();
                i = j;
            } else {
                int end = text.indexOf(' ', v);
                end = end < 0 ? text.length() : end;
                String bare = text.substring(v, end);
                value = bare.equals("null") ? null : bare;
                i = end;
            }
            columns.put(name, value);
        }
        return columns;
    }

    private static String unquoteName(String name) {
        return name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"")
                : name;
    }
}
