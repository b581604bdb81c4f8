package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.time.Duration;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * What a new user does: {@code bin/teleop-monitor --simulate=xle} on the real distribution, and the
 * ZMQ detector reports the simulated session within seconds of the monitor being up. The simulator
 * and the detector use random ports here (the user gets 5555/5556); capture on {@code lo} needs
 * root or CAP_NET_RAW, as CI runs.
 */
public class SimulateLauncherIT {

    private static DistributionCopy copy;

    @BeforeClass
    public static void copyDistribution() throws Exception {
        copy = DistributionCopy.fresh("teleop-simulate");
        copy.simulatorOnFreePorts();
        copy.write("etc/org.teleopmon.capture.cfg", "interfaces = lo\n");
    }

    @AfterClass
    public static void stop() throws Exception {
        copy.close();
    }

    @Test
    public void simulateFlagShowsADetectedSessionWithinSeconds() throws Exception {
        copy.launch("teleop-monitor", "--simulate=xle");

        await().atMost(Duration.ofSeconds(30)).until(() -> copy.adminPassword().isPresent());
        assertTrue(Files.exists(copy.home.resolve("deploy/teleop-simulate.xml")));
        String secret = copy.adminPassword().orElseThrow();
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            String out = copy.client("admin", secret, "teleop:zmq --no-format").output();
            return out.contains("ACTIVE") && out.contains("robot xle");
        });
        assertTrue(copy.console(), copy.console().contains("simulating xle teleoperation"));
    }
}
