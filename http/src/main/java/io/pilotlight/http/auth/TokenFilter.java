package io.pilotlight.http.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.http.Filter;
import io.pilotlight.http.HttpCall;
import io.pilotlight.http.HttpReply;
import io.pilotlight.http.Route;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bearer-token check every server runs when it has a token file: what the call needs comes from
 * the server's {@link AccessPolicy}; no (or an unknown) token is 401, a role the call does not allow
 * or an agent speaking for another region is 403. Every refusal is logged with who (the token's
 * name or "anonymous"), the method, the path and what was needed. Cheap enough for the event loop
 * (a SHA-256 per token-file entry, a small JSON parse for body claims).
 */
public final class TokenFilter implements Filter {
    private static final System.Logger LOG = System.getLogger("io.pilotlight.http.auth");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Tokens tokens;
    private final AccessPolicy policy;
    private final boolean requireTokenForData;

    public TokenFilter(Tokens tokens, AccessPolicy policy, boolean requireTokenForData) {
        this.tokens = tokens;
        this.policy = policy;
        this.requireTokenForData = requireTokenForData;
    }

    @Override
    public void filter(HttpCall call, HttpReply reply, Route next) throws Exception {
        Access access = policy.classify(call);
        if (access.open() || access.data() && !requireTokenForData) {
            next.handle(call, reply);
            return;
        }
        Optional<TokenEntry> who = bearer(call.header("Authorization")).flatMap(tokens::verify);
        if (who.isEmpty()) {
            refuse(reply, 401, "unauthorized", "anonymous", call, access.needed(),
                    "a bearer token is required (Authorization: Bearer …; clients read PILOTLIGHT_TOKEN)");
            return;
        }
        TokenEntry entry = who.get();
        if (!access.roles().contains(entry.role())) {
            refuse(reply, 403, "forbidden", entry.name(), call, access.needed(),
                    "token \"" + entry.name() + "\" is " + entry.role().label() + "; " + call.method() + " " + call.rawPath() + " needs " + access.needed());
            return;
        }
        if (entry.role() == Role.AGENT) {
            String claimed = access.claim().region(call);
            if (claimed != null && !claimed.equals(entry.region())) {
                refuse(reply, 403, "forbidden", entry.name(), call, "agent of region " + claimed,
                        "token \"" + entry.name() + "\" is the agent of region " + entry.region() + " and may not speak for region " + claimed);
                return;
            }
        }
        next.handle(call, reply);
    }

    /** The token of an {@code Authorization: Bearer TOKEN} header, if it is one. */
    static Optional<String> bearer(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.length() < 8 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = value.substring(7).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static void refuse(HttpReply reply, int status, String error, String who, HttpCall call, String needed, String message)
            throws Exception {
        LOG.log(System.Logger.Level.WARNING, "refused {0}: {1} {2} {3} (needs {4})", status, who, call.method(), call.rawPath(), needed);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        body.put("needs", needed);
        Map<String, String> headers = status == 401 ? Map.of("WWW-Authenticate", "Bearer realm=\"pilotlight\"") : Map.of();
        reply.send(status, "application/json", headers, JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
    }
}
