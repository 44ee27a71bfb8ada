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
 * The caller check every server runs when it has a token file or checks client certificates
 * (mutual TLS, see {@link CertificateIdentity}): what the call needs comes from
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
        Optional<Caller> known = caller(call);
        if (known.isEmpty()) {
            String who = call.header("Authorization") != null ? "unknown token"
                    : call.peerCertificate() != null ? "certificate " + call.peerCertificate().getSubjectX500Principal().getName() : "anonymous";
            refuse(reply, 401, "unauthorized", who, call, access.needed(),
                    "a bearer token is required (Authorization: Bearer …; clients read PILOTLIGHT_TOKEN)"
                            + (call.peerCertificate() != null ? ", or a client certificate whose CN is ROLE.NAME (agent.REGION, operator.NAME, viewer.NAME)" : ""));
            return;
        }
        Caller caller = known.get();
        if (!access.roles().contains(caller.role())) {
            refuse(reply, 403, "forbidden", caller.name(), call, access.needed(),
                    quoted(caller) + " is " + caller.role().label() + "; " + call.method() + " " + call.rawPath() + " needs " + access.needed());
            return;
        }
        if (caller.role() == Role.AGENT) {
            String claimed = access.claim().region(call);
            if (claimed != null && !claimed.equals(caller.region())) {
                refuse(reply, 403, "forbidden", caller.name(), call, "agent of region " + claimed,
                        quoted(caller) + " is the agent of region " + caller.region() + " and may not speak for region " + claimed);
                return;
            }
        }
        next.handle(call, reply);
    }

    /**
     * Who calls: a token, when the call sends one, decides (a wrong token is not saved by a
     * certificate); without one, the client certificate the TLS handshake verified, when its common
     * name follows {@link CertificateIdentity}'s convention.
     */
    private Optional<Caller> caller(HttpCall call) {
        String authorization = call.header("Authorization");
        if (authorization != null) {
            return bearer(authorization).flatMap(tokens::verify).map(Caller::of);
        }
        return CertificateIdentity.of(call.peerCertificate());
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

    /** {@code token "vera"} or {@code certificate CN=agent.east}, for refusals. */
    private static String quoted(Caller caller) {
        return caller.name().startsWith("certificate ") ? caller.name() : "token \"" + caller.name() + "\"";
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
