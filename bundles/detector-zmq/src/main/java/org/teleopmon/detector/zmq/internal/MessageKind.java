package org.teleopmon.detector.zmq.internal;

/** What a ZMTP message carries, as far as teleoperation is concerned. */
enum MessageKind {
    /** LeKiwi action: 6 arm joint goals and 3 base velocities. */
    LEKIWI_COMMAND(true),
    /** XLeRobot action: two arms, two head motors, 3 base velocities. */
    XLE_COMMAND(true),
    /** LeKiwi's Feb–Jun 2025 format: {@code raw_velocity} and {@code arm_positions}. */
    LEGACY_COMMAND(true),
    /** XLE web_control envelope {@code {"type":"command",...}}. */
    WEB_COMMAND(true),
    /** Single JSON frame with the state and base64 JPEG strings (lerobot ≤ 0.6.0, XLE). */
    OBSERVATION_BASE64(false),
    /** JSON header with {@code _cams}, then one raw JPEG frame per camera (lerobot ≥ 0.6.1). */
    OBSERVATION_MULTIPART(false),
    /** LeKiwi's Feb–Jun 2025 observation: {@code images}, {@code present_speed}... */
    OBSERVATION_LEGACY(false),
    /** Valid but not a format we know. */
    OTHER(false),
    /** Not what the port carries: garbage, non-JSON or oversized on a command port. */
    MALFORMED(false);

    private final boolean command;

    MessageKind(boolean command) {
        this.command = command;
    }

    boolean isCommand() {
        return command;
    }

    boolean isObservation() {
        return this == OBSERVATION_BASE64 || this == OBSERVATION_MULTIPART || this == OBSERVATION_LEGACY;
    }
}
