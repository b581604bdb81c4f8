package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    private static Path home;
    private static Process karaf;
    private static int sshPort;

    @BeforeClass
    public static void copyDistribution() throws Exception {
        home = Files.createTempDirectory("teleop-simulate");
        run(List.of("cp", "-a", System.getProperty("teleop.assembly.dir") + "/.", home.toString()), 60);
        sshPort = TeleopTestSupport.freePort();
        int commandPort = TeleopTestSupport.freePort();
        int observationPort = TeleopTestSupport.freePort();
        replace("etc/org.apache.karaf.shell.cfg", "sshPort = 8101", "sshPort = " + sshPort);
        // Features install their .cfg at the first start only when the file is not there yet.
        Files.writeString(home.resolve("etc/org.teleopmon.detector.zmq.cfg"),
                "command.port = " + commandPort + "\nobservation.port = " + observationPort + "\n");
        Files.writeString(home.resolve("etc/org.teleopmon.capture.cfg"), "interfaces = lo\n");
        Files.writeString(home.resolve("etc/org.teleopmon.simulator.cfg"),
                "command.port = " + commandPort + "\nobservation.port = " + observationPort + "\n");
    }

    @AfterClass
    public static void stop() throws Exception {
        if (karaf != null) {
            // bin/karaf runs java as its child: stop the JVM too, not only the script.
            karaf.descendants().forEach(ProcessHandle::destroy);
            karaf.destroy();
            if (!karaf.waitFor(20, TimeUnit.SECONDS)) {
                karaf.destroyForcibly();
            }
        }
        run(List.of("rm", "-rf", home.toString()), 30);
    }

    @Test
    public void simulateFlagShowsADetectedSessionWithinSeconds() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/teleop-monitor").toString(), "--simulate=xle")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(home.resolve("console.out").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        karaf = builder.start();

        Path password = home.resolve("etc/admin.password");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(password));
        assertTrue(Files.exists(home.resolve("deploy/teleop-simulate.xml")));
        String secret = Files.readString(password).trim();
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            String out = client(secret, "teleop:zmq --no-format");
            return out.contains("ACTIVE") && out.contains("robot xle");
        });
        String console = Files.readString(home.resolve("console.out"));
        assertTrue(console, console.contains("simulating xle teleoperation"));
    }

    private static void replace(String file, String from, String to) throws Exception {
        Path path = home.resolve(file);
        String text = Files.readString(path);
        assertTrue(file + " holds '" + from + "'", text.contains(from));
        Files.writeString(path, text.replace(from, to));
    }

    private static String client(String password, String command) throws Exception {
        Path input = Files.writeString(home.resolve("client.in"), command + "\n");
        ProcessBuilder builder = new ProcessBuilder("timeout", "30", home.resolve("bin/client").toString(), "-a",
                Integer.toString(sshPort), "-u", "admin", "-p", password, "-b").redirectErrorStream(true)
                .redirectInput(input.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        process.waitFor(40, TimeUnit.SECONDS);
        return new String(output, StandardCharsets.UTF_8);
    }

    private static void run(List<String> command, int timeoutSeconds) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
