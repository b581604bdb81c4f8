package org.teleopmon.detector.zmq.internal;

import java.time.Instant;
import java.util.function.BiConsumer;

import org.teleopmon.api.EndReason;
import org.teleopmon.api.capture.Packet;

/**
 * Everything the detector learns from packets: connections, message classes, per-stream windows
 * and counters. Single-threaded: the detector serialises calls. {@link #packet} returns whether
 * something discrete changed (a connection came or went, commands started, the operator, the
 * robot type, the base or the rate band changed), so the detector rebuilds its view only then.
 */
final class ZmqTraffic implements TrafficSink {

    final ZmqSettings settings;
    final ConnectionTable table;
    final MessageWindow commands;
    final MessageWindow observations;
    final MessageWindow others;
    final KernelView kernel;
    private final MessageClassifier classifier;
    private final BiConsumer<Connection, String> malformedLog;
    long malformed;
    long unknownCommands;
    long lastUnknownCommand;
    long lastMessage;
    int cameras;
    boolean baseDriven;
    boolean rateLow;
    String robotType = "";
    String lastMalformed = "";
    long sessionStart;
    /** Whether packets are being captured; when not, detection falls back to the {@link KernelView}. */
    boolean captureUsable = true;
    /** Capture time of the latest packet on a watched port. */
    long lastPacket;
    /** The teardown of the command connection that carried the commands, until commands flow again. */
    EndReason ended;
    private boolean changed;
    /**
     * The last packet carried a command (or an observation: camera frames) after a gap of more than half
     * the watchdog: its view is pushed at once, so that the engine reads that message's own instant and
     * measures the stall exactly.
     */
    boolean resumed;
    private long now;

    ZmqTraffic(ZmqSettings settings, BiConsumer<Connection, String> malformedLog) {
        this.settings = settings;
        this.malformedLog = malformedLog;
        this.table = new ConnectionTable(settings, this);
        this.commands = new MessageWindow(ZmqSettings.WINDOW_CAPACITY, settings.windowNanos());
        this.observations = new MessageWindow(ZmqSettings.WINDOW_CAPACITY, settings.windowNanos());
        this.others = new MessageWindow(ZmqSettings.WINDOW_CAPACITY, settings.windowNanos());
        this.classifier = new MessageClassifier(settings.maxCommandBytes());
        this.kernel = new KernelView(settings);
    }

    /** Follows one captured TCP packet; true when the detector's view may have changed. */
    boolean packet(Packet p) {
        changed = false;
        resumed = false;
        now = p.timestampNanos();
        lastPacket = now;
        Connection connection = table.find(p);
        if (connection == null) {
            return false;
        }
        if (connection.opened == now && connection.serverPort == settings.commandPort()) {
            changed = true;
        }
        connection.accept(p);
        if (connection.closed) {
            table.remove(connection);
            if (connection.serverPort == settings.commandPort()) {
                changed = true;
                teardown(connection);
            }
        }
        return changed;
    }

    /** The command connection that carried the commands closed: unless another still carries them, they ended. */
    private void teardown(Connection closed) {
        if (closed.commands == 0 || ended != null) {
            return;
        }
        for (Connection c : table.all()) {
            if (c.serverPort == settings.commandPort() && c.commands > 0 && now - c.lastSeen <= settings.silenceNanos()) {
                return;
            }
        }
        String after = String.format(" after %.1f s", (now - closed.opened) / 1e9);
        String detail = closed.closedByClient
                ? "operator " + ("RST".equals(closed.closedBy) ? "reset" : "closed") + " the command connection from "
                        + closed.clientEndpoint() + " (" + closed.closedBy + ")" + after
                : "robot host " + ("RST".equals(closed.closedBy) ? "reset" : "closed") + " the command connection ("
                        + closed.closedBy + ")" + after + ", see connection_time_s (the LeKiwi host exits after it, "
                        + "30 s by default)";
        ended = EndReason.of(closed.closedByClient ? EndReason.Kind.OPERATOR_CLOSED : EndReason.Kind.ROBOT_CLOSED,
                detail, Instant.ofEpochSecond(0, commands.last()));
    }

    /**
     * Whether packets are being captured: the capture service says so, or packets arrived lately (a replay,
     * a capture opened by hand in a test or tool).
     */
    void capturing(boolean serviceCaptures, long nowNanos) {
        captureUsable = serviceCaptures || lastPacket != 0 && nowNanos - lastPacket <= settings.silenceNanos();
    }

    /** Drops connections silent for {@code idleNanos}; true when one was an operator's. */
    boolean expire(long nowNanos, long idleNanos) {
        boolean operatorGone = false;
        for (Connection c : java.util.List.copyOf(table.all())) {
            if (nowNanos - c.lastSeen > idleNanos) {
                c.close("idle");
                table.remove(c);
                operatorGone |= c.serverPort == settings.commandPort();
            }
        }
        return operatorGone;
    }

    @Override
    public void message(Connection connection, boolean toServer, ZmtpMessage message) {
        lastMessage = now;
        boolean commandPort = connection.serverPort == settings.commandPort();
        MessageKind kind = classifier.classify(message, toServer, commandPort);
        if (kind == MessageKind.MALFORMED) {
            malformed(connection, toServer, classifier.reason());
        } else if (kind.isCommand()) {
            command(connection, message);
        } else if (kind.isObservation()) {
            changed |= observations.last() == 0 || now - observations.last() > settings.silenceNanos();
            resumed |= observations.last() != 0 && now - observations.last() > settings.watchdogNanos() / 2;
            observations.add(now, message.bytes());
            cameras = kind == MessageKind.OBSERVATION_MULTIPART ? message.jpegFrames() : cameras;
            robotType(classifier.robotType());
        } else {
            others.add(now, message.bytes());
            if (toServer && commandPort) {
                unknownCommands++;
                changed |= now - lastUnknownCommand > settings.silenceNanos();
                lastUnknownCommand = now;
            }
        }
    }

    @Override
    public void malformed(Connection connection, boolean toServer, String reason) {
        malformed++;
        lastMalformed = reason;
        malformedLog.accept(connection, reason);
    }

    private void command(Connection connection, ZmtpMessage message) {
        connection.commands++;
        if (ended != null) {
            ended = null;
            changed = true;
        }
        if (commands.last() == 0 || now - commands.last() > settings.silenceNanos()) {
            sessionStart = now;
            changed = true;
        }
        changed |= now - commands.last() > settings.watchdogNanos();
        resumed |= commands.last() != 0 && now - commands.last() > settings.watchdogNanos() / 2;
        commands.add(now, message.bytes());
        robotType(classifier.robotType());
        if (classifier.baseDriven() != baseDriven) {
            baseDriven = !baseDriven;
            changed = true;
        }
        String id = classifier.operatorId();
        if (id != null && !id.isEmpty() && !id.equals(connection.operatorId)) {
            connection.operatorId = id;
            changed = true;
        }
    }

    /**
     * Re-evaluates the command rate band at {@code nowNanos} once commands have flowed for half a
     * window (a young session has too few arrivals for a rate); true when it changed.
     */
    boolean rateBand(long nowNanos) {
        boolean flowing = commands.last() != 0 && nowNanos - commands.last() <= settings.silenceNanos();
        boolean low = flowing && nowNanos - sessionStart > settings.windowNanos() / 2
                && commands.rateHz(nowNanos) < settings.minCommandRateHz();
        if (low != rateLow) {
            rateLow = low;
            return true;
        }
        return false;
    }

    private void robotType(String type) {
        if (!type.isEmpty() && !type.equals(robotType)) {
            robotType = type;
            changed = true;
        }
    }
}
