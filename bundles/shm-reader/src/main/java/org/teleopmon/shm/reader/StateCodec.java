package org.teleopmon.shm.reader;

import static org.teleopmon.shm.reader.StateLayout.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/** Encodes a {@link ShmState} into a private copy of the state body and back; not thread-safe. */
final class StateCodec {

    private final int slots;
    private final UnsafeBuffer scratch;
    private final CRC32 crc = new CRC32();

    StateCodec(int slots) {
        this.slots = slots;
        this.scratch = new UnsafeBuffer(new byte[bodySize(slots)]);
    }

    UnsafeBuffer scratch() {
        return scratch;
    }

    /** Fills the scratch body (sequence left at 0) and its CRC. */
    void encode(ShmState state, long updateCounter) {
        scratch.setMemory(0, scratch.capacity(), (byte) 0);
        scratch.putLong(UPDATE_COUNTER, updateCounter);
        scratch.putLong(TIMESTAMP, state.timestampMs());
        scratch.putInt(ACTIVE, state.active() ? 1 : 0);
        scratch.putInt(CONFIDENCE, state.confidence());
        scratch.putLong(START_TIME, state.startTimeMs());
        scratch.putLong(DURATION, state.durationMs());
        ShmMetrics m = state.metrics();
        scratch.putDouble(LATENCY, m.latencyMs());
        scratch.putDouble(BANDWIDTH, m.bandwidthMbps());
        scratch.putDouble(PACKET_LOSS, m.packetLossPercent());
        scratch.putDouble(FPS, m.fps());
        scratch.putDouble(COMMAND_RATE, m.commandRateHz());
        scratch.putInt(METRICS_PRESENT, m.presentMask());
        List<ShmOperator> operators = state.operators();
        int count = Math.min(slots, operators.size());
        scratch.putInt(OPERATOR_COUNT, count);
        scratch.putInt(OPERATORS_TOTAL, Math.max(state.operatorsTotal(), operators.size()));
        putText(scratch, ROBOT_TYPE, ROBOT_TYPE_SIZE, state.robotType());
        for (int i = 0; i < count; i++) {
            ShmOperator op = operators.get(i);
            int slot = OPERATORS + i * SLOT_SIZE;
            putText(scratch, slot + SLOT_ID, ID_SIZE, op.id());
            putText(scratch, slot + SLOT_NAME, NAME_SIZE, op.name());
            putText(scratch, slot + SLOT_SOURCE, SOURCE_SIZE, op.source());
            scratch.putLong(slot + SLOT_FIRST_SEEN, op.firstSeenMs());
            scratch.putLong(slot + SLOT_LAST_SEEN, op.lastSeenMs());
        }
        scratch.putInt(CRC, checksum(scratch));
    }

    int checksum(UnsafeBuffer body) {
        crc.reset();
        crc.update(body.byteArray(), CHECKED_FROM, body.capacity() - CHECKED_FROM);
        return (int) crc.getValue();
    }

    /** Decodes the scratch body, which the caller has checked. */
    ShmState decode() {
        int count = Math.min(slots, scratch.getInt(OPERATOR_COUNT));
        List<ShmOperator> operators = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int slot = OPERATORS + i * SLOT_SIZE;
            operators.add(new ShmOperator(getText(slot + SLOT_ID, ID_SIZE), getText(slot + SLOT_NAME, NAME_SIZE),
                    getText(slot + SLOT_SOURCE, SOURCE_SIZE), scratch.getLong(slot + SLOT_FIRST_SEEN),
                    scratch.getLong(slot + SLOT_LAST_SEEN)));
        }
        return new ShmState(scratch.getInt(ACTIVE) != 0, scratch.getInt(CONFIDENCE), operators,
                scratch.getInt(OPERATORS_TOTAL), scratch.getLong(START_TIME), scratch.getLong(DURATION),
                getText(ROBOT_TYPE, ROBOT_TYPE_SIZE), decodeMetrics(), scratch.getLong(UPDATE_COUNTER),
                scratch.getLong(TIMESTAMP));
    }

    ShmMetrics decodeMetrics() {
        return new ShmMetrics(scratch.getDouble(LATENCY), scratch.getDouble(BANDWIDTH),
                scratch.getDouble(PACKET_LOSS), scratch.getDouble(FPS), scratch.getDouble(COMMAND_RATE),
                scratch.getInt(METRICS_PRESENT));
    }

    /** UTF-8, NUL-padded, cut at a character boundary to fit. */
    static void putText(MutableDirectBuffer buffer, int offset, int size, String text) {
        byte[] bytes = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(bytes.length, size);
        while (length < bytes.length && length > 0 && (bytes[length] & 0xC0) == 0x80) {
            length--;
        }
        buffer.putBytes(offset, bytes, 0, length);
    }

    private String getText(int offset, int size) {
        int length = 0;
        while (length < size && scratch.getByte(offset + length) != 0) {
            length++;
        }
        return scratch.getStringWithoutLengthUtf8(offset, length);
    }
}
