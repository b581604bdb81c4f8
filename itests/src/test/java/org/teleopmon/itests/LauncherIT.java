package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The {@code bin/teleop-monitor} launcher of the real distribution: flag handling, the first-start
 * credential, SSH on loopback only, and the flags and environment variables reaching the
 * configuration of the bundles that declare them (and LOG_LEVEL the logging configuration).
 */
public class LauncherIT {

    private static DistributionCopy copy;

    @BeforeClass
    public static void copyDistribution() throws Exception {
        copy = DistributionCopy.fresh("teleop-launcher");
    }

    @AfterClass
    public static void stop() throws Exception {
        copy.close();
    }

    @Test
    public void helpExitsZeroAndBadFlagsExitTwoWithUsage() throws Exception {
        DistributionCopy.Result help = copy.run(20, "teleop-monitor", "--help");
        assertEquals(0, help.code());
        assertTrue(help.output(), help.output().contains("--robot-type lekiwi|xle"));

        for (List<String> bad : List.of(List.of("--bogus"), List.of("--robot-type", "roomba"),
                List.of("--websocket-port", "70000"), List.of("--websocket-port", "http"), List.of("--log-level"),
                List.of("--log-level", "LOUD"))) {
            DistributionCopy.Result result = copy.run(20, "teleop-monitor", bad.toArray(new String[0]));
            assertEquals(bad + " exit code", 2, result.code());
            assertTrue(bad + " prints usage: " + result.output(), result.output().contains("Usage: teleop-monitor"));
        }
        assertFalse("no credential before the first real start", copy.adminPassword().isPresent());
    }

    @Test
    public void firstStartCreatesAPrivateAdminAndSshListensOnLoopbackOnly() throws Exception {
        // stdin is /dev/null, not a terminal: the launcher must choose server mode by itself.
        copy.launch("teleop-monitor", "--log-level", "debug", "--robot-type", "xle");

        await().atMost(Duration.ofSeconds(20)).until(() -> copy.adminPassword().isPresent());
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(copy.home.resolve("etc/admin.password")));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(copy.home.resolve("etc/users.properties")));

        String secret = copy.adminPassword().orElseThrow();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                copy.client("admin", secret, "bundle:list -t 0").output().contains("Teleop Monitor :: Config"));

        assertTrue(copy.client("admin", secret, "bundle:list -t 0").output().contains("Active"));
        assertFalse("Karaf's sample user is not enabled",
                copy.client("karaf", "karaf", "bundle:list").output().contains("Active"));
        assertEquals("sshd listens on loopback only", List.of("0100007F"), listenersOn(copy.sshPort));

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(copy.home.resolve("etc/org.ops4j.pax.logging.cfg"))
                .contains("log4j2.logger.teleopmon.level = DEBUG"));
        assertTrue(copy.console().contains("without a local console"));

        // WEBSOCKET_PORT reached the streamer's configuration through the config bundle.
        await().atMost(Duration.ofSeconds(60)).until(() -> copy.status("/health/live") == 200);
        // --robot-type (ROBOT_TYPE) reached the engine, SHM_NAMESPACE the shared memory files.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                copy.client("admin", secret, "teleop:status").output().contains("Robot type : xle"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(Path.of("/dev/shm", copy.shmNamespace + "-state")));
    }

    /** Local addresses (hex, as /proc/net/tcp writes them) with a listening socket on the port. */
    private static List<String> listenersOn(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        String hexPort = String.format(":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 3 && fields[1].endsWith(hexPort) && fields[3].equals("0A")) {
                    String address = fields[1].substring(0, fields[1].indexOf(':'));
                    // An IPv4-mapped IPv6 address ends in the IPv4 address.
                    addresses.add(address.length() == 32 ? address.substring(24) : address);
                }
            }
        }
        return addresses;
    }
}
