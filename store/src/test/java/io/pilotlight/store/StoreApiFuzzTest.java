package io.pilotlight.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.store.coord.LeaseInfo;
import io.pilotlight.http.RawHttp;
import io.pilotlight.http.UriText;
import io.pilotlight.store.node.NodeStatus;
import io.pilotlight.store.node.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The store's query parameters, over real HTTP on a writer (east) and a replica (west): a request
 * with a bad parameter (not a number, out of range, a bad percent escape, bytes that are not UTF-8,
 * a region or URL that is not allowed) gets 400 with a JSON error naming the parameter, and changes
 * nothing (roles, epochs, the log, the peers, the lease); no request at all gets a 500.
 */
class StoreApiFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Path dir;
    private static Cluster cluster;

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("store-api-fuzz");
        cluster = new Cluster(dir, List.of("east", "west")).startAll();
        cluster.client().put("present", "0123456789abcdef");
    }

    @AfterContainer
    static void stop() throws Exception {
        cluster.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One query parameter as sent (raw, escapes and all) and whether the API must refuse it. */
    record Param(String name, String raw, boolean bad) {
        @Override
        public String toString() {
            return name + "=" + raw + (bad ? " (bad)" : "");
        }
    }

    record Call(String region, String method, String path, List<Param> params, List<String> missing) {
        String target() {
            return path + (params.isEmpty() ? "" : "?" + params.stream().map(p -> p.name() + "=" + p.raw()).collect(Collectors.joining("&")));
        }

        boolean bad() {
            return params.stream().anyMatch(Param::bad) || !missing.isEmpty() || path.contains("%zz") || path.contains("%FF");
        }
    }

    record State(Role east, Role west, long eastEpoch, long eastLast, Map<String, String> eastPeers, Map<String, String> westPeers,
                 String holder, long leaseEpoch) {
    }

    private static State state() {
        NodeStatus east = cluster.servers.get("east").node().status();
        NodeStatus west = cluster.servers.get("west").node().status();
        LeaseInfo lease = cluster.coordinator.current();
        return new State(east.role(), west.role(), east.epoch(), east.lastIndex(), cluster.servers.get("east").node().peers(),
                cluster.servers.get("west").node().peers(), lease.holder(), lease.epoch());
    }

    @Property(tries = 400)
    void aBadParameterIs400NamingItAndChangesNothing(@ForAll("calls") Call call) throws Exception {
        State before = state();
        RawHttp.Answer answer;
        try (RawHttp http = new RawHttp(cluster.ports.get(call.region()))) {
            answer = http.call(call.method(), call.target(), call.method().equals("PUT") ? "fuzz" : null);
        }
        assertThat(answer.status()).as(call + " -> " + answer.text()).isNotEqualTo(500).isLessThanOrEqualTo(503); // 503: a refusal by the node's state
        if (!call.bad()) {
            return;
        }
        assertThat(answer.status()).as(call + " -> " + answer.text()).isEqualTo(400);
        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.path("error").asText()).isEqualTo("bad_request");
        String message = error.path("message").asText();
        List<String> named = new ArrayList<>(call.params().stream().filter(Param::bad).map(Param::name).toList());
        named.addAll(call.missing());
        named.add("key");
        named.add("query parameter");
        assertThat(named).as(call + " -> " + message).anyMatch(message::contains);
        assertThat(state()).as(call.toString()).isEqualTo(before);
    }

    /** Any Range header on a raw read: the whole value, the part it names, or 416; never a 500, never bytes outside the value. */
    @Property(tries = 150)
    void anyRangeHeaderGivesTheWholeValueAPartOr416(@ForAll("ranges") String range) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(cluster.urls.get("east") + "/kv/present?format=raw")).header("Range", range).build();
        HttpResponse<byte[]> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        byte[] value = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        switch (answer.statusCode()) {
            case 200 -> assertThat(answer.body()).isEqualTo(value);
            case 206 -> {
                String[] span = answer.headers().firstValue("Content-Range").orElseThrow().replace("bytes ", "").split("[-/]");
                int start = Integer.parseInt(span[0]);
                int end = Integer.parseInt(span[1]);
                assertThat(answer.body()).isEqualTo(Arrays.copyOfRange(value, start, end + 1));
            }
            case 416 -> assertThat(answer.headers().firstValue("Content-Range")).contains("bytes */16");
            default -> throw new AssertionError(range + " -> " + answer.statusCode());
        }
    }

    /** The Range parser alone, on any header text and body length: a part only for a well-formed range, and always inside the body. */
    @Property(tries = 2000)
    void aRangeIsAPartOnlyWhenWellFormedAndAlwaysInsideTheBody(@ForAll("ranges") String header, @ForAll @net.jqwik.api.constraints.IntRange(max = 50) int length) {
        io.pilotlight.http.ByteRange range = io.pilotlight.http.ByteRange.resolve(header, length);
        if (range.kind() != io.pilotlight.http.ByteRange.Kind.WHOLE) {
            assertThat(header).as("only one range of digits is honoured").matches("bytes=\\s*[0-9]*-[0-9]*\\s*");
        }
        if (range.kind() == io.pilotlight.http.ByteRange.Kind.PART) {
            assertThat(range.start()).isBetween(0, length - 1);
            assertThat(range.endInclusive()).isBetween(range.start(), length - 1);
        }
    }

    // ---- found inputs, kept fixed --------------------------------------------------------------------

    /** Found: wait_ms beyond what a Duration holds in nanoseconds was a 500 (ArithmeticException); negatives were taken as 0. */
    @Example
    void aPromotionWaitOutOfRangeIs400() throws Exception {
        for (String wait : List.of("9223372036854775807", "9300000000000", "-1", "600001")) {
            try (RawHttp west = new RawHttp(cluster.ports.get("west"))) {
                RawHttp.Answer answer = west.call("POST", "/promote?wait_ms=" + wait, null);
                assertThat(answer.status()).as(wait + ": " + answer.text()).isEqualTo(400);
                assertThat(answer.text()).contains("query parameter \\\"wait_ms\\\" is " + wait);
            }
        }
        assertThat(cluster.servers.get("west").node().role()).isEqualTo(Role.REPLICA);
    }

    /** Found: a port above 65535, a path, a query or user info in the URL re-pointed the peer (to an address that cannot work). */
    @Example
    void aPeerUrlThatIsNotHostAndPortIsRefused() throws Exception {
        Map<String, String> before = cluster.servers.get("west").node().peers();
        for (String url : List.of("http://127.0.0.1:99999", "http://127.0.0.1:1/kv", "http://127.0.0.1:1?x=1", "http://u@127.0.0.1:1",
                "http://127.0.0.1:1#f")) {
            try (RawHttp west = new RawHttp(cluster.ports.get("west"))) {
                RawHttp.Answer answer = west.call("POST", "/peers?region=east&url=" + UriText.encode(url), null);
                assertThat(answer.status()).as(url + ": " + answer.text()).isEqualTo(400);
                assertThat(answer.text()).contains("url", "expected http://HOST:PORT");
            }
        }
        assertThat(cluster.servers.get("west").node().peers()).isEqualTo(before);
    }

    /** Found: a backup directory that is not a path (a NUL byte) was a 503 "unavailable", as if the disk had failed. */
    @Example
    void aBackupDirThatIsNotAPathIs400() throws Exception {
        try (RawHttp east = new RawHttp(cluster.ports.get("east"))) {
            RawHttp.Answer answer = east.call("POST", "/backup?dir=%00", null);
            assertThat(answer.status()).as(answer.text()).isEqualTo(400);
            assertThat(answer.text()).contains("query parameter \\\"dir\\\" is not a path");
        }
    }

    /** Found: a signed range ("bytes=--5", "bytes=+1-2") was read as a number: 416 or a part, where a malformed header is ignored. */
    @Example
    void aSignedRangeIsMalformedAndIgnored() throws Exception {
        for (String range : List.of("bytes=--5", "bytes=+1-2", "bytes=-+3", "bytes=1-+4")) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(cluster.urls.get("east") + "/kv/present?format=raw")).header("Range", range).build();
            assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).as(range).isEqualTo(200);
        }
    }

    // ---- generators ------------------------------------------------------------------------------------

    @Provide
    Arbitrary<String> ranges() {
        Arbitrary<String> number = Arbitraries.oneOf(Arbitraries.integers().between(0, 40).map(Object::toString),
                Arbitraries.of("", "-1", "+2", "99999999999999999999", "2147483648", "x", " 3"));
        Arbitrary<String> one = Combinators.combine(number, number).as((a, b) -> a + "-" + b);
        return Arbitraries.oneOf(one.map(r -> "bytes=" + r), one.list().ofMinSize(2).ofMaxSize(3).map(rs -> "bytes=" + String.join(",", rs)),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(20), one.map(r -> "items=" + r));
    }

    @Provide
    Arbitrary<Call> calls() {
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of("present", "absent", "a%2Fb", "c++", "%D0%BA"), Arbitraries.of("bad%zz", "bad%FF"));
        return Arbitraries.oneOf(
                call("east", "GET", Arbitraries.just("/kv"), param("from", text(), badText()), param("to", text(), badText()),
                        param("limit", numbers(1, 100_000), Arbitraries.oneOf(badNumbers(), Arbitraries.of("0", "100001", "-5")))),
                call("east", "GET", key.map(k -> "/kv/" + k), param("format", Arbitraries.of("raw", "json", "xml", ""), badText())),
                call("west", "PUT", key.map(k -> "/kv/" + k), param("if_version", numbers(0, 5), Arbitraries.oneOf(badNumbers(), Arbitraries.of("-1", "-2")))),
                call("east", "DELETE", Arbitraries.of("/kv/bad%zz", "/kv/bad%FF", "/kv/absent"),
                        param("if_version", numbers(1, 5), Arbitraries.oneOf(badNumbers(), Arbitraries.of("-1")))),
                call("west", "POST", Arbitraries.just("/promote"), param("wait_ms", numbers(0, 20), Arbitraries.oneOf(badNumbers(), Arbitraries.of("-1", "600001"))),
                        param("accept_data_loss", Arbitraries.of("false", "true"), Arbitraries.of("TRUE", "yes", "1", "", "%zz"))),
                call("east", "POST", Arbitraries.just("/switchover"), List.of("to"), param("to", null,
                        Arbitraries.oneOf(Arbitraries.of("", "%20", "east", "north", "west%00", "%zz"), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8)
                                .filter(s -> !s.equals("west"))))),
                call("west", "POST", Arbitraries.just("/peers"), List.of("region", "url"), param("region", Arbitraries.of("east", "west"), Arbitraries.of("", "north", "%FF", "EAST")),
                        param("url", null, Arbitraries.of("", "http://127.0.0.1:99999", "ftp://127.0.0.1:1", "http://:80",
                                "http://127.0.0.1", "http://127.0.0.1:0", "http://127.0.0.1:-1", "http%3A%2F%2F127.0.0.1%3A1%2Fpath", "%zz",
                                "http://127.0.0.1:1%3Fq", "not%20a%20url"))),
                call("east", "GET", Arbitraries.just("/would-lose"), List.of("last"), param("epochs", Arbitraries.of("", "1:1", "1:1,2:5"),
                                Arbitraries.of("1", "x:1", "1:1,", "-1:1", "2:1,1:5", "1:99999999999999999999", "%zz", ":")),
                        param("last", numbers(0, 100), Arbitraries.oneOf(badNumbers(), Arbitraries.of("-1"))),
                        param("limit", numbers(1, 100), Arbitraries.oneOf(badNumbers(), Arbitraries.of("0", "100001")))),
                call("east", "GET", Arbitraries.just("/log-ack"), List.of("region"), param("region", Arbitraries.of("west"), Arbitraries.of("", "east", "north", "%FF")),
                        param("epoch", numbers(0, 1), badNumbers()), param("durable", Arbitraries.of("0"), Arbitraries.oneOf(badNumbers(),
                                Arbitraries.of("-1", "1000000000")))),
                call("east", "GET", Arbitraries.just("/log"), List.of("from", "region"), param("from", numbers(1, 5), Arbitraries.oneOf(badNumbers(), Arbitraries.of("0", "-1"))),
                        param("region", null, Arbitraries.of("", "east", "north", "%FF")),
                        param("epoch", numbers(0, 1), badNumbers())));
    }

    /** A call whose parameters are each left out, good or bad; a parameter the route requires and never gets good is always sent bad. */
    @SafeVarargs
    private static Arbitrary<Call> call(String region, String method, Arbitrary<String> path, Arbitrary<Param>... params) {
        return call(region, method, path, List.of(), params);
    }

    @SafeVarargs
    private static Arbitrary<Call> call(String region, String method, Arbitrary<String> path, List<String> required, Arbitrary<Param>... params) {
        Arbitrary<List<Param>> chosen = Combinators.combine(Arrays.stream(params).map(p -> Arbitraries.oneOf(p.map(List::of),
                Arbitraries.just(List.<Param>of()))).toList()).as(lists -> lists.stream().flatMap(List::stream).toList());
        return Combinators.combine(path, chosen).as((p, list) -> new Call(region, method, p, list,
                        required.stream().filter(name -> list.stream().noneMatch(param -> param.name().equals(name))).toList()))
                .filter(call -> call.bad() || !requiresABad(call));
    }

    /** Routes whose every well-formed call would act (switch over, re-point, open a stream): only bad calls are sent there. */
    private static boolean requiresABad(Call call) {
        return call.path().equals("/switchover") || call.path().equals("/peers") || call.path().equals("/log");
    }

    /** A parameter, good or bad; {@code good} null when every good value would act (only bad ones are sent). */
    private static Arbitrary<Param> param(String name, Arbitrary<String> good, Arbitrary<String> bad) {
        if (good == null) {
            return bad.map(v -> new Param(name, v, true));
        }
        return Arbitraries.frequencyOf(Tuple.of(2, good.map(v -> new Param(name, v, false))), Tuple.of(3, bad.map(v -> new Param(name, v, true))));
    }

    private static Arbitrary<String> numbers(long min, long max) {
        return Arbitraries.longs().between(min, max).map(Object::toString);
    }

    /** Not a whole number at all, or one too large for a long. */
    private static Arbitrary<String> badNumbers() {
        return Arbitraries.of("", "x", "1.5", "1e3", "0x10", "%2B%2B1", "1%20", "99999999999999999999", "-99999999999999999999", "%zz", "%FF",
                "%E2%82", "NaN", "%00");
    }

    private static Arbitrary<String> text() {
        return Arbitraries.strings().ofMaxLength(8).map(UriText::encode);
    }

    /** Escapes that cannot be decoded: a % without two hex digits, bytes that are not UTF-8. */
    private static Arbitrary<String> badText() {
        return Arbitraries.of("%zz", "%", "a%1", "%FF", "%C0%AF", "%ED%A0%80", "ok%E2%82");
    }
}
