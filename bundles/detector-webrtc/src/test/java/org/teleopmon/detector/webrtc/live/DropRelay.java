package org.teleopmon.detector.webrtc.live;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;

import org.teleopmon.testsupport.NetNs;

/**
 * A one-way UDP relay on a random 127.0.0.1 port that forwards every datagram to a target from its
 * own port, except every Nth (the Nth, 2Nth, ... received), which it drops: known, exact loss for
 * the stream behind it. The counters are exact once the sender has finished.
 */
public final class DropRelay implements AutoCloseable {

    private final DatagramChannel channel;
    private final InetSocketAddress target;
    private final int dropEvery;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    private DropRelay(DatagramChannel channel, InetSocketAddress target, int dropEvery) {
        this.channel = channel;
        this.target = target;
        this.dropEvery = dropEvery;
        Thread thread = new Thread(this::relay, "drop-relay-" + port());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts a relay inside {@code ns} (null: the JVM's namespace) to {@code target}, dropping every
     * {@code dropEvery}-th datagram (0: none).
     */
    public static DropRelay start(NetNs ns, InetSocketAddress target, int dropEvery) {
        if (dropEvery < 0 || dropEvery == 1) {
            throw new IllegalArgumentException("dropEvery must be 0 (no loss) or at least 2, not " + dropEvery);
        }
        DatagramChannel channel = NetNs.call(ns, () -> DatagramChannel.open()
                .bind(new InetSocketAddress("127.0.0.1", 0)));
        return new DropRelay(channel, target, dropEvery);
    }

    /** The port senders send to (and the relay forwards from). */
    public int port() {
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

    /** Datagrams dropped so far. */
    public long dropped() {
        return dropped.get();
    }

    /** Datagrams received so far (forwarded + dropped). */
    public long received() {
        return forwarded.get() + dropped.get();
    }

    private void relay() {
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        long count = 0;
        try {
            while (true) {
                buffer.clear();
                channel.receive(buffer);
                buffer.flip();
                count++;
                if (dropEvery > 0 && count % dropEvery == 0) {
                    dropped.incrementAndGet();
                } else {
                    channel.send(buffer, target);
                    forwarded.incrementAndGet();
                }
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
        channel.close();
    }
}
