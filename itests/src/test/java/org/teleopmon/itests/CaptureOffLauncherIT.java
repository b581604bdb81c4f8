package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.time.Duration;

import org.junit.Test;

/**
 * What a user without packet capture gets from {@code bin/teleop-monitor --simulate} on the real
 * distribution: the ZMQ detector falls back to the kernel's socket table (netlink, no privilege), the
 * session shows, and {@code /health} says capture is off and why. Twice, as the two ways it happens: capture
 * switched off in its configuration, and a JVM without CAP_NET_RAW (the distribution run as {@code nobody}
 * with every capability dropped, libpcap refusing). Prints how long after the monitor first answered the
 * session showed (docs/detector-zmq.md has the figure; the target is 10 s).
 */
public class CaptureOffLauncherIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    public void captureSwitchedOffInTheConfiguration() throws Exception {
        try (DistributionCopy copy = DistributionCopy.fresh("teleop-capture-off")) {
            configure(copy, "enabled = false\n");
            String health = simulateAndAwaitSession(copy, "capture switched off");
            assertTrue(health, health.contains("Packet capture is switched off (enabled = false in "
                    + "etc/org.teleopmon.capture.cfg)"));
        }
    }

    @Test
    public void aJvmWithoutCapNetRaw() throws Exception {
        try (DistributionCopy copy = DistributionCopy.fresh("teleop-no-cap-net-raw")) {
            configure(copy, "interfaces = lo\n");
            copy.runAs("nobody", "nogroup");
            String health = simulateAndAwaitSession(copy, "no CAP_NET_RAW");
            assertTrue(health, health.contains("no permission to capture on lo")
                    && health.contains("setcap cap_net_raw,cap_net_admin=eip"));
        }
    }

    private static void configure(DistributionCopy copy, String capture) throws Exception {
        copy.simulatorOnFreePorts();
        Files.writeString(copy.home.resolve("etc/org.teleopmon.capture.cfg"), capture);
    }

    /** Starts the simulation, waits for the session from the kernel socket table; returns {@code /health}. */
    private static String simulateAndAwaitSession(DistributionCopy copy, String label) throws Exception {
        copy.launch("teleop-monitor", "--simulate");
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> !copy.body("/health").isEmpty());
        long answered = System.nanoTime();
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            String status = copy.body("/status");
            assertTrue(status + "\n" + copy.body("/detectors"), status.contains("\"is_active\":true"));
        });
        System.out.printf("%s: session shown %.1f s after the monitor first answered%n", label,
                (System.nanoTime() - answered) / 1e9);
        String status = copy.body("/status");
        assertTrue(status, status.contains("kernel socket table") && status.contains("\"detectors\":[\"zmq\"]"));
        String health = copy.body("/health");
        assertTrue(health, health.contains("\"name\":\"capture\"")
                && health.contains("detecting from the kernel socket table instead"));
        assertTrue(copy.console(), copy.console().contains("simulating lekiwi"));
        return health;
    }
}
