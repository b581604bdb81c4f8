package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

/**
 * The soak of issue 22: the distribution with a simulated 30 Hz LeKiwi session with two cameras
 * (2 x 66 KB JPEG per observation over real JeroMQ on loopback), 10 WebSocket clients that reconnect
 * when dropped, and a bundle restart every 5 minutes (ZMQ detector, engine, streamer, metrics in
 * turn). Reports the RSS slope, threads, GC time and the event delay (state_update timestamp to a
 * client). Not part of the build: {@code benchmarks/run soak [-Dsoak.minutes=60]}.
 *
 * <p>{@code -Dsoak.jvm.options="..."} adds JVM flags to the distribution
 * ({@link DistributionCopy#jvmOptions}). With {@code -XX:NativeMemoryTracking=summary} among them, the soak
 * takes an NMT baseline and a class histogram after the warm-up, an NMT summary at each bundle restart,
 * and the NMT diff and histogram at the end, into {@code target/soak/} (where the RSS growth goes).
 */
public class SoakBenchmark {

    private static final int MINUTES = Integer.getInteger("soak.minutes", 60);
    private static final String JVM_OPTIONS = System.getProperty("soak.jvm.options", "");
    private static final boolean NMT = JVM_OPTIONS.contains("NativeMemoryTracking");
    private static final Path REPORTS = Path.of("target", "soak");
    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":([0-9.]+)");
    private static final List<String> RESTARTED = List.of("org.teleopmon.detector-zmq", "org.teleopmon.engine",
            "org.teleopmon.streamer", "org.teleopmon.metrics");

    private final List<Long> delaysMicros = new CopyOnWriteArrayList<>();
    private final AtomicInteger reconnects = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private DistributionCopy copy;

    @Test
    public void soak() throws Exception {
        try (DistributionCopy distribution = DistributionCopy.fresh("teleop-soak")) {
            copy = distribution;
            copy.simulatorOnFreePorts();
            copy.write("etc/org.teleopmon.capture.cfg", "interfaces = lo\n");
            copy.jvmOptions(JVM_OPTIONS);
            Files.createDirectories(REPORTS);
            copy.launch("teleop-monitor", "--simulate=lekiwi");
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> copy.status("/health/ready") == 200 && copy.adminPassword().isPresent());
            long pid = copy.jvm().orElseThrow().pid();
            // the shell's first use loads its command bundle's classes (one class loader, ~540 classes,
            // 2.4 MB of metaspace): part of the warm-up, not growth the restarts cause
            copy.client("admin", copy.adminPassword().orElseThrow(), "bundle:list -s");
            for (int i = 0; i < 10; i++) {
                connect();
            }
            List<double[]> samples = new ArrayList<>();
            long start = System.nanoTime();
            long end = start + Duration.ofMinutes(MINUTES).toNanos();
            double gcAtStart = gcSeconds(pid);
            int restarts = 0;
            long nextRestart = start + Duration.ofMinutes(5).toNanos();
            boolean baseline = false;
            while (System.nanoTime() < end) {
                Thread.sleep(10_000);
                double minutes = (System.nanoTime() - start) / 60e9;
                if (!baseline && minutes >= warmUpMinutes()) {
                    baseline = true;
                    diagnose(pid, "VM.native_memory baseline", "GC.class_histogram", "histogram-start.txt");
                }
                String status = Files.readString(Path.of("/proc/" + pid + "/status"));
                samples.add(new double[] {minutes, field(status, "VmRSS:") / 1024.0, field(status, "Threads:")});
                if (System.nanoTime() >= nextRestart) {
                    String bundle = RESTARTED.get(restarts++ % RESTARTED.size());
                    diagnose(pid, "VM.native_memory summary", null, String.format("nmt-%02d.txt", restarts));
                    copy.client("admin", copy.adminPassword().orElseThrow(), "bundle:restart " + bundle);
                    nextRestart += Duration.ofMinutes(5).toNanos();
                }
            }
            double gc = gcSeconds(pid) - gcAtStart;
            diagnose(pid, "VM.native_memory summary.diff", "GC.class_histogram", "histogram-end.txt");
            await().atMost(Duration.ofSeconds(60)).until(() -> open.get() == 10);
            String state = copy.body("/status");
            Files.write(REPORTS.resolve("samples.csv"), samples.stream()
                    .map(s -> String.format("%.2f,%.1f,%d", s[0], s[1], (int) s[2])).toList());
            report(samples, gc, restarts, state);
            assertTrue("the simulated session is still detected at the end: " + state,
                    state.contains("\"is_active\":true"));
        }
    }

    private void report(List<double[]> samples, double gcSeconds, int restarts, String state) {
        // RSS slope over everything after the first 5 minutes (warm-up), least squares, MiB per hour
        List<double[]> steady = samples.stream().filter(s -> s[0] >= warmUpMinutes()).toList();
        double n = steady.size();
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (double[] s : steady) {
            sx += s[0];
            sy += s[1];
            sxx += s[0] * s[0];
            sxy += s[0] * s[1];
        }
        double slopePerMinute = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double threadsMin = samples.stream().mapToDouble(s -> s[2]).min().orElse(0);
        double threadsMax = samples.stream().mapToDouble(s -> s[2]).max().orElse(0);
        List<Long> delays = new ArrayList<>(delaysMicros);
        Collections.sort(delays);
        System.out.printf("soak: %d min, %d bundle restarts, %d WebSocket reconnects%n", MINUTES, restarts, reconnects.get());
        System.out.printf("soak: RSS %.1f MiB at 5 min, %.1f MiB at the end, slope %.2f MiB/hour after warm-up%n",
                steady.isEmpty() ? Double.NaN : steady.get(0)[1], samples.get(samples.size() - 1)[1], slopePerMinute * 60);
        System.out.printf("soak: threads %d-%d, %d at the end; GC %.2f s in total (%.3f %% of the time)%n",
                (int) threadsMin, (int) threadsMax, (int) samples.get(samples.size() - 1)[2], gcSeconds,
                100 * gcSeconds / (MINUTES * 60.0));
        System.out.printf("soak: event delay (state_update timestamp to client) over %d messages: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                delays.size(), delays.get(delays.size() / 2) / 1e3, delays.get((int) (delays.size() * 0.99)) / 1e3,
                delays.get(delays.size() - 1) / 1e3);
    }

    private static double warmUpMinutes() {
        return Math.min(5, MINUTES / 2.0);
    }

    /**
     * Runs an NMT command (its output printed and kept as nmt-*.txt) and a class histogram (kept in
     * {@code histogram}, its top lines printed); nothing unless the JVM tracks native memory.
     */
    private static void diagnose(long pid, String nmt, String histogramCommand, String histogram) throws Exception {
        if (!NMT) {
            return;
        }
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        String pidText = Long.toString(pid);
        String[] command = nmt.split(" ");
        String out = DistributionCopy.exec(60, jcmd, pidText, command[0], command[1]);
        Path nmtFile = REPORTS.resolve(histogramCommand == null ? histogram : "nmt-" + command[1] + ".txt");
        Files.writeString(nmtFile, out);
        System.out.println("soak: " + nmt + " -> " + nmtFile);
        if (!nmt.endsWith("summary")) {
            System.out.println(out);
        }
        if (histogramCommand != null) {
            String classes = DistributionCopy.exec(120, jcmd, pidText, histogramCommand);
            Files.writeString(REPORTS.resolve(histogram), classes);
            classes.lines().limit(25).forEach(line -> System.out.println("soak: " + line));
        }
    }

    private void connect() {
        HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + copy.webPort + "/ws?topics=state_update"), new Listener())
                .whenComplete((socket, failure) -> {
                    if (failure != null) {
                        retry();
                    } else {
                        open.incrementAndGet();
                    }
                });
    }

    private void retry() {
        reconnects.incrementAndGet();
        new Thread(() -> {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            connect();
        }).start();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.currentTimeMillis() * 1000;
                Matcher m = TIMESTAMP.matcher(partial);
                if (partial.indexOf("\"type\":\"state_update\"") >= 0 && m.find()) {
                    delaysMicros.add(now - (long) (Double.parseDouble(m.group(1)) * 1e6));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            open.decrementAndGet();
            retry();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            open.decrementAndGet();
            retry();
        }
    }

    private static double gcSeconds(long pid) throws Exception {
        String out = DistributionCopy.exec(60, Path.of(System.getProperty("java.home"), "bin", "jstat").toString(),
                "-gc", Long.toString(pid));
        String[] lines = out.trim().split("\n");
        String[] values = lines[lines.length - 1].trim().split("\\s+");
        return Double.parseDouble(values[values.length - 1]);
    }

    private static int field(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name)) {
                return Integer.parseInt(line.substring(name.length()).trim().split("\\s+")[0]);
            }
        }
        throw new AssertionError("no " + name);
    }
}
