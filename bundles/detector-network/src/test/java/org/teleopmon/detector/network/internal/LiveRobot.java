package org.teleopmon.detector.network.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.teleopmon.api.DetectorSignal;
import org.teleopmon.capture.internal.Capture;
import org.teleopmon.detector.network.live.TwoHosts;
import org.teleopmon.sockets.internal.Sockets;
import org.teleopmon.testsupport.FreePort;

/**
 * The detector as the robot runs it, on {@link TwoHosts}: a ticking {@link NetworkDetector} fed by a live
 * libpcap capture of the robot's link and by the robot's own kernel socket table (netlink sock_diag answers
 * for the namespace its socket was opened in, so the reader is opened on the robot namespace's thread). The
 * table is read at the sockets bundle's session interval, 0.1 s: its finest readings, the harshest for the
 * classifier (at the idle 1 s interval a window holds too few readings to classify a TCP flow at all).
 */
record LiveRobot(TwoHosts hosts, NetworkDetector detector, List<DetectorSignal> pushed, Capture capture,
        ShapeLog shapes) {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final Duration SOCKET_POLL = Duration.ofMillis(100);

    interface Body {
        void run(LiveRobot robot) throws Exception;
    }

    /** Runs {@code body} on a fresh robot and operator; the detector must have counted no error. */
    static void run(Body body) throws Exception {
        try (TwoHosts hosts = TwoHosts.create()) {
            NetworkDetector detector = new NetworkDetector(NetworkSettings.defaults());
            detector.localAddresses().set(Set.of(TwoHosts.ROBOT));
            List<DetectorSignal> pushed = new CopyOnWriteArrayList<>();
            detector.listeners.add(pushed::add);
            detector.startTicking();
            Sockets table = hosts.robot().call(() -> Sockets.open(SOCKET_POLL));
            try (table; Capture capture = Capture.open(hosts.robotLink(), hosts.robot().path().toString(), 10);
                    ShapeLog shapes = ShapeLog.start(detector)) {
                table.session(true);
                table.add(new NetworkSockets(detector));
                capture.add(detector);
                await().atMost(WAIT).until(capture::ready);
                body.run(new LiveRobot(hosts, detector, pushed, capture, shapes));
                assertThat(detector.errors()).isZero();
            } finally {
                detector.deactivate();
            }
        }
    }
}
