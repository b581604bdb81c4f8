package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.teleopmon.api.TeleopMonitor;
import org.teleopmon.testsupport.FreePort;

/**
 * The input-device detector in the real distribution, on a fake filesystem root (sysfs directories
 * with a real Xbox Wireless Controller's and a real USB keyboard's capability bits, FIFOs as their
 * event nodes; this machine has no input devices and no /dev/uinput): a pad driven at 60 Hz while a
 * program holds it starts a session alone, named by the operator directory, and unplugging it ends
 * the session as {@code device_gone}. A password typed on the keyboard, with the detector logging at
 * TRACE, appears nowhere the monitor shows or writes.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InputDetectionIT extends TeleopTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String PAD_MAC = "44:16:22:6d:77:3f";
    /**
     * No teleop key of either robot: every one is a key the detector must forget at once. Spelled
     * backwards here, so that the probe bundle Karaf keeps under data/ does not hold it.
     */
    private static final String PASSWORD = new StringBuilder("ceht7qbvpyg").reverse().toString();
    private static final int[] PASSWORD_CODES = {34, 21, 25, 47, 48, 16, 8, 20, 35, 18, 46};
    private static final int EV_SYN = 0;
    private static final int EV_KEY = 1;
    private static final int EV_ABS = 3;
    private static final int ABS_X = 0;
    private static final int ABS_Y = 1;

    @Inject
    TeleopMonitor monitor;

    @Inject
    SessionFactory sessions;

    private final HttpClient http = HttpClient.newHttpClient();

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Override
    protected Option[] extraOptions() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "teleop-input-it-" + id).toAbsolutePath();
        try {
            FakeRoot tree = new FakeRoot(root);
            tree.add(5, "Xbox Wireless Controller", PAD_MAC, "0005", "045e", "0b13", "0515", "b",
                    "7fff000000000000 0 8000000000 0 0", "30627", "0");
            tree.add(6, "Lite-On Technology Corp. ThinkPad USB Keyboard with TrackPoint", "", "0003", "17ef",
                    "6009", "0110", "120013",
                    "1000000000007 ff9f207ac14057ff febeffdfffefffff fffffffffffffffe", "0", "0");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot build the fake input root " + root, e);
        }
        int port = FreePort.next();
        String namespace = "itest-input-" + id;
        return new Option[] {
            editConfigurationFilePut("etc/org.teleopmon.detector.input.cfg", "root", root.toString()),
            editConfigurationFilePut("etc/org.teleopmon.operators.cfg", "entries", "mac:" + PAD_MAC + " = dave"),
            editConfigurationFilePut("etc/org.teleopmon.streamer.cfg", "port", Integer.toString(port)),
            editConfigurationFilePut("etc/org.teleopmon.shm.cfg", "namespace", namespace),
            // Everything the detector could say, said: the privacy rule holds at every level.
            editConfigurationFilePut("etc/org.ops4j.pax.logging.cfg", "log4j2.logger.teleopinput.name",
                    "org.teleopmon.detector.input"),
            editConfigurationFilePut("etc/org.ops4j.pax.logging.cfg", "log4j2.logger.teleopinput.level", "TRACE"),
            systemProperty("teleop.input.root").value(root.toString()),
            systemProperty("teleop.input.port").value(Integer.toString(port)),
            systemProperty("teleop.input.shm").value(namespace),
        };
    }

    private static Path root() {
        return Path.of(System.getProperty("teleop.input.root"));
    }

    @Test
    public void aPadDrivenWhileAProgramHoldsItStartsAndEndsASessionWithTheDirectorysName() throws Exception {
        Path pad = root().resolve("dev/input/event5");
        await().atMost(TIMEOUT).until(() -> input().contains("reading event5"));
        Process holder = new ProcessBuilder("/bin/sh", "-c", "exec 3<>'" + pad + "'; exec sleep 600").start();
        try (OutputStream out = Files.newOutputStream(pad)) {
            await().atMost(TIMEOUT).until(() -> input().contains("sleep (pid " + holder.pid() + ")"));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            int i = 0;
            while (!monitor.getState().active() && System.nanoTime() < deadline) {
                out.write(records(new int[] {EV_ABS, ABS_Y, -20000 - (i % 10) * 1000, EV_ABS, ABS_X, 9000 + (i % 5) * 500}));
                out.flush();
                i++;
                Thread.sleep(16);
            }
            assertTrue("a pad driven at 60 Hz for " + i + " frames while held starts a session",
                    monitor.getState().active());
            await().atMost(TIMEOUT).until(() -> get("/status").contains("\"name\":\"dave\""));
            String detectors = get("/detectors");
            assertTrue(detectors, detectors.contains("\"node\":\"event5\"") && detectors.contains("\"driving\":true"));
            assertTrue(detectors, detectors.contains("\"consumer\":\"sleep (pid " + holder.pid() + ")"));
            String table = input();
            assertTrue(table, table.contains("DRIVEN") && table.contains("Xbox Wireless Controller")
                    && table.contains(PAD_MAC) && table.contains("045e:0b13"));

            new FakeRoot(root()).unplug(5);
        } finally {
            holder.destroyForcibly();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
        await().atMost(TIMEOUT).until(() -> !monitor.getState().active());
        String sessions = get("/sessions");
        assertTrue(sessions, sessions.contains("\"end_reason\":\"device_gone\"") && sessions.contains("\"name\":\"dave\""));
        assertTrue(sessions, sessions.contains("Xbox Wireless Controller (mac:" + PAD_MAC + ") disconnected from event5"));
    }

    @Test
    public void aTypedPasswordAppearsNowhereTheMonitorShowsOrWrites() throws Exception {
        Path keyboard = root().resolve("dev/input/event6");
        await().atMost(TIMEOUT).until(() -> input().contains("reading event6"));
        StreamerIT.Client client = StreamerIT.Client.connect("ws://127.0.0.1:" + port() + "/ws");
        await().atMost(TIMEOUT).until(() -> client.has("\"type\":\"hello\""));

        try (OutputStream out = Files.newOutputStream(keyboard)) {
            for (int round = 0; round < 3; round++) {
                for (int code : PASSWORD_CODES) {
                    out.write(records(new int[] {EV_KEY, code, 1}));
                    out.flush();
                    Thread.sleep(40);
                    out.write(records(new int[] {EV_KEY, code, 0}));
                    out.flush();
                    Thread.sleep(70);
                }
                out.write(records(new int[] {EV_KEY, 28, 1}));
                out.write(records(new int[] {EV_KEY, 28, 0}));
                out.flush();
                Thread.sleep(300);
            }
        }
        // Typed: seen (the keyboard's events were read), never a teleoperation.
        await().atMost(TIMEOUT).until(() -> input().contains("event6") && !input().contains("DRIVEN"));
        assertFalse(monitor.getState().active());

        List<String> places = new ArrayList<>();
        List<String> found = new ArrayList<>();
        check("GET /status", get("/status"), places, found);
        check("GET /detectors", get("/detectors"), places, found);
        check("GET /sessions", get("/sessions"), places, found);
        check("GET /health", get("/health"), places, found);
        check("teleop:input", input(), places, found);
        check("WebSocket messages", String.join("\n", client.messages), places, found);
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        try (Stream<Path> shm = Files.list(Path.of("/dev/shm"))) {
            for (Path file : shm.filter(p -> p.getFileName().toString().startsWith(System.getProperty("teleop.input.shm")))
                    .toList()) {
                check(file.toString(), Files.readString(file, StandardCharsets.ISO_8859_1), places, found);
            }
        }
        for (String dir : new String[] {System.getProperty("karaf.data"), System.getProperty("karaf.etc")}) {
            try (Stream<Path> files = Files.walk(Path.of(dir))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    check(file.toString(), read(file), places, found);
                }
            }
        }
        String log = Files.readString(Path.of(System.getProperty("karaf.data"), "log/karaf.log"));
        assertTrue("the detector's own lines are in the log that is searched",
                log.contains("Input device added: event6 Lite-On Technology Corp."));
        assertTrue("checked karaf.log, the shm files and etc/: " + places.size() + " places",
                places.stream().anyMatch(p -> p.endsWith("karaf.log"))
                        && places.stream().anyMatch(p -> p.contains("/dev/shm/"))
                        && places.stream().anyMatch(p -> p.endsWith("org.teleopmon.detector.input.cfg")));
        assertEquals("the password, or its key codes, in " + found, List.of(), found);
    }

    /** Looks for the password in any case, its key codes in a row, and its key names in a row. */
    private static void check(String place, String text, List<String> places, List<String> found) {
        places.add(place);
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder codes = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            codes.append(i == 0 ? "" : ",").append(PASSWORD_CODES[i]);
            names.append(i == 0 ? "" : ",").append("key_").append(PASSWORD.charAt(i));
        }
        for (String needle : new String[] {PASSWORD, codes.toString(), codes.toString().replace(',', ' '),
            codes.toString().replace(",", ", "), names.toString()}) {
            if (lower.contains(needle)) {
                found.add(needle + " in " + place);
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String input() throws Exception {
        return executeCommand(sessions, "teleop:input --no-format");
    }

    private static int port() {
        return Integer.getInteger("teleop.input.port");
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** {@code struct input_event}s for this 64-bit JVM (type, code, value triples), then a SYN_REPORT. */
    private static byte[] records(int[] triples) {
        ByteBuffer buffer = ByteBuffer.allocate((triples.length / 3 + 1) * 24).order(ByteOrder.nativeOrder());
        long micros = System.currentTimeMillis() * 1000;
        for (int i = 0; i <= triples.length; i += 3) {
            boolean syn = i == triples.length;
            buffer.putLong(micros / 1_000_000).putLong(micros % 1_000_000);
            buffer.putShort((short) (syn ? EV_SYN : triples[i])).putShort((short) (syn ? 0 : triples[i + 1]))
                    .putInt(syn ? 0 : triples[i + 2]);
        }
        return buffer.array();
    }

    /**
     * A fake filesystem root with input devices as sysfs shows them
     * ({@code sys/devices/virtual/input/inputN}, {@code sys/class/input/eventN}) and FIFOs as their
     * event nodes, which the detector polls and reads like device nodes.
     */
    static final class FakeRoot {
        private final Path root;

        FakeRoot(Path root) throws IOException {
            this.root = root;
            Files.createDirectories(root.resolve("sys/class/input"));
            Files.createDirectories(root.resolve("dev/input"));
        }

        void add(int n, String name, String uniq, String bus, String vendor, String product, String version,
                String ev, String key, String abs, String rel) throws IOException, InterruptedException {
            Path input = root.resolve("sys/devices/virtual/input/input" + n);
            write(input, "name", name);
            write(input, "uniq", uniq);
            write(input, "phys", "");
            write(input, "properties", "0");
            write(input, "id/bustype", bus);
            write(input, "id/vendor", vendor);
            write(input, "id/product", product);
            write(input, "id/version", version);
            write(input, "capabilities/ev", ev);
            write(input, "capabilities/key", key);
            write(input, "capabilities/abs", abs);
            write(input, "capabilities/rel", rel);
            Path event = Files.createDirectories(input.resolve("event" + n));
            Files.createSymbolicLink(event.resolve("device"), Path.of(".."));
            Files.createSymbolicLink(root.resolve("sys/class/input/event" + n),
                    root.resolve("sys/class/input").relativize(event));
            Process mkfifo = new ProcessBuilder("mkfifo", "-m", "0660", root.resolve("dev/input/event" + n).toString())
                    .inheritIO().start();
            if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
                throw new IOException("mkfifo failed for event" + n);
            }
        }

        /** As the kernel unplugs: the node, the class link, then the whole sysfs directory at once. */
        void unplug(int n) throws IOException {
            Files.delete(root.resolve("dev/input/event" + n));
            Files.delete(root.resolve("sys/class/input/event" + n));
            Path gone = Files.createTempDirectory(root, ".unplugged");
            Files.move(root.resolve("sys/devices/virtual/input/input" + n), gone.resolve("input" + n));
        }

        private static void write(Path dir, String file, String value) throws IOException {
            Path path = dir.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, value + "\n");
        }
    }
}
