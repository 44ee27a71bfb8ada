package io.pilotlight.http;

/** What answers the requests under one path. It must answer each call once, through its reply, from any thread. */
@FunctionalInterface
public interface Route {
    void handle(HttpCall call, HttpReply reply) throws Exception;
}
