package org.teleopmon.detector.zmq.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.IdentitySource;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.Operator;
import org.teleopmon.api.sockets.SocketEntry;
import org.teleopmon.api.sockets.SocketSnapshot;
import org.teleopmon.api.sockets.TcpState;

/**
 * What the kernel's socket table says about the robot's ends of the watched connections: their TCP round
 * trips, retransmissions and counters (added to the signal whether or not packets are captured), and, when
 * packet capture cannot run, whether commands flow: data segments arriving on the command port at a
 * teleoperation-like rate. A connection leaving the table, or closing, ends the session it carried, and its
 * TCP state tells which side closed first. Single-threaded: the detector serialises calls.
 */
final class KernelView {

    private final ZmqSettings settings;
    private final Map<Long, KernelConnection> connections = new HashMap<>();
    private boolean listening;
    private long lastReading;
    private long readings;
    /** The end the table showed, until commands flow again. */
    EndReason ended;

    KernelView(ZmqSettings settings) {
        this.settings = settings;
    }

    /** Whether no robot-side connection is followed. */
    boolean isEmpty() {
        return connections.isEmpty();
    }

    /** Takes a reading of the table; true when something discrete changed (a connection came, closed or went). */
    boolean update(SocketSnapshot snapshot) {
        long now = nanos(snapshot.timestamp());
        lastReading = now;
        readings++;
        boolean changed = false;
        listening = false;
        for (SocketEntry socket : snapshot.sockets()) {
            if (socket.state() == TcpState.LISTEN) {
                listening |= socket.localPort() == settings.commandPort();
                continue;
            }
            if (!settings.isPort(socket.localPort())) {
                continue; // an operator's end on this host: the robot's end tells the same, from the robot
            }
            KernelConnection connection = connections.get(socket.cookie());
            if (connection == null) {
                if (socket.state() != TcpState.ESTABLISHED) {
                    continue; // opening, or closed before it was first seen
                }
                connection = new KernelConnection(socket, now);
                connections.put(socket.cookie(), connection);
                changed |= connection.port == settings.commandPort();
            }
            boolean wasFlowing = connection.flowing(now, settings.silenceNanos());
            if (connection.add(now, socket, settings.windowNanos() / 1_000_000) && isCommand(connection)) {
                changed = true;
                closing(connection, now);
            }
            if (isCommand(connection) && connection.flowing(now, settings.silenceNanos()) != wasFlowing) {
                changed = true;
            }
        }
        for (SocketEntry socket : snapshot.removed()) {
            KernelConnection gone = connections.remove(socket.cookie());
            if (gone != null && isCommand(gone)) {
                changed = true;
                vanished(gone, now);
            }
        }
        if (ended != null && commandsFlowing(now)) {
            ended = null;
            changed = true;
        }
        return changed;
    }

    private boolean isCommand(KernelConnection c) {
        return c.port == settings.commandPort();
    }

    /** A command connection's state moved: if it is closing and carried the session, that is the session's end. */
    private void closing(KernelConnection c, long now) {
        boolean peerFirst = c.state.closedByPeerFirst();
        boolean robotFirst = c.state.closedHereFirst() || c.state == TcpState.CLOSE;
        if ((peerFirst || robotFirst) && endsSession(c, now)) {
            end(c, peerFirst ? EndReason.Kind.OPERATOR_CLOSED : EndReason.Kind.ROBOT_CLOSED, peerFirst
                    ? "operator closed the command connection from " + c.peer + " after " + seconds(c, now)
                            + " s (seen in the kernel's socket table)"
                    : robotClosed(c, now, "closed the command connection"));
        }
    }

    /** A command connection left the table without a closing state seen: whether the host still listens tells. */
    private void vanished(KernelConnection c, long now) {
        if (!endsSession(c, now)) {
            return;
        }
        if (listening) {
            end(c, EndReason.Kind.OPERATOR_CLOSED, "the command connection from " + c.peer + " was closed or reset "
                    + "after " + seconds(c, now) + " s while the robot host still listens on port "
                    + settings.commandPort() + " (seen in the kernel's socket table)");
        } else {
            end(c, EndReason.Kind.ROBOT_CLOSED, robotClosed(c, now, "stopped listening on port "
                    + settings.commandPort() + " and dropped the command connection"));
        }
    }

    private String robotClosed(KernelConnection c, long now, String what) {
        return "robot host " + what + " after " + seconds(c, now) + " s, see connection_time_s (the LeKiwi host "
                + "exits after it, 30 s by default; seen in the kernel's socket table)";
    }

    /** Whether this connection carried commands and no other command connection still does. */
    private boolean endsSession(KernelConnection c, long now) {
        return c.carried && !commandsFlowing(now);
    }

    private void end(KernelConnection c, EndReason.Kind kind, String detail) {
        if (ended == null) {
            ended = EndReason.of(kind, detail, Instant.ofEpochSecond(0, c.lastDataIn));
        }
    }

    private static String seconds(KernelConnection c, long now) {
        return String.format("%.1f", (now - c.firstSeen) / 1e9);
    }

    /** Whether data segments arrive on an open command connection, within the silence timeout. */
    boolean commandsFlowing(long now) {
        for (KernelConnection c : connections.values()) {
            if (isCommand(c) && c.state == TcpState.ESTABLISHED && c.flowing(now, settings.silenceNanos())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the table has been read lately (within three silence timeouts). */
    boolean reading(long now) {
        return readings > 0 && now - lastReading <= 3 * settings.silenceNanos();
    }

    /** Data segments per second on the open command connections, the kernel's estimate of the command rate. */
    double commandRateHz() {
        double rate = 0;
        boolean any = false;
        for (KernelConnection c : connections.values()) {
            double r = c.dataInRateHz(settings.windowNanos());
            if (isCommand(c) && c.state == TcpState.ESTABLISHED && !Double.isNaN(r)) {
                rate += r;
                any = true;
            }
        }
        return any ? rate : Double.NaN;
    }

    /** The peers of command connections that carry commands now. */
    Map<String, Operator> operators(long now) {
        Map<String, Operator> operators = new LinkedHashMap<>();
        for (KernelConnection c : connections.values()) {
            if (isCommand(c) && c.state == TcpState.ESTABLISHED && c.flowing(now, settings.silenceNanos())) {
                operators.putIfAbsent(c.peer, new Operator(c.peer, null, IdentitySource.NETWORK_PEER,
                        "kernel socket table: " + c.peer + ":" + c.peerPort + " -> port " + c.port));
            }
        }
        return operators;
    }

    /** When the last data segment arrived on a command connection, epoch nanoseconds; 0 when none. */
    long lastCommandSegment() {
        long last = 0;
        for (KernelConnection c : connections.values()) {
            if (isCommand(c) && c.carried) {
                last = Math.max(last, c.lastDataIn);
            }
        }
        return last;
    }

    /**
     * Adds the kernel's measurements of the connections of {@code operators} (by peer address): RTT from the
     * readings taken while the robot was sending on them (the observation stream), retransmission share,
     * counters.
     */
    void measure(DetectorSignal.Builder b, Set<String> operators, long now) {
        List<KernelConnection> mine = new ArrayList<>();
        for (KernelConnection c : connections.values()) {
            if (operators.contains(c.peer) && c.state == TcpState.ESTABLISHED && c.latest != null) {
                mine.add(c);
            }
        }
        b.measurement("socket_connections", mine.size());
        if (mine.isEmpty()) {
            return;
        }
        double[] all = new double[3];
        double[] observation = new double[3];
        long segmentsOut = 0;
        long retransmits = 0;
        long bytesIn = 0;
        long bytesOut = 0;
        long dataIn = 0;
        long dataOut = 0;
        long retransmitsTotal = 0;
        long minRtt = Long.MAX_VALUE;
        for (KernelConnection c : mine) {
            c.freshRtt(settings.windowNanos(), all);
            if (c.port == settings.observationPort()) {
                c.freshRtt(settings.windowNanos(), observation);
            }
            if (c.port == settings.commandPort() && c.latest.rttMicros() > 0) {
                b.measurement("command_handshake_rtt_ms", c.latest.rttMicros() / 1000.0);
            }
            segmentsOut += c.segmentsOutDelta(settings.windowNanos());
            retransmits += c.retransmitsDelta(settings.windowNanos());
            bytesIn += Math.max(0, c.latest.bytesReceived());
            bytesOut += Math.max(0, c.latest.bytesSent());
            dataIn += Math.max(0, c.latest.dataSegmentsIn());
            dataOut += Math.max(0, c.latest.dataSegmentsOut());
            retransmitsTotal += Math.max(0, c.latest.totalRetransmits());
            if (c.latest.minRttMicros() > 0) {
                minRtt = Math.min(minRtt, c.latest.minRttMicros());
            }
        }
        if (all[0] > 0) {
            b.measurement(Measurements.LATENCY_MS, all[1] / all[0] / 1000.0)
                    .measurement("rtt_variance_ms", all[2] / all[0] / 1000.0);
        }
        if (observation[0] > 0) {
            b.measurement("observation_rtt_ms", observation[1] / observation[0] / 1000.0);
        }
        if (minRtt != Long.MAX_VALUE) {
            b.measurement("min_rtt_ms", minRtt / 1000.0);
        }
        if (segmentsOut > 0) {
            double share = 100.0 * retransmits / segmentsOut;
            b.measurement("retransmit_percent", share).measurement(Measurements.PACKET_LOSS_PERCENT, share);
        }
        b.measurement("kernel_command_rate_hz", commandRateHz())
                .measurement("tcp_bytes_received_total", bytesIn).measurement("tcp_bytes_sent_total", bytesOut)
                .measurement("tcp_data_segments_in_total", dataIn).measurement("tcp_data_segments_out_total", dataOut)
                .measurement("tcp_retransmits_total", retransmitsTotal);
    }

    /** The connections the table shows now, for the shell. */
    List<KernelConnection> connections() {
        return List.copyOf(connections.values());
    }

    static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
