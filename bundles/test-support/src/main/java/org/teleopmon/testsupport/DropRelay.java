package org.teleopmon.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-way UDP relay on a random 127.0.0.1 port that forwards every datagram to a target from its
 * own port, except every Nth (the Nth, 2Nth, ... received), which it drops: known, exact loss for
 * the stream behind it. The counters are exact once the sender has finished.
 * <p>
 * It can also drop everything for a while ({@link #pause}): a link outage in the middle of a stream
 * whose 5-tuple and SSRC stay the same, with the silence the target saw measured
 * ({@link #longestSilence}). It may receive in one network namespace and forward from another
 * ({@link #between}), so that a capture in the second sees only the relayed leg.
 */
public final class DropRelay implements AutoCloseable {

    private final DatagramChannel in;
    private final DatagramChannel out;
    private final InetSocketAddress target;
    private final int dropEvery;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile long pausedUntilNanos;
    private volatile long longestSilenceNanos;

    private DropRelay(DatagramChannel in, DatagramChannel out, InetSocketAddress target, int dropEvery) {
        this.in = in;
        this.out = out;
        this.target = target;
        this.dropEvery = dropEvery;
        this.pausedUntilNanos = System.nanoTime();
        Thread thread = new Thread(this::relay, "drop-relay-" + port());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts a relay inside {@code ns} (null: the JVM's namespace) to {@code target}, dropping every
     * {@code dropEvery}-th datagram (0: none).
     */
    public static DropRelay start(NetNs ns, InetSocketAddress target, int dropEvery) {
        checkDropEvery(dropEvery);
        DatagramChannel channel = open(ns);
        return new DropRelay(channel, channel, target, dropEvery);
    }

    /**
     * Starts a relay that receives in {@code from} and forwards from a port of its own in {@code to}
     * (either null: the JVM's namespace) to {@code target}, a {@code to} address; it drops nothing but
     * what {@link #pause} tells it to.
     */
    public static DropRelay between(NetNs from, NetNs to, InetSocketAddress target) {
        DatagramChannel in = open(from);
        try {
            return new DropRelay(in, open(to), target, 0);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    private static void checkDropEvery(int dropEvery) {
        if (dropEvery < 0 || dropEvery == 1) {
            throw new IllegalArgumentException("dropEvery must be 0 (no loss) or at least 2, not " + dropEvery);
        }
    }

    private static DatagramChannel open(NetNs ns) {
        return NetNs.call(ns, () -> DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)));
    }

    /** The port senders send to (and, unless it relays {@link #between} namespaces, forwards from). */
    public int port() {
        return port(in);
    }

    /** The port it forwards from. */
    public int sourcePort() {
        return port(out);
    }

    private static int port(DatagramChannel channel) {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where it forwards to. */
    public InetSocketAddress target() {
        return target;
    }

    /** Datagrams forwarded so far. */
    public long forwarded() {
        return forwarded.get();
    }

    /** Datagrams dropped so far (every Nth and those received during a pause). */
    public long dropped() {
        return dropped.get();
    }

    /** Datagrams received so far (forwarded + dropped). */
    public long received() {
        return forwarded.get() + dropped.get();
    }

    /** Drops every datagram received from now on for {@code length}, then forwards again. */
    public void pause(Duration length) {
        pausedUntilNanos = System.nanoTime() + length.toNanos();
    }

    /**
     * The longest time so far between two datagrams forwarded one after the other, each timed just after
     * its send returned: after a {@link #pause}, the silence its target saw.
     */
    public Duration longestSilence() {
        return Duration.ofNanos(longestSilenceNanos);
    }

    private void relay() {
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        long count = 0;
        long lastSent = 0;
        try {
            while (true) {
                buffer.clear();
                in.receive(buffer);
                buffer.flip();
                count++;
                if (dropEvery > 0 && count % dropEvery == 0 || System.nanoTime() - pausedUntilNanos < 0) {
                    dropped.incrementAndGet();
                    continue;
                }
                out.send(buffer, target);
                long sent = System.nanoTime();
                if (forwarded.getAndIncrement() > 0 && sent - lastSent > longestSilenceNanos) {
                    longestSilenceNanos = sent - lastSent;
                }
                lastSent = sent;
            }
        } catch (AsynchronousCloseException closed) {
            // close() ends the loop
        } catch (IOException e) {
            throw new IllegalStateException("drop relay on port " + port() + " failed", e);
        }
    }

    /** Stops relaying. */
    @Override
    public void close() throws IOException {
        in.close();
        out.close();
    }

    private static void closeQuietly(DatagramChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was sent through it yet
        }
    }
}
