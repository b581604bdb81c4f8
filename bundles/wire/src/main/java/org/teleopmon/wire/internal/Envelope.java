package org.teleopmon.wire.internal;

import java.time.Instant;

/** A message: its type, its number in its stream ({@link #NO_SEQ} when it has none), its time and data. */
public record Envelope(String type, long seq, Instant timestamp, Object data) {

    public static final long NO_SEQ = -1;
}
