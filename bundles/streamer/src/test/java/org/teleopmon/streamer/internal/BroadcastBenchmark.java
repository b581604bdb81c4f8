package org.teleopmon.streamer.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.teleopmon.wire.Wire;

/**
 * Broadcast latency (publish to receipt, p50/p99) to 1, 10 and 100 WebSocket clients, and the server's
 * heap per connected client. The clients run in a child JVM so the heap figure is the server's alone;
 * both JVMs read the same monotonic clock (System.nanoTime is CLOCK_MONOTONIC on Linux).
 * Run as documented in docs/streamer.md; not part of the test suite.
 */
public final class BroadcastBenchmark {

    private static final int WARMUP = 300;
    private static final int EVENTS = 1000;
    private static final long INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(10);

    private BroadcastBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("clients  events  p50_ms  p99_ms  max_ms  heap_per_client_kb  message_bytes");
        for (int clients : new int[] {1, 10, 100}) {
            run(clients);
        }
    }

    private static void run(int clients) throws Exception {
        Settings settings = Settings.local(0).withLimits(200, 1024, 100);
        try (Streamer streamer = new Streamer(new TestSources(), settings, "bench")) {
            streamer.start();
            long heapBefore = usedHeapAfterGc();
            Process child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                    Clients.class.getName(), "ws://127.0.0.1:" + streamer.port() + "/ws", Integer.toString(clients))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            while (streamer.hub().clientCount() < clients) {
                Thread.sleep(50);
            }
            Thread.sleep(500);
            long heapPerClient = (usedHeapAfterGc() - heapBefore) / clients;
            ObjectNode state = Wire.object(TestSources.activeState("laptop"));
            int size = 0;
            for (int i = 0; i < WARMUP + EVENTS; i++) {
                ObjectNode data = state.deepCopy();
                data.put("sent_ns", System.nanoTime());
                data.put("warmup", i < WARMUP);
                streamer.hub().publish("state_update", Instant.now(), data);
                size = Wire.write(data).length();
                LockSupport.parkNanos(INTERVAL_NS);
            }
            streamer.hub().publish("teleoperation_stopped", Instant.now(), Wire.object());
            String result;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                result = out.readLine();
            }
            child.waitFor(60, TimeUnit.SECONDS);
            System.out.printf("%7d  %6d  %s  %18d  %13d%n", clients, EVENTS, result, heapPerClient / 1024, size + 80);
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String javaBinary() {
        return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The child JVM: N clients that time every message and print p50, p99 and max in ms. */
    public static final class Clients {

        public static void main(String[] args) throws Exception {
            int count = Integer.parseInt(args[1]);
            long[][] latencies = new long[count][EVENTS];
            int[] filled = new int[count];
            CountDownLatch done = new CountDownLatch(count);
            HttpClient http = HttpClient.newHttpClient();
            for (int c = 0; c < count; c++) {
                int index = c;
                http.newWebSocketBuilder().buildAsync(URI.create(args[0]), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        long now = System.nanoTime();
                        partial.append(data);
                        if (last) {
                            String text = partial.toString();
                            partial.setLength(0);
                            int at = text.indexOf("\"sent_ns\":");
                            if (at >= 0 && text.contains("\"warmup\":false") && filled[index] < EVENTS) {
                                int end = text.indexOf(',', at);
                                long sent = Long.parseLong(text.substring(at + 10, end));
                                latencies[index][filled[index]++] = now - sent;
                            } else if (text.contains("\"type\":\"teleoperation_stopped\"")) {
                                done.countDown();
                            }
                        }
                        socket.request(1);
                        return null;
                    }
                }).join();
            }
            done.await(120, TimeUnit.SECONDS);
            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).filter(v -> v > 0).sorted().toArray();
            System.out.printf("%6.2f  %6.2f  %6.2f%n", all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6,
                    all[all.length - 1] / 1e6);
            System.out.flush();
            System.exit(0);
        }
    }
}
