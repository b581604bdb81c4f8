package org.teleopmon.api;

import java.util.List;

/**
 * Names of the measurements the state carries. Detectors may report others too; these are the
 * ones the engine lifts into {@link TeleopState}.
 */
public final class Measurements {

    /** One-way or round-trip control latency, milliseconds. */
    public static final String LATENCY_MS = "latency_ms";
    /** Teleoperation bandwidth, both directions, megabits per second. */
    public static final String BANDWIDTH_MBPS = "bandwidth_mbps";
    /** Packet or message loss, percent. */
    public static final String PACKET_LOSS_PERCENT = "packet_loss_percent";
    /** Video frames per second. */
    public static final String FPS = "fps";
    /** Operator commands per second. */
    public static final String COMMAND_RATE_HZ = "command_rate_hz";

    /**
     * Milliseconds from the operator's last command to the signal's timestamp. A detector that knows
     * when the last command passed reports it; the engine derives each command's instant from it and
     * finds command stalls to packet precision, whatever the detector.
     */
    public static final String SINCE_LAST_COMMAND_MS = "since_last_command_ms";
    /**
     * Milliseconds from the last video frame (a LeKiwi observation with its camera images, a decoded RTP
     * frame) to the signal's timestamp; the engine finds video stalls from it as it does command stalls.
     */
    public static final String SINCE_LAST_FRAME_MS = "since_last_frame_ms";

    /** The measurements lifted into the state, in display order. Immutable. */
    public static final List<String> STATE_METRICS = List.of(LATENCY_MS, BANDWIDTH_MBPS, PACKET_LOSS_PERCENT, FPS,
            COMMAND_RATE_HZ);

    private Measurements() {
    }
}
