package org.teleopmon.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** CI installs every package a live test may ask for, so that CI=true never fails for want of one. */
class CiPackagesTest {

    @Test
    void ciRunInstallsEveryPackageThePrerequisitesName() throws IOException {
        // .ci/run's build installs them first, through .ci/prerequisites (the root pom's validate phase).
        String script = Files.readString(Path.of("../../.ci/run"));
        String prerequisites = Files.readString(Path.of("../../.ci/prerequisites"));
        Matcher array = Pattern.compile("packages=\\(([^)]*)\\)").matcher(prerequisites);
        assertThat(array.find()).as("a packages=(...) array in .ci/prerequisites").isTrue();
        List<String> installed = Arrays.asList(array.group(1).trim().split("\\s+"));

        for (Prerequisite p : Prerequisite.values()) {
            if (p.fix().startsWith("sudo apt-get install ")) {
                assertThat(installed).as("%s", p).containsAll(List.of(p.fix().substring(21).split(" ")));
            }
        }
        assertThat(script).contains("export CI=true");
    }
}
