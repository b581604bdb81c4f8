package org.teleopmon.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;


/**
 * A UDP socket on a random 127.0.0.1 port that receives and never answers: the end of a
 * {@link DropRelay}, or the silent server a QUIC client keeps retrying. Counts datagrams and bytes
 * exactly and keeps the first datagram.
 */
public final class UdpSink implements AutoCloseable {

    private final DatagramChannel channel;
    private final AtomicLong datagrams = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicReference<byte[]> first = new AtomicReference<>();

    private UdpSink(DatagramChannel channel) {
        this.channel = channel;
        Thread thread = new Thread(this::receive, "udp-sink-" + port());
        thread.setDaemon(true);
        thread.start();
    }

    /** Opens the sink inside {@code ns} (null: the JVM's namespace). */
    public static UdpSink start(NetNs ns) {
        return new UdpSink(NetNs.call(ns, () -> DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))));
    }

    /** The port it listens on. */
    public int port() {
        return ((InetSocketAddress) address()).getPort();
    }

    /** Its address, 127.0.0.1 and {@link #port()}. */
    public SocketAddress address() {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Datagrams received so far. */
    public long datagrams() {
        return datagrams.get();
    }

    /** Payload bytes received so far. */
    public long bytes() {
        return bytes.get();
    }

    /** A copy of the first datagram's payload, or null before one arrived. */
    public byte[] first() {
        byte[] copy = first.get();
        return copy == null ? null : copy.clone();
    }

    private void receive() {
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        try {
            while (true) {
                buffer.clear();
                channel.receive(buffer);
                buffer.flip();
                if (first.get() == null) {
                    byte[] copy = new byte[buffer.remaining()];
                    buffer.duplicate().get(copy);
                    first.compareAndSet(null, copy);
                }
                bytes.addAndGet(buffer.remaining());
                datagrams.incrementAndGet();
            }
        } catch (AsynchronousCloseException closed) {
            // close() ends the loop
        } catch (IOException e) {
            throw new IllegalStateException("UDP sink on port " + port() + " failed", e);
        }
    }

    /** Closes the socket. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
