package io.pilotlight.store.coord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The coordinator's request bodies, over real HTTP: a body that is not exactly what
 * {@link HttpCoordinator} sends (a field missing, of another type, out of range, unknown; not an
 * object; not JSON) gets 400 with a JSON error naming the field, and never grants, renews or
 * releases a lease. The coordinator holds a lease for {@code east} throughout, so a body that
 * slipped through would show as a changed {@link LeaseInfo}.
 */
class CoordinatorBodyFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static InProcessCoordinator coordinator;
    private static CoordinatorServer server;
    private static long epoch;

    @BeforeContainer
    static void start() throws IOException {
        coordinator = new InProcessCoordinator(Clock.systemUTC());
        epoch = coordinator.acquire("east", Duration.ofHours(1)).epoch();
        server = new CoordinatorServer(new InetSocketAddress("127.0.0.1", 0), coordinator);
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    record Bad(String path, String body, String field) {
    }

    @Property(tries = 250)
    void aMalformedBodyIs400NamingTheFieldAndChangesNothing(@ForAll("badBodies") Bad bad) throws Exception {
        LeaseInfo before = coordinator.current();
        HttpResponse<String> answer = post(server, bad.path(), bad.body().getBytes(StandardCharsets.UTF_8));
        assertRefused(answer, bad.field());
        assertThat(coordinator.current()).isEqualTo(before);
    }

    @Property(tries = 200)
    void arbitraryBytesAre400AndChangeNothing(@ForAll("paths") String path, @ForAll @Size(max = 200) byte[] body) throws Exception {
        LeaseInfo before = coordinator.current();
        HttpResponse<String> answer = post(server, path, body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo("bad_request");
        assertThat(coordinator.current()).isEqualTo(before);
    }

    @Example
    void wellFormedBodiesStillWork() throws Exception {
        assertThat(post(server, "/renew", json(Map.of("region", "east", "epoch", epoch, "ttl_ms", 3_600_000))).body())
                .isEqualTo("{\"renewed\":true}");
        assertThat(JSON.readTree(post(server, "/acquire", json(Map.of("region", "west", "ttl_ms", 1000))).body()).path("granted").asBoolean())
                .isFalse();
        assertThat(post(server, "/release", json(Map.of("region", "west", "epoch", epoch))).statusCode()).isEqualTo(200);
        assertThat(coordinator.current().holder()).isEqualTo("east");
    }

    /** The strict server and the strict client still agree on every call. */
    @Example
    void httpCoordinatorAndServerAgree() throws Exception {
        InProcessCoordinator free = new InProcessCoordinator(Clock.systemUTC());
        try (CoordinatorServer fresh = new CoordinatorServer(new InetSocketAddress("127.0.0.1", 0), free)) {
            HttpCoordinator client = new HttpCoordinator("http://127.0.0.1:" + fresh.address().getPort());
            assertThat(client.current()).isEqualTo(LeaseInfo.NONE);
            LeaseGrant grant = client.acquire("west", Duration.ofSeconds(30), 4);
            assertThat(grant.granted()).isTrue();
            assertThat(grant.epoch()).isEqualTo(5);
            assertThat(client.renew("west", 5, Duration.ofSeconds(30))).isTrue();
            client.release("west", 5, "east");
            assertThat(client.current()).isEqualTo(free.current());
            assertThat(client.current().successor()).isEqualTo("east");
            assertThat(client.acquire("east", Duration.ofSeconds(30)).epoch()).isEqualTo(6);
        }
    }

    // ---- found inputs, kept fixed --------------------------------------------------------------------

    /** Found by the fuzz itself: a field given twice, even deep inside another, makes the body unreadable, naming no field. */
    @Example
    void aDuplicateNameAnywhereIsABadBody() throws Exception {
        String body = "{\"region\":\"east\",\"epoch\":" + epoch + ",\"surprise\":{\"a\":1,\"a\":2}}";
        assertRefused(post(server, "/release", body.getBytes(StandardCharsets.UTF_8)), null);
        assertThat(coordinator.current().live()).isTrue();
    }

    /** Found: a string epoch was read as a number ("1" became 1), so this released east's lease. */
    @Example
    void aStringEpochDoesNotRelease() throws Exception {
        String body = "{\"region\":\"east\",\"epoch\":\"" + epoch + "\"}";
        assertRefused(post(server, "/release", body.getBytes(StandardCharsets.UTF_8)), "epoch");
        assertThat(coordinator.current().live()).isTrue();
    }

    /** Found: an empty object granted the lease, with the next epoch, to region "" for 0 ms. */
    @Example
    void anEmptyObjectGrantsNothing() throws Exception {
        InProcessCoordinator free = new InProcessCoordinator(Clock.systemUTC());
        try (CoordinatorServer fresh = new CoordinatorServer(new InetSocketAddress("127.0.0.1", 0), free)) {
            assertRefused(post(fresh, "/acquire", "{}".getBytes(StandardCharsets.UTF_8)), "region");
            assertRefused(post(fresh, "/acquire", "".getBytes(StandardCharsets.UTF_8)), null);
            assertThat(free.current().epoch()).isZero();
        }
    }

    /** Found: at_least_epoch of Long.MAX_VALUE granted epoch Long.MIN_VALUE (the grant is at_least_epoch + 1). */
    @Example
    void theLargestEpochFloorDoesNotOverflow() throws Exception {
        InProcessCoordinator free = new InProcessCoordinator(Clock.systemUTC());
        try (CoordinatorServer fresh = new CoordinatorServer(new InetSocketAddress("127.0.0.1", 0), free)) {
            byte[] body = json(Map.of("region", "west", "ttl_ms", 1000, "at_least_epoch", Long.MAX_VALUE));
            assertRefused(post(fresh, "/acquire", body), "at_least_epoch");
            assertThat(free.current().epoch()).isZero();
        }
    }

    /** Found: a fractional or exponent TTL was truncated (0.5 became a lease of 0 ms) instead of refused. */
    @Example
    void aFractionalTtlIsRefused() throws Exception {
        for (String ttl : List.of("0.5", "1e3", "1000.0")) {
            String body = "{\"region\":\"east\",\"epoch\":" + epoch + ",\"ttl_ms\":" + ttl + "}";
            assertRefused(post(server, "/renew", body.getBytes(StandardCharsets.UTF_8)), "ttl_ms");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private static void assertRefused(HttpResponse<String> answer, String field) throws IOException {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.path("error").asText()).isEqualTo("bad_request");
        if (field == null) {
            assertThat(error.path("message").asText()).startsWith("the body");
        } else {
            assertThat(error.path("field").asText()).isEqualTo(field);
            assertThat(error.path("message").asText()).contains("\"" + field + "\"");
        }
    }

    private static HttpResponse<String> post(CoordinatorServer target, String path, byte[] body) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + target.address().getPort() + path);
        return HTTP.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] json(Object value) throws IOException {
        return JSON.writeValueAsBytes(value);
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of("/acquire", "/renew", "/release");
    }

    /** A well-formed body of one route with exactly one field broken, or a body that is not an object at all. */
    @Provide
    Arbitrary<Bad> badBodies() {
        Arbitrary<Bad> oneFieldBroken = Arbitraries.of("/acquire", "/renew", "/release").flatMap(path -> {
            Map<String, String> valid = valid(path);
            return Arbitraries.of(new ArrayList<>(valid.keySet())).flatMap(field -> badValue(path, field).map(value -> {
                Map<String, String> fields = new LinkedHashMap<>(valid);
                if (value == null) {
                    fields.remove(field);
                } else {
                    fields.put(field, value);
                }
                return new Bad(path, object(fields), field);
            }));
        });
        Arbitrary<Bad> unknownField = Combinators.combine(Arbitraries.of("/acquire", "/renew", "/release"), garbageJson(3))
                .as((path, value) -> {
                    Map<String, String> fields = new LinkedHashMap<>(valid(path));
                    fields.put("surprise", value);
                    return new Bad(path, object(fields), "surprise");
                });
        Arbitrary<Bad> notAnObject = Combinators.combine(Arbitraries.of("/acquire", "/renew", "/release"),
                Arbitraries.oneOf(garbageJson(3).filter(json -> !json.startsWith("{")), Arbitraries.of("", " ", "{", "{\"region\":",
                        "{\"region\":\"east\"} {}", "{\"region\":\"east\",\"region\":\"west\"}", "nul", "[1,2", "\"east\"")))
                .as((path, body) -> new Bad(path, body, null));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, oneFieldBroken), net.jqwik.api.Tuple.of(1, unknownField),
                net.jqwik.api.Tuple.of(2, notAnObject));
    }

    /** The body each route takes, as JSON text per field: east's own lease, so a slip would release or renew it. */
    private static Map<String, String> valid(String path) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("region", "\"east\"");
        switch (path) {
            case "/acquire" -> {
                fields.put("ttl_ms", "1000");
                fields.put("at_least_epoch", "0");
            }
            case "/renew" -> {
                fields.put("epoch", Long.toString(epoch));
                fields.put("ttl_ms", "1000");
            }
            default -> {
                fields.put("epoch", Long.toString(epoch));
                fields.put("successor", "\"west\"");
            }
        }
        return fields;
    }

    /** A value that field must refuse (null: leave the field out), as JSON text. */
    private static Arbitrary<String> badValue(String path, String field) {
        boolean optional = field.equals("at_least_epoch") || field.equals("successor");
        List<Arbitrary<String>> values = new ArrayList<>();
        values.add(garbageJson(2).filter(json -> !json.startsWith("\"") && !json.matches("-?\\d+") && !json.equals("null")));
        if (field.equals("region") || field.equals("successor")) {
            values.add(Arbitraries.of("\"\"", "\"   \"", "\"" + "r".repeat(101) + "\"", "42", "true", "[\"east\"]", "{\"name\":\"east\"}"));
            if (!optional) {
                values.add(Arbitraries.of("null"));
            }
        } else {
            long max = field.equals("ttl_ms") ? LeaseBody.MAX_TTL_MILLIS : field.equals("at_least_epoch") ? Long.MAX_VALUE - 1 : Long.MAX_VALUE;
            long min = field.equals("ttl_ms") ? 1 : 0;
            List<String> fixed = new ArrayList<>(List.of("\"1\"", "\"" + epoch + "\"", "1.5", "1e3", "0.0", "-1", "null", "true", "[1]", "{\"ms\":1}",
                    "99999999999999999999999999", "-99999999999999999999999999", "1" + "0".repeat(400), "\"NaN\""));
            if (max < Long.MAX_VALUE) {
                fixed.add(Long.toString(max + 1));
                fixed.add(Long.toString(Long.MAX_VALUE));
            }
            if (min > 0) {
                fixed.add("0");
            }
            values.add(Arbitraries.of(fixed));
            values.add(Arbitraries.longs().lessOrEqual(min - 1).map(Object::toString));
        }
        Arbitrary<String> bad = Arbitraries.oneOf(values);
        return optional ? bad : Arbitraries.oneOf(bad, Arbitraries.just(null));
    }

    /** Arbitrary JSON text: scalars of every type and nested arrays and objects, up to {@code depth}. */
    private static Arbitrary<String> garbageJson(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(CoordinatorBodyFuzzTest::quoted),
                Arbitraries.longs().map(Object::toString),
                Arbitraries.doubles().map(Object::toString),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(19), java.math.BigInteger.TEN.pow(40)).map(Object::toString),
                Arbitraries.of("true", "false", "null", "[]", "{}"));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> inner = garbageJson(depth - 1);
        Arbitrary<String> array = inner.list().ofMaxSize(3).map(items -> "[" + String.join(",", items) + "]");
        // distinct names: a name twice makes the whole body unreadable (STRICT_DUPLICATE_DETECTION), which another test covers
        Arbitrary<String> object = Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(6), inner).ofMaxSize(3)
                .map(fields -> fields.entrySet().stream().map(e -> quoted(e.getKey()) + ":" + e.getValue()).collect(Collectors.joining(",", "{", "}")));
        return Arbitraries.oneOf(scalar, array, object);
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String object(Map<String, String> fields) {
        List<String> pairs = new ArrayList<>();
        fields.forEach((name, value) -> pairs.add(quoted(name) + ":" + value));
        return "{" + String.join(",", pairs) + "}";
    }
}
