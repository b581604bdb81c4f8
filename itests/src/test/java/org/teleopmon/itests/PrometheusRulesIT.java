package org.teleopmon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.teleopmon.testsupport.ChildProcess;
import org.teleopmon.testsupport.Prerequisite;

/**
 * The shipped Prometheus files (clients/prometheus) as promtool sees them: the rules are valid, their
 * unit tests (teleop.rules.test.yml: hours per robot, monitors down, stalled sessions, a robot label
 * that disagrees with the robot) pass, and the example configuration with its file-SD targets is valid.
 */
public class PrometheusRulesIT {

    private static final Path DIR = Path.of("../clients/prometheus").toAbsolutePath().normalize();

    @Test
    public void rulesConfigAndRuleTestsPassPromtool() throws Exception {
        Installed.require(Prerequisite.PROMETHEUS, "/usr/bin/promtool");
        promtool("check", "rules", "teleop.rules.yml");
        promtool("test", "rules", "teleop.rules.test.yml");
        promtool("check", "config", "prometheus.yml");
    }

    private static void promtool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        try (ChildProcess promtool = ChildProcess.start("promtool", new ProcessBuilder(command).directory(DIR.toFile()),
                null)) {
            int status = promtool.awaitExit(Duration.ofSeconds(60));
            assertEquals(String.join(" ", command) + "\n" + promtool.tails(), 0, status);
            assertTrue(promtool.tails(), promtool.tails().contains("SUCCESS"));
        }
    }
}
