package org.teleopmon.shm.reader;

import org.agrona.DirectBuffer;

/** Receives ring records; the buffer is the reader's private copy, valid only during the call. */
@FunctionalInterface
public interface RingHandler {

    void onRecord(int typeId, long sequence, long timestampMs, DirectBuffer payload, int offset, int length);
}
