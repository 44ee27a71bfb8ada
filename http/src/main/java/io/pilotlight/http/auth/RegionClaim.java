package io.pilotlight.http.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.http.HttpCall;

/** Where a call names the region it speaks for: a query parameter or a field of its JSON body; null when it names none. */
@FunctionalInterface
public interface RegionClaim {
    RegionClaim NONE = call -> null;

    String region(HttpCall call);

    /** {@code ?NAME=} of the request. */
    static RegionClaim query(String name) {
        return call -> call.query().get(name);
    }

    /**
     * A top-level string field of the JSON body. A body that is not a JSON object claims the
     * impossible region "?" (so an agent is refused rather than let through unchecked).
     */
    static RegionClaim bodyField(String name) {
        ObjectMapper json = new ObjectMapper();
        return call -> {
            if (call.body() == null || call.body().length == 0) {
                return null;
            }
            try {
                JsonNode node = json.readTree(call.body());
                JsonNode field = node == null ? null : node.get(name);
                return field == null || field.isNull() ? null : field.asText();
            } catch (java.io.IOException notJson) {
                return "?";
            }
        };
    }
}
