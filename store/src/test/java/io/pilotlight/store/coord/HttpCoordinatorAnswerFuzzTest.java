package io.pilotlight.store.coord;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * What a node makes of the coordinator's answers: an answer that is not a complete lease record
 * (something else listening on the port, a proxy's error page, a truncated body) reads as
 * "unreachable", never as "nobody holds the lease" (which lets a replica promote itself), never as a grant.
 */
class HttpCoordinatorAnswerFuzzTest {
    private static final AtomicReference<String> ANSWER = new AtomicReference<>("{}");
    private static HttpServer server;
    private static HttpCoordinator coordinator;

    @BeforeContainer
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            byte[] body = ANSWER.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        coordinator = new HttpCoordinator("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterContainer
    static void stop() {
        server.stop(0);
    }

    @Property(tries = 200)
    void anIncompleteOrMistypedAnswerIsUnreachableNeverAFreeLease(@ForAll("brokenLeaseInfo") String answer) {
        ANSWER.set(answer);
        assertThat(coordinator.current()).isEqualTo(LeaseInfo.UNREACHABLE);
        assertThat(coordinator.acquire("west", Duration.ofSeconds(1)).granted()).isFalse();
        assertThat(coordinator.renew("west", 1, Duration.ofSeconds(1))).isFalse();
    }

    @Example
    void aCompleteAnswerIsRead() {
        ANSWER.set("{\"holder\":\"east\",\"epoch\":3,\"expiresAtMillis\":5,\"live\":true,\"successor\":null}");
        assertThat(coordinator.current()).isEqualTo(new LeaseInfo("east", 3, 5, true, null));
        ANSWER.set("{\"granted\":true,\"epoch\":4,\"holder\":\"west\",\"expiresAtMillis\":9,\"reason\":\"granted epoch 4\"}");
        assertThat(coordinator.acquire("west", Duration.ofSeconds(1)).epoch()).isEqualTo(4);
    }

    /** Found: an empty object read as LeaseInfo(null, 0, 0, false, null), i.e. a reachable coordinator with nobody holding the lease. */
    @Example
    void anEmptyObjectIsNotAFreeLease() {
        ANSWER.set("{}");
        assertThat(coordinator.current().reachable()).isFalse();
    }

    /** Found: a body of JSON null made current() return null (a NullPointerException in the node's supervisor). */
    @Example
    void aNullAnswerIsUnreachable() {
        ANSWER.set("null");
        assertThat(coordinator.current()).isEqualTo(LeaseInfo.UNREACHABLE);
        assertThat(coordinator.acquire("west", Duration.ofSeconds(1)).granted()).isFalse();
    }

    /** A complete LeaseInfo with one field left out, nulled where a number belongs, or of another type. */
    @Provide
    Arbitrary<String> brokenLeaseInfo() {
        String[] fields = {"\"holder\":\"east\"", "\"epoch\":3", "\"expiresAtMillis\":5", "\"live\":false", "\"successor\":null"};
        String[][] wrong = {{"\"holder\":3", "\"holder\":[]"}, {"\"epoch\":null", "\"epoch\":\"3\"", "\"epoch\":3.5", "\"epoch\":{}"},
                {"\"expiresAtMillis\":null", "\"expiresAtMillis\":\"5\"", "\"expiresAtMillis\":true"},
                {"\"live\":null", "\"live\":\"false\"", "\"live\":0"}, {"\"successor\":1", "\"successor\":{}"}};
        Arbitrary<String> oneBroken = Arbitraries.integers().between(0, fields.length - 1).flatMap(broken ->
                Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.of(wrong[broken])).map(replacement -> {
                    StringBuilder out = new StringBuilder("{");
                    for (int i = 0; i < fields.length; i++) {
                        String field = i == broken ? replacement : fields[i];
                        if (!field.isEmpty()) {
                            out.append(out.length() > 1 ? "," : "").append(field);
                        }
                    }
                    return out.append("}").toString();
                }));
        return Arbitraries.oneOf(oneBroken, Arbitraries.of("", "{}", "[]", "null", "<html>502</html>", "{\"epoch\":3",
                "{\"holder\":\"east\",\"epoch\":3,\"expiresAtMillis\":5,\"live\":true,\"successor\":null} trailing"));
    }
}
