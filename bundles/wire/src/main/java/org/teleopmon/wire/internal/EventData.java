package org.teleopmon.wire.internal;

import org.teleopmon.api.TeleopEvent;

/** Marks an event whose message {@code data} is wanted, not the whole message. */
public record EventData(TeleopEvent event) {
}
