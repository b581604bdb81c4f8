package org.teleopmon.streamer.internal;

/** A broadcast message, serialised once for every client: its position, topic and text. */
public record Message(long seq, String type, String text) {
}
