package org.teleopmon.shm.reader;

/**
 * Offsets of the state record, relative to the body (which starts at {@link ShmHeader#HEADER_SIZE}).
 * The header's param1 is the operator slot count and param2 the slot size. See {@code docs/shm.md}.
 */
public final class StateLayout {

    public static final String MAGIC = "TELEOPST";

    public static final int SEQUENCE = 0;
    public static final int CRC = 8;
    /** The CRC-32 covers the body from here to its end. */
    public static final int CHECKED_FROM = 16;
    public static final int UPDATE_COUNTER = 16;
    public static final int TIMESTAMP = 24;
    public static final int ACTIVE = 32;
    public static final int CONFIDENCE = 36;
    public static final int START_TIME = 40;
    public static final int DURATION = 48;
    public static final int LATENCY = 56;
    public static final int BANDWIDTH = 64;
    public static final int PACKET_LOSS = 72;
    public static final int FPS = 80;
    public static final int COMMAND_RATE = 88;
    public static final int METRICS_PRESENT = 96;
    public static final int OPERATOR_COUNT = 100;
    public static final int OPERATORS_TOTAL = 104;
    public static final int ROBOT_TYPE = 112;
    public static final int ROBOT_TYPE_SIZE = 16;
    public static final int OPERATORS = 128;

    public static final int SLOT_SIZE = 176;
    public static final int SLOT_ID = 0;
    public static final int SLOT_NAME = 64;
    public static final int SLOT_SOURCE = 128;
    public static final int SLOT_FIRST_SEEN = 152;
    public static final int SLOT_LAST_SEEN = 160;
    public static final int ID_SIZE = 64;
    public static final int NAME_SIZE = 64;
    public static final int SOURCE_SIZE = 24;

    public static final int MAX_OPERATOR_SLOTS = 64;

    private StateLayout() {
    }

    public static int bodySize(int operatorSlots) {
        return OPERATORS + operatorSlots * SLOT_SIZE;
    }
}
