package io.mbp.cli.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mbp.market.Reject;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The daemon's HTTP/1.1 server on 127.0.0.1 (Jetty 12, docs/adr/0307). Jetty parses headers without
 * blocking, on its selector, so a client that sends half a header holds a socket and a buffer but
 * never a thread. This layer adds what the routes need around that: the body read whole (at most
 * {@link ApiRequest#MAX_BODY}) before a route runs, the read timeout, the request deadline and the
 * per-client connection cap ({@link ConnectionGuard}), and every answer, Jetty's own refusals of a
 * bad request line included, in the API's JSON error shape. Quick routes run on the selector thread,
 * the rest on the pool (docs/adr/0122); what the engine answers later is written by {@link AnswerThreads}.
 */
final class HttpLayer implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(HttpLayer.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** What the daemon serves: a request in, an answer later (the engine thread completes it). */
    interface Api {
        CompletableFuture<Reply> serve(ApiRequest request);

        /**
         * Whether {@link #serve} for this request returns without waiting on anything (no database, no
         * lock held long), so it may run on Jetty's selector thread; every other request is served on a
         * pool thread.
         */
        default boolean quick(String method, String path) {
            return false;
        }
    }

    private final Server server;
    private final ServerConnector connector;
    private final ConnectionGuard guard;
    private final DaemonMetrics metrics;
    /** Fault injection for drills (docs/slo.md): every n-th API request answers 503; 0 = off. */
    private volatile long failEvery;
    private final java.util.concurrent.atomic.AtomicLong served = new java.util.concurrent.atomic.AtomicLong();
    private final AnswerThreads answers;

    HttpLayer(int port, Daemon.Options opts, Api api, DaemonMetrics metrics) {
        this.metrics = metrics;
        QueuedThreadPool pool = new QueuedThreadPool(Math.max(8, opts.httpThreads()) + 4, 4);
        pool.setName("http");
        pool.setReservedThreads(0);
        server = new Server(pool);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendDateHeader(false);
        config.setRequestHeaderSize(16 * 1024);
        connector = opts.tls() == null ? new ServerConnector(server, 1, 1, new HttpConnectionFactory(config))
                : new ServerConnector(server, 1, 1, new org.eclipse.jetty.server.SslConnectionFactory(tls(opts.tls()), "http/1.1"),
                        new HttpConnectionFactory(config));
        connector.setHost(opts.bind());
        connector.setPort(port);
        connector.setAcceptQueueSize(1024);
        // the read timeout: a connection with no byte in either direction for this long is closed,
        // whether it is between requests, inside a header, inside a body or not reading our answer
        connector.setIdleTimeout(opts.readTimeout().toMillis());
        guard = new ConnectionGuard(opts.maxConnectionsPerClient(), opts.requestTimeout().toMillis());
        connector.addEventListener(guard);
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrors());
        server.setHandler(new GracefulHandler(new ApiHandler(api)));
        server.setStopTimeout(2_000);
        answers = AnswerThreads.perCore(); // last: a constructor that throws above leaves no thread behind
    }

    /** TLS 1.3 only; client certificates required when the files name a client CA (docs/adr/0313). */
    private static org.eclipse.jetty.util.ssl.SslContextFactory.Server tls(TlsFiles files) {
        org.eclipse.jetty.util.ssl.SslContextFactory.Server ssl = new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
        ssl.setKeyStore(files.keyStore());
        ssl.setKeyStorePassword(files.password());
        ssl.setKeyManagerPassword(files.password());
        ssl.setIncludeProtocols("TLSv1.3");
        ssl.setExcludeProtocols("SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2");
        if (files.clientCa() != null) {
            ssl.setTrustStore(files.clientCa());
            ssl.setNeedClientAuth(true);
        }
        return ssl;
    }

    void start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new io.mbp.error.InfrastructureException("cannot listen on " + connector.getHost() + ":" + connector.getPort() + ": "
                    + e.getMessage(), e);
        }
    }

    int port() {
        return connector.getLocalPort();
    }

    /** From now on every {@code n}-th API request is answered 503 STORAGE_UNAVAILABLE untouched; 0 stops it. */
    void failEvery(long n) {
        failEvery = Math.max(0, n);
    }

    /** Stops accepting, lets in-flight requests finish (up to 2 s), closes every connection. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("HTTP server stop: {}", e.toString());
        } finally {
            answers.close();
            guard.close();
        }
    }

    static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Reply malformed(String why) {
        return Reply.error(Reject.MALFORMED_REQUEST, null, why);
    }

    private static Reply internal(Throwable x) {
        LOG.error("unexpected failure answering a request", x);
        return Reply.internal(String.valueOf(x));
    }

    /** Reads the body without blocking a thread, hands the whole request to the API, writes its answer. */
    private final class ApiHandler extends Handler.Abstract.NonBlocking {
        private final Api api;

        ApiHandler(Api api) {
            this.api = api;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Connection c = request.getConnectionMetaData().getConnection();
            guard.requestStarted(c);
            long t0 = System.nanoTime();
            // Jetty calls a non-blocking handler on the selector thread that read the request (ADR 0122): a
            // route that might wait (a database, a lock) goes to a pool thread, or every connection would wait
            if (api.quick(request.getMethod(), request.getHttpURI().getPath())) {
                serve(request, response, callback, c, t0);
                return true;
            }
            try {
                server.getThreadPool().execute(() -> {
                    try {
                        serve(request, response, callback, c, t0);
                    } catch (Throwable x) {
                        // on the selector Jetty answers 500 for a handler that throws; a pool task's throw
                        // would only end the task and leave the client waiting for ever
                        LOG.error("unexpected failure serving {} {}", request.getMethod(), request.getHttpURI().getPath(), x);
                        released(c, callback).failed(x);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                answer(response, Reply.error(Reject.SHUTTING_DOWN, null, "the daemon is shutting down or saturated; retry shortly"),
                        released(c, callback));
            }
            return true;
        }

        /** Jetty's callback for the request, after the guard has counted the connection's request answered. */
        private Callback released(Connection c, Callback callback) {
            return Callback.from(() -> {
                guard.answered(c);
                callback.succeeded();
            }, x -> {
                guard.answered(c);
                callback.failed(x);
            });
        }

        private void serve(Request request, Response response, Callback callback, Connection c, long t0) {
            if ("/metrics".equals(request.getHttpURI().getPath()) && "GET".equals(request.getMethod())) {
                // the operator's scrape: not an API route, so neither rate limited nor counted
                guard.requestRead(c);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                response.write(true, ByteBuffer.wrap(metrics.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        released(c, callback));
                return;
            }
            Callback done = released(c, callback);
            readBody(request, new ByteArrayOutputStream(), body -> {
                guard.requestRead(c);
                ApiRequest req = toApi(request, body);
                CompletableFuture<Reply> reply;
                long every = failEvery;
                try {
                    reply = every > 0 && served.incrementAndGet() % every == 0
                            ? CompletableFuture.completedFuture(Reply.error(Reject.STORAGE_UNAVAILABLE, null, "injected fault (drill)"))
                            : api.serve(req);
                } catch (RuntimeException e) {
                    reply = CompletableFuture.failedFuture(e);
                }
                String route = DaemonMetrics.route(req.path());
                java.util.function.BiConsumer<Reply, Throwable> write = (r, x) -> {
                    Reply a = r != null ? r : internal(x);
                    metrics.request(request.getMethod(), route, a.status(), System.nanoTime() - t0);
                    answer(response, a, done);
                };
                if (reply.isDone()) {
                    // answered without the engine (a refusal, the no-op): on this thread, no hand-off to another
                    reply.whenComplete(write);
                } else {
                    // answered on an answer thread, so the engine thread only completes futures (ADR 0157)
                    reply.whenCompleteAsync(write, answers);
                }
            }, done);
        }

        private ApiRequest toApi(Request request, byte[] body) {
            String path;
            try {
                path = request.getHttpURI().getDecodedPath();
            } catch (RuntimeException e) {
                path = null; // the API answers MALFORMED_REQUEST
            }
            HttpFields h = request.getHeaders();
            boolean tooLarge = body.length > ApiRequest.MAX_BODY;
            return new ApiRequest(request.getMethod(), path, request.getHttpURI().getPathQuery(), Request.getRemoteAddr(request), h::get,
                    body, tooLarge);
        }

        /** Accumulates the body chunk by chunk as Jetty has it; at MAX_BODY + 1 bytes it stops reading. */
        private void readBody(Request request, ByteArrayOutputStream acc, java.util.function.Consumer<byte[]> then, Callback done) {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(() -> readBody(request, acc, then, done));
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    // the client went away or the idle timeout fired mid-body: nobody to answer
                    done.failed(chunk.getFailure());
                    return;
                }
                ByteBuffer b = chunk.getByteBuffer();
                int take = Math.min(b.remaining(), ApiRequest.MAX_BODY + 1 - acc.size());
                byte[] bytes = new byte[take];
                b.get(bytes);
                boolean last = chunk.isLast();
                chunk.release();
                if (last && acc.size() == 0) {
                    then.accept(bytes); // the whole body in one chunk (most requests): no second copy
                    return;
                }
                acc.write(bytes, 0, take);
                if (last || acc.size() > ApiRequest.MAX_BODY) {
                    then.accept(acc.toByteArray());
                    return;
                }
            }
        }
    }

    private static void answer(Response response, Reply r, Callback done) {
        byte[] body = r.body() instanceof Reply.Raw raw ? raw.bytes() : json(r.body());
        response.setStatus(r.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        r.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        response.write(true, ByteBuffer.wrap(body), done);
    }

    /**
     * Jetty's own refusals (a request line it cannot parse, a bad % escape, a header over the size
     * limit, a request during shutdown) in the API's error shape with a catalogued code.
     */
    private static final class JsonErrors extends ErrorHandler {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Object s = request.getAttribute(ERROR_STATUS);
            int status = s instanceof Integer i ? i : response.getStatus();
            Object m = request.getAttribute(ERROR_MESSAGE);
            Reply r = forStatus(status, m == null ? null : m.toString());
            answer(response, r, callback);
            return true;
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            Reply r = forStatus(status, reason);
            fields.put(HttpHeader.CONTENT_TYPE, "application/json");
            return ByteBuffer.wrap(json(r.body()));
        }

        private static Reply forStatus(int status, String reason) {
            String why = reason == null || reason.isBlank() ? "HTTP " + status : reason;
            if (status == 404) {
                return Reply.error(Reject.NOT_FOUND, null, "no route (see docs/openapi.yaml)");
            }
            if (status == 503) {
                return Reply.error(Reject.SHUTTING_DOWN, null, "the daemon is shutting down");
            }
            if (status >= 500) {
                return Reply.internal(why);
            }
            return malformed("the request is not valid HTTP: " + why);
        }
    }
}
