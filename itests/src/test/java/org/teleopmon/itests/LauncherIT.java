package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The {@code bin/teleop-monitor} launcher of the real distribution: flag handling, the first-start
 * credential, SSH on loopback only, and the flags and environment variables reaching the
 * configuration of the bundles that declare them (and LOG_LEVEL the logging configuration).
 */
public class LauncherIT {

    private static Path home;
    private static Process karaf;
    private static int sshPort;

    @BeforeClass
    public static void copyDistribution() throws Exception {
        home = Files.createTempDirectory("teleop-launcher");
        run(List.of("cp", "-a", System.getProperty("teleop.assembly.dir") + "/.", home.toString()), Map.of(), 30);
        sshPort = TeleopTestSupport.freePort();
        Path shellCfg = home.resolve("etc/org.apache.karaf.shell.cfg");
        Files.writeString(shellCfg, Files.readString(shellCfg).replace("sshPort = 8101", "sshPort = " + sshPort));
    }

    @AfterClass
    public static void stop() throws Exception {
        if (karaf != null) {
            // bin/karaf is a script: end the JVM it started too, or it outlives the test.
            List<ProcessHandle> tree = karaf.descendants().collect(java.util.stream.Collectors.toList());
            tree.forEach(ProcessHandle::destroy);
            karaf.destroy();
            for (ProcessHandle process : tree) {
                process.onExit().orTimeout(20, TimeUnit.SECONDS).exceptionally(e -> {
                    process.destroyForcibly();
                    return process;
                }).join();
            }
            if (!karaf.waitFor(20, TimeUnit.SECONDS)) {
                karaf.destroyForcibly();
            }
        }
        run(List.of("rm", "-rf", home.toString()), Map.of(), 30);
    }

    @Test
    public void helpExitsZeroAndBadFlagsExitTwoWithUsage() throws Exception {
        Result help = launcher("--help");
        assertEquals(0, help.code);
        assertTrue(help.output, help.output.contains("--robot-type lekiwi|xle"));

        for (List<String> bad : List.of(List.of("--bogus"), List.of("--robot-type", "roomba"),
                List.of("--websocket-port", "70000"), List.of("--websocket-port", "http"), List.of("--log-level"),
                List.of("--log-level", "LOUD"))) {
            Result result = launcher(bad.toArray(new String[0]));
            assertEquals(bad + " exit code", 2, result.code);
            assertTrue(bad + " prints usage: " + result.output, result.output.contains("Usage: teleop-monitor"));
        }
        assertFalse("no credential before the first real start", Files.exists(home.resolve("etc/admin.password")));
    }

    @Test
    public void firstStartCreatesAPrivateAdminAndSshListensOnLoopbackOnly() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/teleop-monitor").toString(), "--log-level", "debug",
                "--robot-type", "xle")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("console.out").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        int webPort = TeleopTestSupport.freePort();
        builder.environment().put("WEBSOCKET_PORT", Integer.toString(webPort));
        String namespace = "launcher-it-" + ProcessHandle.current().pid();
        builder.environment().put("SHM_NAMESPACE", namespace);
        // stdin is a pipe, not a terminal: the launcher must choose server mode by itself.
        karaf = builder.start();

        Path password = home.resolve("etc/admin.password");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(password));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(password));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(home.resolve("etc/users.properties")));

        String secret = Files.readString(password).trim();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                client("admin", secret, "bundle:list -t 0").output.contains("Teleop Monitor :: Config"));

        assertTrue(client("admin", secret, "bundle:list -t 0").output.contains("Active"));
        assertFalse("Karaf's sample user is not enabled", client("karaf", "karaf", "bundle:list").output.contains("Active"));
        assertEquals("sshd listens on loopback only", List.of("0100007F"), listenersOn(sshPort));

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(home.resolve("etc/org.ops4j.pax.logging.cfg"))
                .contains("log4j2.logger.teleopmon.level = DEBUG"));
        assertTrue(Files.readString(home.resolve("console.out")).contains("without a local console"));

        // WEBSOCKET_PORT reached the streamer's configuration through the config bundle.
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest live = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + webPort + "/health/live")).build();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                http.send(live, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        // --robot-type (ROBOT_TYPE) reached the engine, SHM_NAMESPACE the shared memory files.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                client("admin", secret, "teleop:status").output.contains("Robot type : xle"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(Path.of("/dev/shm", namespace + "-state")));
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

    /** bin/client prints nothing with stdin at /dev/null: the command goes in on stdin, with -b. */
    private static Result client(String user, String password, String command) throws Exception {
        Path input = Files.writeString(home.resolve("client.in"), command + "\n");
        return run(List.of("timeout", "30", home.resolve("bin/client").toString(), "-a", Integer.toString(sshPort),
                "-u", user, "-p", password, "-b"),
                Map.of("JAVA_HOME", System.getProperty("java.home")), input, 40);
    }

    private static Result launcher(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/teleop-monitor").toString()));
        command.addAll(List.of(args));
        return run(command, Map.of(), 20);
    }

    private static Result run(List<String> command, Map<String, String> env, int timeoutSeconds) throws Exception {
        return run(command, env, Path.of("/dev/null"), timeoutSeconds);
    }

    private static Result run(List<String> command, Map<String, String> env, Path stdin, int timeoutSeconds)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(stdin.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private record Result(int code, String output) {
    }
}
