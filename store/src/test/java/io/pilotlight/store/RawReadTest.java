package io.pilotlight.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /kv/KEY?format=raw}: binary-safe values, metadata in headers, one byte range. */
class RawReadTest {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<byte[]> raw(String url, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
        if (range != null) {
            request.header("Range", range);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aReplicaServesTheRawBytesAPrefixAndItsStaleness(@TempDir Path dir) throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west")).startAll()) {
            byte[] binary = new byte[300];
            for (int i = 0; i < binary.length; i++) {
                binary[i] = (byte) i; // not valid UTF-8: the JSON read could not carry it
            }
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(cluster.urls.get("east") + "/kv/blob"))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(binary)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).isEqualTo(200);
            String west = cluster.urls.get("west") + "/kv/blob?format=raw";
            await().atMost(Duration.ofSeconds(5)).until(() -> raw(west, null).statusCode() == 200);

            HttpResponse<byte[]> whole = raw(west, null);
            assertThat(whole.body()).isEqualTo(binary);
            assertThat(whole.headers().firstValue("X-Served-By")).contains("REPLICA");
            assertThat(whole.headers().firstValue("X-Version")).contains("1");
            assertThat(whole.headers().firstValue("X-Staleness-Entries")).isPresent();

            HttpResponse<byte[]> prefix = raw(west, "bytes=0-11");
            assertThat(prefix.statusCode()).isEqualTo(206);
            assertThat(prefix.body()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
            assertThat(prefix.headers().firstValue("Content-Range")).contains("bytes 0-11/300");

            HttpResponse<byte[]> beyond = raw(west, "bytes=500-");
            assertThat(beyond.statusCode()).isEqualTo(416);
            assertThat(beyond.headers().firstValue("Content-Range")).contains("bytes */300");

            HttpResponse<byte[]> missing = raw(cluster.urls.get("west") + "/kv/nothing?format=raw", null);
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("X-Staleness-Millis")).isPresent();
        }
    }
}
