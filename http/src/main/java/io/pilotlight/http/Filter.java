package io.pilotlight.http;

/**
 * Runs before the route of every call a server answers (the "no such path" answer included), in the
 * order they were added to {@link HttpFront.Builder#filter}, on the route's thread: for an
 * {@link HttpFront.Mode#INLINE} route that is the event loop, so a filter must not block.
 *
 * <p>This is the one place where what every server needs plugs in: bearer tokens (answer 401
 * through the reply and do not call {@code next}), metrics and access logs (call {@code next},
 * then count). A filter that answers must not call {@code next}; one that passes the call on must
 * call it exactly once.
 */
@FunctionalInterface
public interface Filter {
    void filter(HttpCall call, HttpReply reply, Route next) throws Exception;

    /** {@code route} with this filter in front of it. */
    default Route before(Route route) {
        return (call, reply) -> filter(call, reply, route);
    }
}
