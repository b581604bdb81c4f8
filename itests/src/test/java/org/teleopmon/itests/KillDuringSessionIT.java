package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * {@code kill -9} of the monitor at random moments while a (simulated LeKiwi) session runs, then a new
 * start, again and again: every start comes up clean (health answers, no refresh, no error about the
 * state left behind), the shared-memory state a reader sees says the killed writer is gone (never a
 * stale "active" from a dead process) and the new monitor takes the region over and reports the
 * session again. The usage ledger stays consistent: its file passes SQLite's integrity check after every
 * kill, and each killed session is in {@code /sessions} once, closed as {@code monitor_crashed} no later
 * than the kill and at most a heartbeat and a poll before it. CI kills 3 times;
 * {@code -Dteleop.kill.count=20} is the campaign.
 */
public class KillDuringSessionIT {

    private static final int KILLS = Integer.getInteger("teleop.kill.count", 3);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The ledger's heartbeat (0.5 s) plus the engine's poll and the kill's own latency. */
    private static final double CRASH_END_SLACK_S = 1.5;
    private static final Pattern STATE = Pattern.compile("active=(\\w+) .* update_counter=(\\d+) .* writer=(\\w+)");
    private static DistributionCopy copy;

    @BeforeClass
    public static void copyDistribution() throws Exception {
        copy = DistributionCopy.fresh("teleop-kill");
        copy.simulatorOnFreePorts();
        copy.write("etc/org.teleopmon.capture.cfg", "interfaces = lo\n");
    }

    @AfterClass
    public static void stop() throws Exception {
        copy.close();
    }

    @Test
    public void everyStartAfterAKillIsCleanAndTakesTheSharedStateOver() throws Exception {
        Random random = new Random(Long.getLong("teleop.kill.seed", 22));
        List<String> report = new ArrayList<>();
        List<Double> kills = new ArrayList<>();
        Path log = copy.home.resolve("data/log/karaf.log");
        for (int round = 0; round <= KILLS; round++) {
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            long started = System.nanoTime();
            copy.launch("teleop-monitor", "--simulate=lekiwi");
            await("round " + round + ": /health").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> copy.status("/health") > 0);
            double up = (System.nanoTime() - started) / 1e9;
            await("round " + round + ": the simulated session in shared memory").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500)).until(() -> state().active() && state().writerLive());
            long counter = state().updateCounter();
            await("round " + round + ": the state keeps being written").atMost(Duration.ofSeconds(10))
                    .until(() -> state().updateCounter() > counter);
            String boot = Files.readString(log).substring((int) Math.min(logStart, Files.size(log)));
            assertFalse("round " + round + " refreshed bundles", boot.contains("Stopping bundles:"));
            assertFalse("round " + round + " logged an shm error:\n" + boot,
                    boot.lines().anyMatch(l -> l.contains("| ERROR |") && l.toLowerCase().contains("shm")));
            // The ledger holds this round's session before the kill, so every kill leaves one crashed row.
            await("round " + round + ": the session in the ledger").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250)).until(() -> sessions().stream()
                            .anyMatch(x -> x.path("is_active").asBoolean()));
            assertLedgerConsistent(round, kills);
            if (round == KILLS) {
                report.add(String.format("round %d: up %.1f s, session in shm", round, up));
                break;
            }
            long delay = random.nextInt(4000);
            Thread.sleep(delay);
            kills.add(System.currentTimeMillis() / 1000.0);
            copy.kill();
            Shm afterKill = state();
            assertFalse("round " + round + ": a reader must not take a dead writer's state as live: " + afterKill,
                    afterKill.writerLive());
            report.add(String.format("round %d: up %.1f s, killed %d ms into the session, reader then saw writer=%s",
                    round, up, delay, afterKill.writer()));
        }
        report.forEach(System.out::println);
        assertEquals(KILLS + 1, report.size());
    }

    /** The file is sound and each earlier kill left exactly one session, closed as crashed, at its kill. */
    private static void assertLedgerConsistent(int round, List<Double> kills) throws Exception {
        DistributionCopy.Result check = DistributionCopy.Result.of(List.of("sqlite3",
                copy.home.resolve("data/ledger/usage.db").toString(), "PRAGMA integrity_check;"), java.util.Map.of(),
                Path.of("/dev/null"), 30);
        assertEquals("round " + round + ": integrity_check", "ok", check.output().trim());
        List<JsonNode> sessions = sessions();
        assertEquals("round " + round + ": sessions " + sessions, round + 1, sessions.size());
        assertEquals("round " + round + ": one running session " + sessions, 1,
                sessions.stream().filter(x -> x.path("is_active").asBoolean()).count());
        List<JsonNode> crashed = new ArrayList<>(sessions.stream()
                .filter(x -> "monitor_crashed".equals(x.path("end_reason").asText())).toList());
        assertEquals("round " + round + ": crashed sessions " + sessions, round, crashed.size());
        crashed.sort(java.util.Comparator.comparingDouble(x -> x.path("end_time").asDouble()));
        for (int i = 0; i < round; i++) {
            double end = crashed.get(i).path("end_time").asDouble();
            double kill = kills.get(i);
            assertTrue("kill " + i + " at " + kill + " closed at " + end + ": " + crashed.get(i),
                    end <= kill + 0.05 && end >= kill - CRASH_END_SLACK_S);
        }
    }

    private static List<JsonNode> sessions() throws Exception {
        String body = copy.body("/sessions?limit=100");
        List<JsonNode> all = new ArrayList<>();
        if (!body.isEmpty()) {
            JSON.readTree(body).path("sessions").forEach(all::add);
        }
        return all;
    }

    private record Shm(boolean active, long updateCounter, String writer) {
        boolean writerLive() {
            return writer.equals("LIVE");
        }
    }

    private static Shm state() throws Exception {
        DistributionCopy.Result result = DistributionCopy.Result.of(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("teleop.shm.reader.classpath"), "org.teleopmon.shm.reader.cli.ShmCli",
                "--namespace", copy.shmNamespace, "state"), java.util.Map.of(), Path.of("/dev/null"), 30);
        Matcher m = STATE.matcher(result.output());
        if (!m.find()) {
            return new Shm(false, -1, "NONE(" + result.output().trim() + ")");
        }
        assertTrue(result.output(), result.code() == 0 || result.code() == 3);
        return new Shm(Boolean.parseBoolean(m.group(1)), Long.parseLong(m.group(2)), m.group(3));
    }
}
