package org.teleopmon.detector.network.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.teleopmon.capture.internal.Capture;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;

/**
 * Recordings of the real peers (tcpdump on the robot's link while {@code peers/network_peers.py} ran, see
 * docs/detector-network.md) replayed through the capture's decoder: exact counts, where the live tests need
 * tolerances.
 */
@Requires(Prerequisite.LIBPCAP)
class FixtureReplayTest {

    @Test
    /** tshark counts in this recording: 60 command events, 2 pings from the server, 2 pongs, 1 status event. */
    void aSocketIoSessionOf60CommandsIsCountedExactly() throws Exception {
        NetworkDetector detector = replay("socketio-20hz.pcap");
        FlowRow row = detector.flows(true).get(0);
        assertThat(row.evidence()).as(row.toString()).contains("60 commands", "2 pings", "2 pongs", "1 other events");
        assertThat(detector.errors()).isZero();
    }

    static NetworkDetector replay(String fixture) throws Exception {
        NetworkDetector detector = new NetworkDetector(NetworkSettings.defaults());
        Path file = Path.of(FixtureReplayTest.class.getResource("/fixtures/" + fixture).toURI());
        assertThat(Capture.replay(file, detector)).isPositive();
        detector.tick();
        return detector;
    }
}
