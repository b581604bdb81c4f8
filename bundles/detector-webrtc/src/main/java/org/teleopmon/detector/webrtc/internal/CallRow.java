package org.teleopmon.detector.webrtc.internal;

/**
 * A snapshot of one call that is up, for the shell.
 *
 * @param kind     webrtc, turn (relayed) or rtp (plain RTP, no ICE)
 * @param flows    5-tuples in the call: the media pair and the other checked candidate pairs
 * @param rttMs    the latest STUN round trip, or NaN
 */
public record CallRow(String id, String kind, String local, String remote, String dtls, double durationSeconds,
        double rttMs, double outMbps, double inMbps, int streams, int flows, long consentChecks) {

    static CallRow of(Call c, long now) {
        long checks = 0;
        for (Flow flow : c.flows) {
            checks += flow.bindingRequests;
        }
        int version = c.dtlsVersion();
        return new CallRow(c.id, c.kind.name().toLowerCase(java.util.Locale.ROOT), c.localEndpoint(),
                c.remoteEndpoint(), version == 0 ? "-" : version / 10 + "." + version % 10,
                (now - c.startNanos) / 1e9, c.rttMillis(), c.megabitsPerSecond(now, true),
                c.megabitsPerSecond(now, false), c.streams().size(), c.flows.size(), checks);
    }
}
