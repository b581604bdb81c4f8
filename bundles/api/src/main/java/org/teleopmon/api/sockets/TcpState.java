package org.teleopmon.api.sockets;

import java.util.Optional;

/**
 * A socket's state as the kernel reports it ({@code include/net/tcp_states.h}), with the kernel's code.
 *
 * <p>UDP sockets use the same codes: {@link #ESTABLISHED} for a connected UDP socket, {@link #CLOSE} for an
 * unconnected (bound only) one.
 *
 * <p>Who closed a TCP connection first shows in the states of its two ends: the end that closed first goes
 * {@link #FIN_WAIT1} → {@link #FIN_WAIT2} → {@link #TIME_WAIT}, the other end {@link #CLOSE_WAIT} →
 * {@link #LAST_ACK} once its application closes too.
 */
public enum TcpState {
    ESTABLISHED(1), SYN_SENT(2), SYN_RECV(3), FIN_WAIT1(4), FIN_WAIT2(5), TIME_WAIT(6), CLOSE(7),
    CLOSE_WAIT(8), LAST_ACK(9), LISTEN(10), CLOSING(11), NEW_SYN_RECV(12), BOUND_INACTIVE(13);

    private static final TcpState[] BY_CODE = new TcpState[16];

    static {
        for (TcpState state : values()) {
            BY_CODE[state.code] = state;
        }
    }

    private final int code;

    TcpState(int code) {
        this.code = code;
    }

    /** The kernel's number for this state ({@code TCP_ESTABLISHED} = 1, ...). */
    public int code() {
        return code;
    }

    /** The state with this kernel code, or empty for a code this enum does not know. */
    public static Optional<TcpState> ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }

    /** This end sent its FIN before the peer's arrived: this end closed the connection first. */
    public boolean closedHereFirst() {
        return this == FIN_WAIT1 || this == FIN_WAIT2 || this == TIME_WAIT || this == CLOSING;
    }

    /** The peer's FIN arrived before this end sent one: the peer closed the connection first. */
    public boolean closedByPeerFirst() {
        return this == CLOSE_WAIT || this == LAST_ACK;
    }
}
