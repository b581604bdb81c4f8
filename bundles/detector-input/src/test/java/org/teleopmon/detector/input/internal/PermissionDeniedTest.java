package org.teleopmon.detector.input.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;

/**
 * Event nodes the monitor's user may not open, as on a robot where the user is not in the input group:
 * the detector runs in a child JVM as {@code nobody} on a fake root whose nodes are root's, mode 0600.
 * Health warns and names the fix, every device is still listed from sysfs, nothing is active.
 */
@Requires({Prerequisite.ROOT, Prerequisite.SETPRIV})
class PermissionDeniedTest {

    private Path work;

    @AfterEach
    void clean() throws Exception {
        if (work != null) {
            new ProcessBuilder("rm", "-rf", work.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void nodesThatCannotBeOpenedAreAWarningNamingTheFixAndTheDevicesStayListed() throws Exception {
        work = Files.createTempDirectory("input-permission");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        FakeInputTree tree = new FakeInputTree(work.resolve("root"));
        Path pad = tree.add("xbox-wireless-controller", 5, 0, null);
        Path keyboard = tree.add("usb-keyboard", 6, -1, null);
        for (Path node : List.of(pad, keyboard, tree.root().resolve("dev/input/js0"))) {
            Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rw-------"));
        }
        openUp(tree.root());
        String classpath = copyClasspath(work.resolve("cp"));

        List<String> command = List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                PermissionProbe.class.getName(), tree.root().toString(), "2");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();

        assertThat(output).contains("health=WARN", "permission denied on", "usermod -a -G input nobody");
        assertThat(output).contains("device=event5+js0 gamepad 045e:0b13", "device=event6 keyboard");
        assertThat(output).contains("active=false");
    }

    /** Directories (not the nodes) readable by everyone, as /sys and /dev/input are. */
    private static void openUp(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else if (Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }

    /** The test class path copied where nobody can read it (~/.m2 usually is root's alone). */
    private static String copyClasspath(Path target) throws Exception {
        String source = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> copied = new ArrayList<>();
        int i = 0;
        for (String entry : source.split(java.io.File.pathSeparator)) {
            Path from = Path.of(entry);
            if (!Files.exists(from)) {
                continue;
            }
            Path to = target.resolve(i++ + "-" + from.getFileName());
            Files.createDirectories(to.getParent());
            Process cp = new ProcessBuilder("cp", "-r", from.toString(), to.toString()).start();
            assertThat(cp.waitFor(60, TimeUnit.SECONDS)).isTrue();
            copied.add(to.toString());
        }
        new ProcessBuilder("chmod", "-R", "a+rX", target.toString()).start().waitFor(60, TimeUnit.SECONDS);
        return String.join(java.io.File.pathSeparator, copied);
    }
}
