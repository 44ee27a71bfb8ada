package io.pilotlight.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.http.RawHttp;
import io.pilotlight.http.UriText;
import io.pilotlight.store.node.StoreHttpApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a client sends to the store's HTTP API, over real sockets: keys are exactly the bytes sent
 * (percent-decoded, UTF-8, at most {@link StoreHttpApi#MAX_KEY_BYTES}), and every bad input gets a
 * 400 that names the rule, on a connection that keeps serving, with nothing stored.
 */
class KeyInputTest {
    @TempDir
    static Path dir;
    private static Cluster cluster;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        cluster = new Cluster(dir, List.of("east", "west")).startAll();
        port = cluster.ports.get("east");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static RawHttp connect() throws Exception {
        return new RawHttp(port);
    }

    /** Regression: %FF and %FE both became U+FFFD, so two keys overwrote each other. */
    @Test
    void keyBytesThatAreNotUtf8AreRefusedNotMergedIntoOneKey() throws Exception {
        try (RawHttp east = connect()) {
            for (String key : List.of("alias-%FF", "alias-%FE")) {
                RawHttp.Answer answer = east.call("PUT", "/kv/" + key, "v");
                assertThat(answer.status()).isEqualTo(400);
                assertThat(answer.text()).contains("\"error\":\"bad_request\"",
                        "key bytes are not valid UTF-8 at byte offset 6; keys are UTF-8 strings", key);
            }
            assertThat(east.call("GET", "/kv/alias-%FF", null).status()).isEqualTo(400);
            assertThat(east.call("GET", "/kv/alias-%EF%BF%BD", null).status()).as("nothing stored under U+FFFD").isEqualTo(404);
            assertThat(east.call("GET", "/kv?from=alias&to=aliat", null).text()).contains("\"items\":[]");
        }
    }

    /** Regression: a + in a path became a space (form decoding). */
    @Test
    void aPlusInAKeyIsAPlus() throws Exception {
        try (RawHttp east = connect()) {
            assertThat(east.call("PUT", "/kv/c++", "plus").status()).isEqualTo(200);
            assertThat(east.call("GET", "/kv/c%2B%2B", null).text()).contains("\"key\":\"c++\"", "\"value\":\"plus\"");
            assertThat(east.call("GET", "/kv/c%20%20", null).status()).isEqualTo(404);
        }
    }

    /** Regression: raw UTF-8 bytes in the request line were read as ISO-8859-1 (ключ became Ð º Ð »...). */
    @Test
    void rawUtf8BytesInThePathAreReadAsUtf8() throws Exception {
        try (RawHttp east = connect()) {
            east.send(RawHttp.request("PUT", "/kv/ключ-é".getBytes(StandardCharsets.UTF_8), "raw".getBytes(StandardCharsets.UTF_8)));
            RawHttp.Answer put = east.read();
            assertThat(put.status()).isEqualTo(200);
            assertThat(put.text()).contains("\"key\":\"ключ-é\"");
            assertThat(east.call("GET", "/kv/" + UriText.encode("ключ-é"), null).text()).contains("\"value\":\"raw\"");
        }
    }

    /** Regression: POST /switchover without ?to= was a 500 with a NullPointerException. */
    @Test
    void switchoverWithoutATargetIsA400NamingTheParameterAndTheRegions() throws Exception {
        try (RawHttp east = connect()) {
            RawHttp.Answer missing = east.call("POST", "/switchover", null);
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.text()).contains("\"error\":\"bad_request\"", "query parameter \\\"to\\\" is missing", "[west]");
            assertThat(east.call("POST", "/switchover?to=", null).text()).contains("\\\"to\\\" is empty");
            assertThat(east.call("GET", "/status", null).text()).as("still the writer").contains("\"role\":\"WRITER\"");
        }
    }

    /** Regression: a bad % escape in a query closed the connection without an answer. */
    @Test
    void aBadEscapeInTheQueryIsA400NamingTheParameterOnAConnectionThatKeepsServing() throws Exception {
        try (RawHttp east = connect()) {
            RawHttp.Answer limit = east.call("GET", "/kv?limit=%zz", null);
            assertThat(limit.status()).isEqualTo(400);
            assertThat(limit.text()).contains("query parameter \\\"limit\\\" has a bad percent escape \\\"%zz\\\"");
            RawHttp.Answer to = east.call("POST", "/switchover?to=%", null);
            assertThat(to.status()).isEqualTo(400);
            assertThat(to.text()).contains("query parameter \\\"to\\\" has a bad percent escape \\\"%\\\"");
            RawHttp.Answer version = east.call("PUT", "/kv/guarded?if_version=one", "v");
            assertThat(version.status()).isEqualTo(400);
            assertThat(version.text()).contains("query parameter \\\"if_version\\\" is \\\"one\\\"; allowed: a whole number");
            assertThat(east.call("GET", "/kv/guarded", null).status()).as("nothing written").isEqualTo(404);
            assertThat(east.call("GET", "/status", null).status()).isEqualTo(200);
        }
    }

    /**
     * Regression: a key of 4 to 8 KB hit Netty's request line limit and the connection was dropped.
     * The limit is now explicit, the same for writes, reads and deletes, and answered in JSON.
     */
    @Test
    void aKeyOverTheLimitIsRefusedForWritesReadsAndDeletes() throws Exception {
        int limit = StoreHttpApi.MAX_KEY_BYTES;
        String longest = "é".repeat(limit / 2); // 4,096 bytes of UTF-8, 12,288 characters percent-encoded
        String over = "k".repeat(limit + 1);
        String far = "é".repeat(10_000); // 20,000 bytes, 60,000 characters encoded: still under the request line limit
        try (RawHttp east = connect()) {
            assertThat(east.call("PUT", "/kv/" + UriText.encode(longest), "edge").status()).isEqualTo(200);
            assertThat(east.call("GET", "/kv/" + UriText.encode(longest), null).text()).contains("\"value\":\"edge\"");
            for (String method : List.of("PUT", "GET", "DELETE")) {
                RawHttp.Answer answer = east.call(method, "/kv/" + over, method.equals("PUT") ? "v" : null);
                assertThat(answer.status()).as(method).isEqualTo(400);
                assertThat(answer.text()).contains("\"error\":\"bad_request\"", "key is 4097 bytes; the limit is 4096 bytes");
            }
            assertThat(east.call("PUT", "/kv/" + UriText.encode(far), "v").text()).contains("key is 20000 bytes; the limit is 4096 bytes");
            assertThat(east.call("DELETE", "/kv/" + UriText.encode(longest), null).status()).isEqualTo(200);
        }
    }

    /** Regression: after 129 pipelined requests on one connection the server dropped the rest. */
    @Test
    void aThousandPipelinedPutsAndGetsOnOneConnectionAreAllAnsweredInOrder() throws Exception {
        int count = 1000;
        try (RawHttp east = connect()) {
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < count; i++) {
                        String key = "/kv/pipe-" + i / 2;
                        east.send(i % 2 == 0 ? RawHttp.request("PUT", key, "value-" + i / 2) : RawHttp.request("GET", key, null));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            for (int i = 0; i < count; i++) {
                RawHttp.Answer answer = east.read();
                assertThat(answer.status()).as("answer %d", i).isEqualTo(200);
                assertThat(answer.text()).contains("\"key\":\"pipe-" + i / 2 + "\"");
                if (i % 2 == 1) {
                    assertThat(answer.text()).contains("\"value\":\"value-" + i / 2 + "\"");
                }
            }
            sent.get(5, TimeUnit.SECONDS);
        }
    }
}
