package org.teleopmon.capture.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.teleopmon.testsupport.NetNs;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;

/**
 * Capture in a separate JVM that runs as root but without CAP_NET_RAW, or without CAP_SYS_ADMIN
 * for a namespace (setpriv drops them), which is exactly the "no permission" a non-root monitor meets.
 */
@Requires({Prerequisite.LIBPCAP, Prerequisite.SETPRIV, Prerequisite.ROOT})
class NoPermissionTest {

    @Test
    void withoutCapNetRawHealthSaysWhatToDoAndTheProcessCarriesOn() throws Exception {
        List<String> lines = runWithout("net_raw,-net_admin");
        String all = String.join("\n", lines);

        assertThat(lines).contains("STATUS CRITICAL", "INTERFACES []", "ALIVE");
        assertThat(line(lines, "MESSAGE ")).contains("no permission to capture on lo").contains("run the monitor as root")
                .contains("setcap cap_net_raw,cap_net_admin=eip /");
        assertThat(Integer.parseInt(line(lines, "ATTEMPTS "))).isGreaterThanOrEqualTo(5);
        assertThat(lines.stream().filter(l -> l.contains("ERROR") && l.contains("no permission to capture")))
                .as("one log line for all retries: %s", all).hasSize(1);
    }

    @Test
    @Requires(Prerequisite.IPROUTE2)
    void withoutCapSysAdminEnteringANamespaceSaysWhatToDo() throws Exception {
        try (NetNs namespace = NetNs.create()) {
            String file = namespace.path().toString();
            List<String> lines = runWithout("sys_admin", file);
            String all = String.join("\n", lines);

            assertThat(lines).contains("STATUS CRITICAL", "INTERFACES []", "ALIVE");
            assertThat(line(lines, "MESSAGE ")).contains("no permission to enter network namespace " + file)
                    .contains("setns: Operation not permitted").contains("CAP_SYS_ADMIN")
                    .contains("setcap cap_net_raw,cap_net_admin,cap_sys_admin=eip /");
            assertThat(Integer.parseInt(line(lines, "ATTEMPTS "))).isGreaterThanOrEqualTo(5);
            assertThat(lines.stream().filter(l -> l.contains("ERROR") && l.contains("CAP_SYS_ADMIN")))
                    .as("one log line for all retries: %s", all).hasSize(1);
        }
    }

    /** Runs {@link NoPermissionMain} as root without the capabilities, returning its output; asserts a clean exit. */
    private static List<String> runWithout(String capabilities, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path output = Files.createTempFile("no-permission", ".txt");
        List<String> command = new ArrayList<>(List.of("/usr/bin/setpriv", "--inh-caps=-" + capabilities,
                "--bounding-set=-" + capabilities, java, "-cp", System.getProperty("java.class.path"),
                NoPermissionMain.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        Files.delete(output);
        assertThat(child.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }

    private static String line(List<String> lines, String prefix) throws IOException {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new IOException("no line " + prefix + " in " + lines));
    }
}
