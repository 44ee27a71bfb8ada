package io.pilotlight.drill.lab;

import io.pilotlight.http.auth.ClientToken;
import io.pilotlight.http.auth.Role;
import io.pilotlight.http.auth.ServerAuth;
import io.pilotlight.http.auth.TokenFile;
import io.pilotlight.http.auth.Tokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * A lab started with a token file protects every child with it: the lab writes its own token file
 * ({@code tokens.jsonl} in the state directory, owner-only) holding the user's entries plus one
 * agent token per store region ({@code lab-agent-REGION}) and one operator token
 * ({@code lab-operator}: the controller, the DNS server, the coordinator), and gives each child that
 * file and its token through {@link ServerAuth#TOKEN_FILE_ENV} and {@link ClientToken#ENV}. The
 * user's own tokens keep working on every server of the lab.
 */
public final class LabTokens {
    public static final String FILE_NAME = "tokens.jsonl";
    private static final LabTokens NONE = new LabTokens(null, Map.of(), null);

    private final Path file;
    private final Map<String, String> byProcess;
    private final String operator;

    private LabTokens(Path file, Map<String, String> byProcess, String operator) {
        this.file = file;
        this.byProcess = Map.copyOf(byProcess);
        this.operator = operator;
    }

    /** No token file: the children run as they always have. */
    public static LabTokens none() {
        return NONE;
    }

    /** The lab's token file from {@code userFile}, with an agent token for each of {@code storeRegions}. */
    public static LabTokens create(Path userFile, Path stateDir, Collection<String> storeRegions, SecureRandom random) throws IOException {
        TokenFile.read(userFile); // a bad user file is refused here, naming its line, not in a child's log
        Files.createDirectories(stateDir);
        Path file = stateDir.resolve(FILE_NAME);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, Files.readAllBytes(userFile)); // into the owner-only file

        Map<String, String> byProcess = new HashMap<>();
        for (String region : storeRegions) {
            byProcess.put("store-" + region, TokenFile.add(file, "lab-agent-" + region, Role.AGENT, region, random));
        }
        String operator = TokenFile.add(file, "lab-operator", Role.OPERATOR, null, random);
        return new LabTokens(file, byProcess, operator);
    }

    public boolean enabled() {
        return file != null;
    }

    /** Sets the child's token file and token (a store node's agent token, the operator token for the rest). */
    void applyTo(String processName, Map<String, String> environment) {
        if (file != null) {
            environment.put(ServerAuth.TOKEN_FILE_ENV, file.toString());
            environment.put(ClientToken.ENV, byProcess.getOrDefault(processName, operator));
        }
    }

    /** What the lab's own servers (the fault proxies' control APIs) check. */
    ServerAuth serverAuth() throws IOException {
        return file == null ? ServerAuth.NONE : new ServerAuth(Tokens.load(file), false);
    }
}
