package org.teleopmon.shm.reader;

import org.agrona.BitUtil;
import org.agrona.concurrent.broadcast.BroadcastBufferDescriptor;
import org.agrona.concurrent.broadcast.RecordDescriptor;

/**
 * The telemetry ring file: the common header, then at {@link ShmHeader#HEADER_SIZE} an Agrona
 * broadcast buffer of {@code capacity} bytes plus its 128-byte trailer. The header's param1 is the
 * capacity and param2 the largest payload. Each Agrona message is a {@link #SEQUENCE} number, a
 * {@link #TIMESTAMP} and the payload. See {@code docs/shm.md}.
 */
public final class RingLayout {

    public static final String MAGIC = "TELEOPRB";

    public static final int SEQUENCE = 0;
    public static final int TIMESTAMP = 8;
    public static final int PAYLOAD = 16;

    public static final int MIN_CAPACITY = 1024;
    public static final int MAX_CAPACITY = 1 << 30;

    /**
     * Record type ids 1..16: the event types, in the order they were added to the API (ids never move:
     * readers of older rings rely on them).
     */
    private static final String[] EVENT_TYPES = {
        "state_update", "operator_connected", "operator_disconnected", "teleoperation_started",
        "teleoperation_stopped", "latency_warning", "bandwidth_warning", "packet_loss_warning", "fps_warning",
        "command_rate_warning", "resource_warning", "signal_lost_warning", "alert_warning", "alert_resolved",
        "teleop_stall", "video_stall"
    };

    private RingLayout() {
    }

    public static int fileSize(int capacity) {
        return ShmHeader.HEADER_SIZE + capacity + BroadcastBufferDescriptor.TRAILER_LENGTH;
    }

    /** The largest payload a record of a ring of {@code capacity} bytes can carry. */
    public static int maxPayload(int capacity) {
        return RecordDescriptor.calculateMaxMessageLength(capacity) - PAYLOAD;
    }

    public static void checkCapacity(int capacity) {
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY || !BitUtil.isPowerOfTwo(capacity)) {
            throw new IllegalArgumentException("ring capacity " + capacity + " must be a power of two between "
                    + MIN_CAPACITY + " and " + MAX_CAPACITY + " bytes");
        }
    }

    /** The record type id of an event's wire name, or -1. */
    public static int typeId(String wireName) {
        for (int i = 0; i < EVENT_TYPES.length; i++) {
            if (EVENT_TYPES[i].equals(wireName)) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The event wire name of a record type id, or {@code type-<id>} for other telemetry. */
    public static String typeName(int typeId) {
        return typeId >= 1 && typeId <= EVENT_TYPES.length ? EVENT_TYPES[typeId - 1] : "type-" + typeId;
    }
}
