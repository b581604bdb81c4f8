package org.teleopmon.detector.zmq.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.IdentitySource;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.Operator;

/**
 * Turns the traffic into the detector's signal. {@link #key} is the part of the view whose change
 * is pushed to listeners at once; measurements alone change every message and wait for the tick.
 */
final class ZmqView {

    static final String NAME = "zmq";

    record Key(boolean active, int confidence, Map<String, Operator> operators, String robotType,
            boolean watchdog, boolean baseDriven, boolean rateLow) {
    }

    private ZmqView() {
    }

    static Key key(ZmqTraffic t, long now) {
        boolean commands = recent(t.commands.last(), now, t.settings.silenceNanos());
        boolean unknown = recent(t.lastUnknownCommand, now, t.settings.silenceNanos());
        boolean observations = recent(t.observations.last(), now, t.settings.silenceNanos());
        boolean watchdog = commands && now - t.commands.last() > t.settings.watchdogNanos();
        int confidence = commands ? (watchdog ? 70 : t.rateLow ? 80 : 95) : unknown ? 50 : observations ? 40 : 0;
        return new Key(commands || unknown, confidence, operators(t, now), robotType(t), watchdog,
                commands && t.baseDriven, t.rateLow);
    }

    static DetectorSignal signal(ZmqTraffic t, long now) {
        return builder(t, now).build();
    }

    static DetectorSignal.Builder builder(ZmqTraffic t, long now) {
        Key key = key(t, now);
        DetectorSignal.Builder b = DetectorSignal.builder(NAME).timestamp(Instant.ofEpochSecond(0, now))
                .active(key.active()).confidence(key.confidence()).robotType(key.robotType())
                .reason(reason(t, key, now));
        key.operators().values().forEach(b::operator);
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
        if (t.commands.last() != 0) {
            b.measurement("since_last_command_ms", (now - t.commands.last()) / 1e6);
        }
        return b;
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

    private static boolean recent(long last, long now, long silence) {
        return last != 0 && now - last <= silence;
    }
}
