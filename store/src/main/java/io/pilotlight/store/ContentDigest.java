package io.pilotlight.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's data by content, in 16 key ranges: a key belongs to range {@code h}, the first hex digit of
 * SHA-256 of its bytes, so ranges are even whatever the keys look like. Per range: the number of live
 * keys and a SHA-256 over (key, version, epoch, value) of each, in the store's key order. A deleted key
 * is simply absent (a key deleted and written again counts with its new version), so two nodes that
 * applied the same log, in any batches, have the same digest; nodes at the same last index with
 * different digests hold different data. Served by a node at {@code GET /digest}.
 */
public record ContentDigest(String region, long lastIndex, List<Range> ranges) {
    public static final int RANGES = 16;

    /** One key range: its hex digit, its live keys, and the SHA-256 (hex) of their entries. */
    public record Range(String range, long keys, String sha256) {
    }

    public ContentDigest {
        ranges = List.copyOf(ranges);
    }

    /** The ranges whose content differs from {@code other}'s (by key count or hash), in range order. */
    public List<Range> differingFrom(ContentDigest other) {
        List<Range> out = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            Range mine = ranges.get(i);
            Range theirs = i < other.ranges.size() ? other.ranges.get(i) : null;
            if (theirs == null || mine.keys() != theirs.keys() || !mine.sha256().equals(theirs.sha256())) {
                out.add(mine);
            }
        }
        return out;
    }

    public long keys() {
        return ranges.stream().mapToLong(Range::keys).sum();
    }

    /** The JSON a node serves: {@code {"region":..,"last_index":..,"ranges":[{"range":"0","keys":N,"sha256":".."},...]}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("region", region);
        out.put("last_index", lastIndex);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Range range : ranges) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("range", range.range());
            one.put("keys", range.keys());
            one.put("sha256", range.sha256());
            list.add(one);
        }
        out.put("ranges", list);
        return out;
    }

    /** Reads a node's {@code /digest} answer; fails with the field that is missing or malformed. */
    public static ContentDigest fromJson(JsonNode json) {
        JsonNode ranges = json.path("ranges");
        if (!json.path("region").isTextual() || !json.path("last_index").canConvertToLong() || !ranges.isArray()) {
            throw new IllegalArgumentException("not a digest (needs region, last_index, ranges): " + json);
        }
        List<Range> out = new ArrayList<>();
        for (JsonNode range : ranges) {
            out.add(new Range(range.path("range").asText(), range.path("keys").asLong(), range.path("sha256").asText()));
        }
        return new ContentDigest(json.path("region").asText(), json.path("last_index").asLong(), out);
    }

    /** Range of a key: the first hex digit of SHA-256(key bytes). */
    public static int rangeOf(byte[] key) {
        return (sha256().digest(key)[0] >> 4) & 0xF;
    }

    /** Builds a digest from live entries fed in the store's key order. Not thread-safe. */
    public static final class Builder {
        private final MessageDigest[] hashes = new MessageDigest[RANGES];
        private final long[] counts = new long[RANGES];
        private final MessageDigest ranger = sha256();

        public Builder() {
            for (int i = 0; i < RANGES; i++) {
                hashes[i] = sha256();
            }
        }

        public Builder add(byte[] key, long version, long epoch, byte[] value) {
            int range = (ranger.digest(key)[0] >> 4) & 0xF;
            MessageDigest hash = hashes[range];
            hash.update(ByteBuffer.allocate(4).putInt(key.length).array());
            hash.update(key);
            hash.update(ByteBuffer.allocate(20).putLong(version).putLong(epoch).putInt(value.length).array());
            hash.update(value);
            counts[range]++;
            return this;
        }

        public ContentDigest build(String region, long lastIndex) {
            List<Range> ranges = new ArrayList<>();
            for (int i = 0; i < RANGES; i++) {
                ranges.add(new Range(Integer.toHexString(i), counts[i], HexFormat.of().formatHex(hashes[i].digest())));
            }
            return new ContentDigest(region, lastIndex, ranges);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
