package org.teleopmon.detector.network.internal;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One flow as the shell shows it, computed under the detector's lock.
 *
 * @param id        the flow's number
 * @param flowClass its class label, {@code -} when none
 * @param protocol  tcp, udp, tls, websocket, udp/rtp
 * @param from      the class's sender (else end A), address:port
 * @param to        the other end
 * @param source    capture or kernel (socket table)
 * @param ageSeconds seconds since the flow was first seen
 * @param packetsOut packets from {@code from}
 * @param packetsIn  packets to {@code from}
 * @param mbps      both directions, Mbit/s, over the window
 * @param rateHz    the class's rate (records, commands, messages, frames per second), NaN when none
 * @param evidence  the class's evidence
 */
public record FlowRow(long id, String flowClass, String protocol, String from, String to, String source,
        double ageSeconds, long packetsOut, long packetsIn, double mbps, double rateHz, String evidence) {

    /** Classified flows first, then by id. */
    static final Comparator<FlowRow> ORDER = Comparator.comparing((FlowRow r) -> r.flowClass().equals("-"))
            .thenComparingLong(FlowRow::id);

    /** The row as {@code /detectors} writes it (through the wire schema: NaN is null). */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("class", flowClass);
        map.put("protocol", protocol);
        map.put("from", from);
        map.put("to", to);
        map.put("source", source);
        map.put("age_s", ageSeconds);
        map.put("packets_out", packetsOut);
        map.put("packets_in", packetsIn);
        map.put("mbps", mbps);
        map.put("rate_hz", rateHz);
        map.put("evidence", evidence);
        return map;
    }

    static FlowRow of(Flow f, long now, NetworkSettings settings) {
        int from = f.flowClass == FlowClass.NONE ? Flow.SIDE_A : f.classSender();
        int to = Flow.other(from);
        return new FlowRow(f.id, f.flowClass.label(), f.protocolLabel(), f.endpoint(from), f.endpoint(to),
                f.source.name().toLowerCase(java.util.Locale.ROOT), (now - f.createdNanos) / 1e9,
                f.from(from).packets, f.from(to).packets, f.mbps, f.classRateHz, f.evidence);
    }
}
