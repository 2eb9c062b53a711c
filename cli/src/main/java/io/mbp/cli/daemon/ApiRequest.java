package io.mbp.cli.daemon;

import java.util.function.UnaryOperator;

/**
 * One API request as the routes see it, already read whole by the HTTP layer: the routes never
 * touch a socket, so a slow client cannot hold a route (or its thread) while it dawdles.
 *
 * @param path the decoded path
 * @param pathWithQuery the path and query exactly as sent (what a request signature covers)
 * @param source the client's address (quotas and failed-authentication backoff)
 * @param body at most {@link #MAX_BODY} bytes; {@code bodyTooLarge} when the client sent more
 */
record ApiRequest(String method, String path, String pathWithQuery, String source, UnaryOperator<String> headers, byte[] body,
                  boolean bodyTooLarge) {
    static final int MAX_BODY = 64 * 1024;

    /** The first value of a request header, or null. */
    String header(String name) {
        return headers.apply(name);
    }
}
