package io.pilotlight.http.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The token file: JSON lines, one entry each,
 * {@code {"name":"ops-alice","role":"operator","salt":"<32 hex>","sha256":"<64 hex>"}} (agents add
 * {@code "region":"east"}). Blank lines and lines starting with {@code #} are skipped. The file
 * never holds a token, only its salted hash (see {@link TokenHash}).
 */
public final class TokenFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private TokenFile() {
    }

    /** Every entry of {@code file}; the first bad line is a {@link TokenFileException} naming file, line and field. */
    public static List<TokenEntry> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new TokenFileException(file, "no such token file (create one with `pilotlight token add`)");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<TokenEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            TokenEntry entry = parse(file, i + 1, line);
            if (!names.add(entry.name())) {
                throw new TokenFileException(file, i + 1, "name", "\"" + entry.name() + "\" is used by an earlier line; names are unique");
            }
            entries.add(entry);
        }
        return entries;
    }

    static TokenEntry parse(Path file, int lineNo, String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            throw new TokenFileException(file, lineNo, "(line)", "not a JSON object: " + notJson.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new TokenFileException(file, lineNo, "(line)", "not a JSON object; expected {\"name\":…,\"role\":…,\"salt\":…,\"sha256\":…}");
        }
        String name = text(file, lineNo, node, "name");
        if (!NAME.matcher(name).matches()) {
            throw new TokenFileException(file, lineNo, "name", "\"" + name + "\" is not allowed; expected 1-64 of letters, digits, . _ @ -");
        }
        Role role;
        try {
            role = Role.parse(text(file, lineNo, node, "role"));
        } catch (TokenFileException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new TokenFileException(file, lineNo, "role", e.getMessage());
        }
        String region = node.hasNonNull("region") ? text(file, lineNo, node, "region") : null;
        if (role == Role.AGENT && region == null) {
            throw new TokenFileException(file, lineNo, "region", "missing; an agent token speaks for one region");
        }
        if (role != Role.AGENT && region != null) {
            throw new TokenFileException(file, lineNo, "region", "only agent tokens have a region, this one is " + role.label());
        }
        String salt = text(file, lineNo, node, "salt");
        if (!HEX32.matcher(salt).matches()) {
            throw new TokenFileException(file, lineNo, "salt", "expected 32 lower-case hex digits");
        }
        String hash = text(file, lineNo, node, "sha256");
        if (!HEX64.matcher(hash).matches()) {
            throw new TokenFileException(file, lineNo, "sha256", "expected 64 lower-case hex digits");
        }
        return new TokenEntry(name, role, region, salt, hash);
    }

    private static String text(Path file, int lineNo, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new TokenFileException(file, lineNo, field, "missing");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new TokenFileException(file, lineNo, field, "expected a non-empty string, found " + value);
        }
        return value.asText();
    }

    /**
     * Appends a new entry (creating the file, readable by its owner only) and returns the token,
     * which is not kept anywhere. The existing file is read first, so a bad file or a taken name is
     * refused before anything is written.
     */
    public static String add(Path file, String name, Role role, String region, SecureRandom random) throws IOException {
        List<TokenEntry> existing = Files.exists(file) ? read(file) : List.of();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("--name \"" + name + "\" is not allowed; expected 1-64 of letters, digits, . _ @ -");
        }
        if (existing.stream().anyMatch(e -> e.name().equals(name))) {
            throw new IllegalArgumentException("--name \"" + name + "\" is already in " + file + "; names are unique");
        }
        if (role == Role.AGENT && (region == null || region.isBlank())) {
            throw new IllegalArgumentException("--region is required for an agent token (an agent speaks for one region)");
        }
        if (role != Role.AGENT && region != null) {
            throw new IllegalArgumentException("--region is only for agent tokens, this one is " + role.label());
        }
        String token = TokenHash.newToken(random);
        String salt = TokenHash.newSalt(random);
        ObjectNode line = JSON.createObjectNode().put("name", name).put("role", role.label());
        if (region != null) {
            line.put("region", region);
        }
        line.put("salt", salt).put("sha256", TokenHash.hash(salt, token));
        if (!Files.exists(file)) {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createFile(file, ownerOnly(file));
        }
        long size = Files.size(file);
        boolean endsInNewline = size == 0 || Files.readAllBytes(file)[(int) size - 1] == '\n';
        Files.writeString(file, (endsInNewline ? "" : "\n") + JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return token;
    }

    private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly(Path file) {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new java.nio.file.attribute.FileAttribute<?>[] {
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))};
        }
        return new java.nio.file.attribute.FileAttribute<?>[0];
    }
}
