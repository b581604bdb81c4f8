package org.teleopmon.itests;

import java.nio.file.Files;
import java.nio.file.Path;

import org.teleopmon.testsupport.Prerequisite;

/**
 * For launcher-level itests (never a Pax Exam test: the probe has no test-support): itests expect CI's
 * packages (.ci/run); on a machine without one, the failure names the package. The test-support
 * {@code Prerequisites} policy is JUnit 5's; these tests run on JUnit 4.
 */
final class Installed {

    private Installed() {
    }

    static void require(Prerequisite prerequisite, String... programs) {
        for (String program : programs) {
            if (!Files.isExecutable(Path.of(program))) {
                throw new AssertionError("needs " + prerequisite + ": " + program + " is missing");
            }
        }
    }
}
