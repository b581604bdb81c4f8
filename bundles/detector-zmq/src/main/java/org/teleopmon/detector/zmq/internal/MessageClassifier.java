package org.teleopmon.detector.zmq.internal;

/**
 * Decides what a message is from its direction and the keys of its first frame. Messages towards
 * the robot are commands; messages from the robot are observations. Reused; not thread-safe.
 */
final class MessageClassifier {

    private final JsonPeek json = new JsonPeek();
    private final long maxCommandBytes;
    private MessageKind kind;
    private String robotType;
    private String reason;

    MessageClassifier(long maxCommandBytes) {
        this.maxCommandBytes = maxCommandBytes;
    }

    /**
     * @param toRobot     the message travels to the side that bound the port
     * @param commandPort the port is the configured command port, where only commands belong
     */
    MessageKind classify(ZmtpMessage message, boolean toRobot, boolean commandPort) {
        robotType = "";
        reason = "";
        boolean isJson = json.read(message.head(), message.headLength(), message.headComplete());
        if (toRobot) {
            kind = command(message, isJson, commandPort);
        } else {
            kind = isJson ? observation(message) : MessageKind.OTHER;
        }
        return kind;
    }

    private MessageKind command(ZmtpMessage message, boolean isJson, boolean commandPort) {
        if (commandPort && message.firstFrameSize() > maxCommandBytes) {
            reason = "command of " + message.firstFrameSize() + " bytes, limit " + maxCommandBytes;
            return MessageKind.MALFORMED;
        }
        if (!isJson) {
            reason = "not a JSON object";
            return commandPort ? MessageKind.MALFORMED : MessageKind.OTHER;
        }
        long keys = json.knownKeys();
        if ((keys & RobotKeys.XLE_MASK) == RobotKeys.XLE_MASK) {
            robotType = "xle";
            return MessageKind.XLE_COMMAND;
        }
        if ((keys & RobotKeys.LEKIWI_MASK) == RobotKeys.LEKIWI_MASK) {
            robotType = "lekiwi";
            return MessageKind.LEKIWI_COMMAND;
        }
        if (json.legacyCommand()) {
            robotType = "lekiwi";
            return MessageKind.LEGACY_COMMAND;
        }
        if (json.commandType()) {
            robotType = "xle";
            return MessageKind.WEB_COMMAND;
        }
        return MessageKind.OTHER;
    }

    private MessageKind observation(ZmtpMessage message) {
        long keys = json.knownKeys();
        if (keys != 0) {
            robotType = (keys & ~RobotKeys.LEKIWI_MASK) != 0 ? "xle" : "lekiwi";
        }
        if (json.cams() && message.frames() > 1) {
            return MessageKind.OBSERVATION_MULTIPART;
        }
        if (keys != 0 && message.frames() == 1) {
            return MessageKind.OBSERVATION_BASE64;
        }
        if (json.legacyObservation()) {
            robotType = "lekiwi";
            return MessageKind.OBSERVATION_LEGACY;
        }
        return MessageKind.OTHER;
    }

    MessageKind kind() {
        return kind;
    }

    /** {@code lekiwi}, {@code xle} or empty when the message does not tell. */
    String robotType() {
        return robotType;
    }

    /** Why the message is malformed; empty otherwise. */
    String reason() {
        return reason;
    }

    /** Whether a command sets a non-zero base velocity. */
    boolean baseDriven() {
        return kind.isCommand() && json.velocityNonZero();
    }

    /** The operator id the message carries, or {@code null}. */
    String operatorId() {
        return json.operatorId();
    }
}
