package io.mbp.cli.daemon;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.eclipse.jetty.io.Connection;

/**
 * The two bounds Jetty's idle timeout does not give (docs/adr/0307): at most {@code perClient}
 * open connections per remote address (the next one is closed at once, the others are untouched),
 * and a request deadline: from the first byte of a request until its body is read, at most
 * {@code requestTimeoutMs}, however steadily a client drips bytes to keep the idle timeout away.
 * A sweep every quarter second closes connections past their deadline.
 */
final class ConnectionGuard implements Connection.Listener, AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(ConnectionGuard.class);

    private enum Phase { IDLE, RECEIVING, ANSWERING }

    /** Where one connection is in its current request. Guarded by itself. */
    private static final class Track {
        final InetAddress client;
        Phase phase = Phase.IDLE;
        long since;
        long bytesAtLastAnswer;

        Track(InetAddress client) {
            this.client = client;
        }
    }

    private final int perClient;
    private final long requestTimeoutNanos;
    private final Map<Connection, Track> tracks = new ConcurrentHashMap<>();
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "http-request-deadlines");
        t.setDaemon(true);
        return t;
    });

    ConnectionGuard(int perClient, long requestTimeoutMs) {
        this.perClient = perClient;
        this.requestTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(requestTimeoutMs);
        sweeper.scheduleWithFixedDelay(this::sweep, 250, 250, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpened(Connection c) {
        InetAddress client = addressOf(c.getEndPoint().getRemoteSocketAddress());
        Track t = new Track(client);
        tracks.put(c, t);
        int open = perAddress.merge(client, 1, Integer::sum);
        if (open > perClient) {
            // the address, never a request: nothing personal is in it (127.0.0.0/8 only)
            LOG.warn("refused a connection from {}: it already holds {} (the cap is {})", client.getHostAddress(), open - 1, perClient);
            c.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection c) {
        Track t = tracks.remove(c);
        if (t != null) {
            perAddress.computeIfPresent(t.client, (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** The request reached the API handler: its deadline runs from its first byte, or from now. */
    void requestStarted(Connection c) {
        Track t = tracks.get(c);
        if (t != null) {
            synchronized (t) {
                if (t.phase == Phase.IDLE) {
                    t.phase = Phase.RECEIVING;
                    t.since = System.nanoTime();
                }
            }
        }
    }

    /** The request is read whole: from here the engine's own bound (30 s) applies. */
    void requestRead(Connection c) {
        Track t = tracks.get(c);
        if (t != null) {
            synchronized (t) {
                t.phase = Phase.ANSWERING;
            }
        }
    }

    /** The answer was written: the next byte on the connection starts the next request. */
    void answered(Connection c) {
        Track t = tracks.get(c);
        if (t != null) {
            synchronized (t) {
                t.phase = Phase.IDLE;
                t.bytesAtLastAnswer = c.getBytesIn();
            }
        }
    }

    /** Open connections of one address (for tests and diagnostics). */
    int open(InetAddress client) {
        return perAddress.getOrDefault(client, 0);
    }

    private void sweep() {
        long now = System.nanoTime();
        tracks.forEach((c, t) -> {
            boolean expired;
            synchronized (t) {
                if (t.phase == Phase.IDLE && c.getBytesIn() > t.bytesAtLastAnswer) {
                    t.phase = Phase.RECEIVING; // a header is arriving that has not reached the handler yet
                    t.since = now;
                }
                expired = t.phase == Phase.RECEIVING && now - t.since > requestTimeoutNanos;
            }
            if (expired) {
                LOG.info("closed a connection from {}: its request was not complete after {} ms", t.client.getHostAddress(),
                        TimeUnit.NANOSECONDS.toMillis(requestTimeoutNanos));
                c.getEndPoint().close();
            }
        });
    }

    private static InetAddress addressOf(SocketAddress a) {
        if (a instanceof InetSocketAddress isa && isa.getAddress() != null) {
            return isa.getAddress();
        }
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
