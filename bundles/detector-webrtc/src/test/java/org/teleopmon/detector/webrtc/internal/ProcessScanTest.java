package org.teleopmon.detector.webrtc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;

/** Real processes: Debian's python3 with and without a UDP socket. */
@Requires(Prerequisite.PYTHON)
class ProcessScanTest {

    private static final String WITH_UDP = "import socket, sys\n"
            + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
            + "s.bind(('127.0.0.1', 0))\n"
            + "print('ready', flush=True)\n"
            + "sys.stdin.read()\n";
    private static final String WITHOUT_UDP = "import sys\nprint('ready', flush=True)\nsys.stdin.read()\n";

    private final List<Process> started = new java.util.ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            p.waitFor();
        }
    }

    @Test
    void findsTheMatchingProcessThatOwnsAUdpSocketOnly() throws IOException {
        long withUdp = python(WITH_UDP);
        long withoutUdp = python(WITHOUT_UDP);

        ProcessScan scan = new ProcessScan(Set.of("chrome", "PYTHON3"));
        List<ProcessScan.WebRtcProcess> found = scan.scan();

        assertThat(scan.problem()).isEmpty();
        assertThat(found).filteredOn(p -> p.pid() == withUdp).singleElement().satisfies(p -> {
            assertThat(p.name()).contains("python3");
            assertThat(p.udpSockets()).isGreaterThanOrEqualTo(1);
        });
        assertThat(found).noneMatch(p -> p.pid() == withoutUdp);
    }

    @Test
    void aProcessWhoseNameMatchesNoFragmentIsNotFound() throws IOException {
        long withUdp = python(WITH_UDP);
        ProcessScan scan = new ProcessScan(Set.of("chromium", "firefox", "electron", "msedge"));
        assertThat(scan.scan()).noneMatch(p -> p.pid() == withUdp);
        assertThat(scan.problem()).isEmpty();
    }

    @Test
    void withoutOshiTheScanFindsNothingAndSaysWhy() throws Exception {
        Class<?> hidden = new WithoutOshi().loadClass(ProcessScan.class.getName());
        var constructor = hidden.getDeclaredConstructor(Set.class);
        constructor.setAccessible(true);
        Object scan = constructor.newInstance(Set.of("python3"));
        Method scanMethod = hidden.getDeclaredMethod("scan");
        Method problem = hidden.getDeclaredMethod("problem");
        scanMethod.setAccessible(true);
        problem.setAccessible(true);

        assertThat((List<?>) scanMethod.invoke(scan)).isEmpty();
        assertThat((List<?>) scanMethod.invoke(scan)).isEmpty();
        assertThat((String) problem.invoke(scan)).startsWith("OSHI is not installed").contains("oshi/");
    }

    /** Starts python3 and waits for it to say it is ready (its socket is open). */
    private long python(String script) throws IOException {
        Process p = new ProcessBuilder(Prerequisite.PYTHON3, "-c", script)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        started.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        assertThat(out.readLine()).isEqualTo("ready");
        return p.pid();
    }

    /** Loads ProcessScan and its helpers afresh, as in a Karaf without the OSHI bundle. */
    private static final class WithoutOshi extends ClassLoader {

        WithoutOshi() {
            super(ProcessScan.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("oshi.")) {
                throw new ClassNotFoundException(name);
            }
            if (!name.startsWith(ProcessScan.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        byte[] bytes = in.readAllBytes();
                        c = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }
}
