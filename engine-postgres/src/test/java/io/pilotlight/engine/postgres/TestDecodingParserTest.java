package io.pilotlight.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlight.engine.LostWrite;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** test_decoding's text into transactions, and the ledger's cut at the new timeline's switch point. */
class TestDecodingParserTest {
    private static final List<TestDecodingParser.Row> ROWS = List.of(
            new TestDecodingParser.Row(100, 7, "BEGIN 7"),
            new TestDecodingParser.Row(110, 7, "table public.orders: INSERT: id[integer]:1 item[text]:'it''s a \"b\" c' qty[integer]:null"),
            new TestDecodingParser.Row(120, 7, "COMMIT 7 (at 2026-12-05 12:00:00.123456+00)"),
            new TestDecodingParser.Row(200, 8, "BEGIN 8"),
            new TestDecodingParser.Row(210, 8, "table public.\"Mixed\": UPDATE: old-key: id[integer]:2 new-tuple: id[integer]:3 note[character varying]:'x y'"),
            new TestDecodingParser.Row(220, 8, "table public.orders: DELETE: id[integer]:4"),
            new TestDecodingParser.Row(230, 8, "COMMIT 8 (at 2026-12-05 12:00:01+00)"));

    @Test
    void linesBecomeTransactionsWithTheirColumnsAndCommitTimes() {
        List<DecodedTransaction> txns = TestDecodingParser.parse(ROWS);
        assertThat(txns).hasSize(2);
        DecodedTransaction first = txns.get(0);
        assertThat(first.commitLsn()).isEqualTo(120);
        assertThat(first.committed()).isEqualTo(Instant.parse("2026-12-05T12:00:00.123456Z"));
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("id", "1");
        columns.put("item", "it's a \"b\" c");
        columns.put("qty", null);
        assertThat(first.changes()).containsExactly(new DecodedTransaction.Change("public.orders", "insert", columns));
        DecodedTransaction second = txns.get(1);
        assertThat(second.changes().get(0)).isEqualTo(new DecodedTransaction.Change("public.\"Mixed\"", "update",
                Map.of("id", "3", "note", "x y")));
        assertThat(second.changes().get(1)).isEqualTo(new DecodedTransaction.Change("public.orders", "delete", Map.of("id", "4")));
    }

    @Test
    void theLedgerHoldsTransactionsWhoseCommitEndsPastTheSwitchPointOnly() {
        List<DecodedTransaction> txns = TestDecodingParser.parse(ROWS);
        Map<String, List<String>> keys = Map.of("public.orders", List.of("id"), "public.\"Mixed\"", List.of("id"));
        assertThat(Ledger.lost(txns, 1, 230, keys)).isEmpty();
        List<LostWrite> lost = Ledger.lost(txns, 1, 120, keys);
        assertThat(lost).extracting(LostWrite::table, LostWrite::key, LostWrite::operation, LostWrite::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("public.\"Mixed\"", "3", "update", "x y"),
                org.assertj.core.groups.Tuple.tuple("public.orders", "4", "delete", null));
        assertThat(lost.get(0).position()).isEqualTo(Lsn.position(1, 230));
        assertThat(Ledger.lost(txns, 1, 119, keys)).hasSize(3);
        assertThat(Ledger.lost(txns, 1, 119, keys).get(0).value()).isEqualTo("{\"item\":\"it's a \\\"b\\\" c\",\"qty\":null}");
    }

    @Test
    void anUnknownLineIsRefusedRatherThanLeftOutOfTheLedger() {
        assertThatThrownBy(() -> TestDecodingParser.parse(List.of(new TestDecodingParser.Row(1, 1, "MESSAGE something"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not know");
    }

    @Test
    void lsnsReadAndPrintLikePostgres() {
        assertThat(Lsn.parse("0/3000060")).isEqualTo(0x3000060L);
        assertThat(Lsn.parse("1A/FF")).isEqualTo((0x1AL << 32) | 0xFF);
        assertThat(Lsn.text(Lsn.parse("1A/3000060"))).isEqualTo("1A/3000060");
    }
}
