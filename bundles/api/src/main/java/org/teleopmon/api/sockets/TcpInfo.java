package org.teleopmon.api.sockets;

/**
 * What the kernel's TCP stack measured on one connection ({@code struct tcp_info}, as {@code ss -ti} shows
 * it), at the moment of the snapshot. Counters run from the connection's start; the consumer takes deltas
 * between snapshots. A field the running kernel does not report is {@value #UNKNOWN}.
 *
 * <p>These are <em>transport</em> facts, measured by this host's end of the connection:
 * <ul>
 * <li>The round-trip times are TCP's: from sending a segment to receiving its acknowledgement, including
 * the peer's delayed-ACK wait and any queueing in the network, but <em>not</em> the time an application
 * takes to read or answer a message. They are not application latency, not one-way latency, and they are
 * only refreshed while this end sends data: on a connection where this end only receives, the RTT is as old
 * as this end's last send ({@link #lastDataSentMillis()}).</li>
 * <li>Retransmissions are segments this end sent again because it believed them lost (timeout, duplicate
 * ACKs, SACK). Their share of the segments sent is a proxy for loss on the path <em>from</em> this host;
 * loss towards this host shows only at the peer. A spurious retransmission counts too.</li>
 * <li>Segment counts include pure ACKs; the data-segment counts do not. With {@code TCP_NODELAY} (as ZMQ
 * sets it) a small message usually travels in one data segment, but several messages may share one
 * segment and a large one spans many.</li>
 * </ul>
 *
 * @param rttMicros                  smoothed round-trip time (SRTT, RFC 6298), microseconds
 * @param rttVarianceMicros          the RTT's mean deviation (RTTVAR, RFC 6298), microseconds: how much
 *                                   single samples stray from the smoothed RTT; not a statistical variance
 * @param minRttMicros               the smallest RTT sample in the kernel's recent window (about 5 minutes),
 *                                   microseconds: the path's delay without queueing
 * @param bytesAcked                 payload bytes this end sent that the peer acknowledged
 * @param bytesReceived              payload bytes received in order from the peer
 * @param bytesSent                  payload bytes sent, retransmissions included
 * @param bytesRetransmitted         payload bytes sent again
 * @param segmentsIn                 segments received, pure ACKs included
 * @param segmentsOut                segments sent, pure ACKs and retransmissions included
 * @param dataSegmentsIn             segments received that carried payload
 * @param dataSegmentsOut            segments sent that carried payload, retransmissions included
 * @param totalRetransmits           segments retransmitted since the connection started
 * @param lost                       segments the stack currently believes lost and not yet recovered (a
 *                                   level, not a counter: it returns to 0 once they are retransmitted and
 *                                   acknowledged)
 * @param deliveryRateBytesPerSecond the most recent delivery-rate sample of the congestion control
 *                                   (bytes acknowledged per second); low when the application sends little,
 *                                   so it is not the path's capacity
 * @param lastDataSentMillis         milliseconds since this end last sent payload
 * @param lastDataReceivedMillis     milliseconds since this end last received payload
 * @param lastAckReceivedMillis      milliseconds since this end last received an acknowledgement
 */
public record TcpInfo(long rttMicros, long rttVarianceMicros, long minRttMicros, long bytesAcked,
        long bytesReceived, long bytesSent, long bytesRetransmitted, long segmentsIn, long segmentsOut,
        long dataSegmentsIn, long dataSegmentsOut, long totalRetransmits, long lost, long deliveryRateBytesPerSecond,
        long lastDataSentMillis, long lastDataReceivedMillis, long lastAckReceivedMillis) {

    /** The value of a field the running kernel does not report (older kernels have a shorter tcp_info). */
    public static final long UNKNOWN = -1;

    /** The smoothed round-trip time in milliseconds, or {@code NaN} when unknown. */
    public double rttMillis() {
        return rttMicros < 0 ? Double.NaN : rttMicros / 1000.0;
    }
}
