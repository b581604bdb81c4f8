package org.teleopmon.api.sockets;

/** The transport protocols the socket table lists, with their IP protocol numbers. */
public enum Protocol {
    TCP(6), UDP(17);

    private final int number;

    Protocol(int number) {
        this.number = number;
    }

    /** The IP protocol number (6, 17). */
    public int number() {
        return number;
    }
}
