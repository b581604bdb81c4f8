package org.teleopmon.streamer.internal;

/** A query the client got wrong: answered with 400 and this message. */
final class BadQuery extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadQuery(String message) {
        super(message, null, false, false);
    }
}
