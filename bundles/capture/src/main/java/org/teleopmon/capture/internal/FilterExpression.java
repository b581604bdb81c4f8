package org.teleopmon.capture.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import org.teleopmon.api.capture.CaptureInterest;

/** The one kernel filter (pcap-filter syntax) that lets through what any listener asked for. */
final class FilterExpression {

    private FilterExpression() {
    }

    /** The union of the interests, deterministic for equal input; empty when nothing is wanted. */
    static String of(Collection<CaptureInterest> interests) {
        TreeSet<Integer> tcp = new TreeSet<>();
        TreeSet<Integer> udp = new TreeSet<>();
        boolean allUdp = false;
        for (CaptureInterest interest : interests) {
            tcp.addAll(interest.tcpPorts());
            udp.addAll(interest.udpPorts());
            allUdp |= interest.allUdp();
        }
        List<String> terms = new ArrayList<>();
        tcp.forEach(port -> terms.add("tcp port " + port));
        if (allUdp) {
            terms.add("udp");
        } else {
            udp.forEach(port -> terms.add("udp port " + port));
        }
        return String.join(" or ", terms);
    }
}
