package org.teleopmon.detector.zmq.internal;

import org.teleopmon.api.sockets.SocketEntry;
import org.teleopmon.api.sockets.TcpInfo;
import org.teleopmon.api.sockets.TcpState;

/**
 * The robot's end of one connection to a watched port as the kernel's socket table shows it: its recent
 * readings in a fixed ring (counters and RTTs), for rates and averages over a window. Adding a reading is
 * allocation-free.
 */
final class KernelConnection {

    private static final int CAPACITY = 64;

    final long cookie;
    final int port;
    final String peer;
    final int peerPort;
    final long firstSeen;
    TcpState state;
    /** When the peer last sent payload, epoch nanoseconds (from the kernel's ms-since-last-receive); 0 before. */
    long lastDataIn;
    /** Whether payload came in since this connection was first seen. */
    boolean carried;
    private final long[] times = new long[CAPACITY];
    private final long[] dataIn = new long[CAPACITY];
    private final long[] segmentsOut = new long[CAPACITY];
    private final long[] retransmits = new long[CAPACITY];
    private final long[] rtt = new long[CAPACITY];
    private final long[] rttVariance = new long[CAPACITY];
    private final boolean[] fresh = new boolean[CAPACITY];
    private int head;
    private int count;
    TcpInfo latest;

    KernelConnection(SocketEntry socket, long now) {
        this.cookie = socket.cookie();
        this.port = socket.localPort();
        this.peer = socket.remoteAddress().getHostAddress();
        this.peerPort = socket.remotePort();
        this.firstSeen = now;
        this.state = socket.state();
    }

    /** Takes a reading; returns whether the state changed. */
    boolean add(long now, SocketEntry socket, long freshMillis) {
        boolean changed = socket.state() != state;
        state = socket.state();
        TcpInfo tcp = socket.tcp();
        if (tcp == null) {
            return changed;
        }
        if (count > 0 && tcp.dataSegmentsIn() > dataIn[index(0)]) {
            carried = true;
        }
        if (tcp.lastDataReceivedMillis() >= 0 && (carried || tcp.dataSegmentsIn() > 0)) {
            lastDataIn = now - tcp.lastDataReceivedMillis() * 1_000_000L;
        }
        times[head] = now;
        dataIn[head] = tcp.dataSegmentsIn();
        segmentsOut[head] = tcp.segmentsOut();
        retransmits[head] = tcp.totalRetransmits();
        rtt[head] = tcp.rttMicros();
        rttVariance[head] = tcp.rttVarianceMicros();
        fresh[head] = tcp.lastDataSentMillis() >= 0 && tcp.lastDataSentMillis() <= freshMillis;
        head = (head + 1) % CAPACITY;
        count = Math.min(count + 1, CAPACITY);
        latest = tcp;
        return changed;
    }

    /** Index of the reading {@code back} steps before the latest. */
    private int index(int back) {
        return Math.floorMod(head - 1 - back, CAPACITY);
    }

    /** The oldest reading within {@code window} of the latest; the latest itself when alone. */
    private int oldestIn(long window) {
        int oldest = 0;
        for (int back = 1; back < count; back++) {
            if (times[index(0)] - times[index(back)] > window) {
                break;
            }
            oldest = back;
        }
        return oldest;
    }

    /**
     * Data segments from the peer per second over the window: with {@code TCP_NODELAY} (ZMQ sets it) about one
     * per small message. NaN with fewer than two readings.
     */
    double dataInRateHz(long window) {
        int oldest = oldestIn(window);
        if (oldest == 0) {
            return Double.NaN;
        }
        double span = (times[index(0)] - times[index(oldest)]) / 1e9;
        return (dataIn[index(0)] - dataIn[index(oldest)]) / span;
    }

    /** Segments sent over the window. */
    long segmentsOutDelta(long window) {
        int oldest = oldestIn(window);
        return segmentsOut[index(0)] - segmentsOut[index(oldest)];
    }

    long retransmitsDelta(long window) {
        int oldest = oldestIn(window);
        return retransmits[index(0)] - retransmits[index(oldest)];
    }

    /**
     * Adds the RTT and RTT-variance samples of the window's readings taken while this end was sending
     * (the kernel refreshes the RTT only from acknowledgements of data) to {@code sums}: count, RTT, variance.
     */
    void freshRtt(long window, double[] sums) {
        int oldest = oldestIn(window);
        for (int back = 0; back <= oldest && count > 0; back++) {
            int i = index(back);
            if (fresh[i] && rtt[i] > 0) {
                sums[0]++;
                sums[1] += rtt[i];
                sums[2] += rttVariance[i];
            }
        }
    }

    /** Whether the peer sent payload within {@code silence} of {@code now}. */
    boolean flowing(long now, long silence) {
        return carried && lastDataIn != 0 && now - lastDataIn <= silence;
    }
}
