package org.teleopmon.detector.zmq.internal;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.IdentitySource;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.Operator;

/**
 * Turns the traffic into the detector's signal. {@link #key} is the part of the view whose change
 * is pushed to listeners at once; measurements alone change every message and wait for the tick.
 * While packets are captured the decoded messages decide; when capture cannot run, the kernel's
 * socket table does (data segments on the command port, at a lower confidence). Either way the table
 * adds the TCP round trips and retransmissions, and a closed command connection ends the view.
 */
final class ZmqView {

    static final String NAME = "zmq";

    record Key(boolean active, int confidence, Map<String, Operator> operators, String robotType,
            boolean watchdog, boolean baseDriven, boolean rateLow, boolean fromKernel, EndReason ended) {
    }

    /** Confidence of commands seen only as TCP data segments at a teleoperation-like rate: enough to start a session. */
    static final int KERNEL_CONFIDENCE = 80;
    /** Segments flowing below the rate: holds a session, does not start one. */
    static final int KERNEL_LOW_RATE_CONFIDENCE = 70;
    static final int KERNEL_WATCHDOG_CONFIDENCE = 60;

    private ZmqView() {
    }

    static Key key(ZmqTraffic t, long now) {
        if (!t.captureUsable) {
            return kernelKey(t, now);
        }
        if (t.ended != null) {
            return new Key(false, 0, Map.of(), robotType(t), false, false, false, false, t.ended);
        }
        boolean commands = recent(t.commands.last(), now, t.settings.silenceNanos());
        boolean unknown = recent(t.lastUnknownCommand, now, t.settings.silenceNanos());
        boolean observations = recent(t.observations.last(), now, t.settings.silenceNanos());
        boolean watchdog = commands && now - t.commands.last() > t.settings.watchdogNanos();
        int confidence = commands ? (watchdog ? 70 : t.rateLow ? 80 : 95) : unknown ? 50 : observations ? 40 : 0;
        return new Key(commands || unknown, confidence, operators(t, now), robotType(t), watchdog,
                commands && t.baseDriven, t.rateLow, false, null);
    }

    /** The view without packets: the kernel's socket table alone. */
    private static Key kernelKey(ZmqTraffic t, long now) {
        KernelView k = t.kernel;
        if (k.ended != null) {
            return new Key(false, 0, Map.of(), robotType(t), false, false, false, true, k.ended);
        }
        boolean flowing = k.commandsFlowing(now);
        boolean watchdog = flowing && now - k.lastCommandSegment() > t.settings.watchdogNanos();
        double rate = k.commandRateHz();
        boolean rateLow = !(rate >= t.settings.minCommandRateHz());
        int confidence = !flowing ? 0 : watchdog ? KERNEL_WATCHDOG_CONFIDENCE
                : rateLow ? KERNEL_LOW_RATE_CONFIDENCE : KERNEL_CONFIDENCE;
        return new Key(flowing, confidence, k.operators(now), robotType(t), watchdog, false, flowing && rateLow, true,
                null);
    }

    static DetectorSignal signal(ZmqTraffic t, long now) {
        return builder(t, now).build();
    }

    static DetectorSignal.Builder builder(ZmqTraffic t, long now) {
        Key key = key(t, now);
        DetectorSignal.Builder b = DetectorSignal.builder(NAME).timestamp(Instant.ofEpochSecond(0, now))
                .active(key.active()).confidence(key.confidence()).robotType(key.robotType())
                .reason(key.ended() != null ? key.ended().detail() : reason(t, key, now)).ended(key.ended());
        key.operators().values().forEach(b::operator);
        if (key.fromKernel()) {
            b.measurement(Measurements.COMMAND_RATE_HZ, t.kernel.commandRateHz())
                    .measurement("watchdog_tripped", key.watchdog() ? 1 : 0);
            long lastSegment = t.kernel.lastCommandSegment();
            if (lastSegment != 0) {
                b.measurement(Measurements.SINCE_LAST_COMMAND_MS, Math.max(0, now - lastSegment) / 1e6);
            }
            t.kernel.measure(b, key.operators().keySet(), now);
            return b;
        }
        double commandRate = t.commands.rateHz(now);
        double observationRate = t.observations.rateHz(now);
        double commandMbps = t.commands.megabitsPerSecond(now);
        double observationMbps = t.observations.megabitsPerSecond(now);
        b.measurement(Measurements.COMMAND_RATE_HZ, commandRate)
                .measurement(Measurements.FPS, observationRate)
                .measurement(Measurements.BANDWIDTH_MBPS, commandMbps + observationMbps
                        + t.others.megabitsPerSecond(now))
                .measurement("observation_rate_hz", observationRate)
                .measurement("command_bandwidth_mbps", commandMbps)
                .measurement("observation_bandwidth_mbps", observationMbps);
        gaps(b, "command", t.commands, now);
        gaps(b, "observation", t.observations, now);
        b.measurement("base_driven", key.baseDriven() ? 1 : 0)
                .measurement("watchdog_tripped", key.watchdog() ? 1 : 0)
                .measurement("commands_total", t.commands.total())
                .measurement("observations_total", t.observations.total())
                .measurement("other_messages_total", t.others.total())
                .measurement("malformed_total", t.malformed)
                .measurement("connections", t.table.all().size())
                .measurement("cameras", t.cameras);
        if (t.commands.last() != 0 && commandConnectionOpen(t)) {
            // only while a command connection stays open: the engine reads a gap then as a stall
            b.measurement(Measurements.SINCE_LAST_COMMAND_MS, (now - t.commands.last()) / 1e6);
        }
        if (t.observations.last() != 0) {
            b.measurement(Measurements.SINCE_LAST_FRAME_MS, (now - t.observations.last()) / 1e6);
        }
        t.kernel.measure(b, peers(t, now), now);
        return b;
    }

    private static boolean commandConnectionOpen(ZmqTraffic t) {
        for (Connection c : t.table.all()) {
            if (c.serverPort == t.settings.commandPort() && !c.closed) {
                return true;
            }
        }
        return false;
    }

    /** The addresses of the clients of live command connections: whose connections the kernel measures. */
    private static Set<String> peers(ZmqTraffic t, long now) {
        Set<String> peers = new HashSet<>();
        for (Connection c : t.table.all()) {
            if (c.serverPort == t.settings.commandPort() && !c.closed && now - c.lastSeen <= t.settings.silenceNanos()) {
                peers.add(c.client);
            }
        }
        return peers;
    }

    private static void gaps(DetectorSignal.Builder b, String stream, MessageWindow window, long now) {
        int n = window.gaps(now);
        b.measurement(stream + "_gap_p50_ms", window.gapMs(n, 0.5))
                .measurement(stream + "_gap_p95_ms", window.gapMs(n, 0.95))
                .measurement(stream + "_gap_max_ms", window.gapMs(n, 1.0));
    }

    /** Operators: the clients of live connections to the command port; a message's id wins. The engine names them. */
    private static Map<String, Operator> operators(ZmqTraffic t, long now) {
        Map<String, Operator> operators = new LinkedHashMap<>();
        for (Connection c : t.table.all()) {
            if (c.serverPort != t.settings.commandPort() || c.closed || now - c.lastSeen > t.settings.silenceNanos()) {
                continue;
            }
            boolean fromMessage = c.operatorId != null;
            String id = fromMessage ? c.operatorId : c.client;
            operators.putIfAbsent(id, new Operator(id, null,
                    fromMessage ? IdentitySource.MESSAGE_FIELD : IdentitySource.NETWORK_PEER,
                    "zmq " + c.clientEndpoint() + " -> port " + c.serverPort));
        }
        return operators;
    }

    private static String robotType(ZmqTraffic t) {
        return t.robotType.isEmpty() ? t.settings.robotType() : t.robotType;
    }

    private static String reason(ZmqTraffic t, Key key, long now) {
        if (key.fromKernel()) {
            return kernelReason(t, key, now);
        }
        if (key.watchdog()) {
            return "watchdog: no command for " + (now - t.commands.last()) / 1_000_000 + " ms, the base stops";
        }
        if (key.confidence() >= 80) {
            return String.format("%s commands at %.1f Hz%s%s", robotType(t), t.commands.rateHz(now),
                    key.rateLow() ? " (below " + t.settings.minCommandRateHz() + " Hz)" : "",
                    key.baseDriven() ? ", base driven" : "");
        }
        if (key.active()) {
            return "unrecognised messages on command port " + t.settings.commandPort();
        }
        if (key.confidence() > 0) {
            return "observations streaming, no commands";
        }
        return t.commands.total() > 0 ? "commands silent" : "no ZMQ teleoperation traffic seen";
    }

    private static String kernelReason(ZmqTraffic t, Key key, long now) {
        String source = " (kernel socket table; packet capture is off, so no message is decoded)";
        if (key.watchdog()) {
            return "watchdog: no data on command port " + t.settings.commandPort() + " for "
                    + (now - t.kernel.lastCommandSegment()) / 1_000_000 + " ms" + source;
        }
        if (key.active()) {
            return String.format("TCP data segments at %.1f/s on command port %d from %s%s%s", t.kernel.commandRateHz(),
                    t.settings.commandPort(), String.join(", ", key.operators().keySet()),
                    key.rateLow() ? " (below " + t.settings.minCommandRateHz() + "/s)" : "", source);
        }
        return "no data segments on command port " + t.settings.commandPort() + source;
    }

    private static boolean recent(long last, long now, long silence) {
        return last != 0 && now - last <= silence;
    }
}
