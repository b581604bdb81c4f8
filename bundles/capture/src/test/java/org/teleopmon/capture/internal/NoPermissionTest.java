package org.teleopmon.capture.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Capture in a separate JVM that runs as root but without CAP_NET_RAW (setpriv drops it), which
 * is exactly the "no permission" a non-root monitor meets.
 */
class NoPermissionTest {

    @Test
    void withoutCapNetRawHealthSaysWhatToDoAndTheProcessCarriesOn() throws Exception {
        assumeThat(Path.of("/usr/bin/setpriv")).as("util-linux setpriv").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path output = Files.createTempFile("no-permission", ".txt");
        Process child = new ProcessBuilder("/usr/bin/setpriv", "--inh-caps=-net_raw,-net_admin",
                "--bounding-set=-net_raw,-net_admin", java, "-cp", System.getProperty("java.class.path"),
                NoPermissionMain.class.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        String all = String.join("\n", lines);

        assertThat(child.exitValue()).as(all).isZero();
        assertThat(lines).contains("STATUS CRITICAL", "INTERFACES []", "ALIVE");
        assertThat(line(lines, "MESSAGE ")).contains("no permission to capture on lo").contains("run the monitor as root")
                .contains("setcap cap_net_raw,cap_net_admin=eip /");
        assertThat(Integer.parseInt(line(lines, "ATTEMPTS "))).isGreaterThanOrEqualTo(5);
        assertThat(lines.stream().filter(l -> l.contains("ERROR") && l.contains("no permission to capture")))
                .as("one log line for all retries: %s", all).hasSize(1);
        Files.delete(output);
    }

    private static String line(List<String> lines, String prefix) throws IOException {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new IOException("no line " + prefix + " in " + lines));
    }
}
