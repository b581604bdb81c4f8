package org.teleopmon.engine.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.teleopmon.api.Detector;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.EventType;

/**
 * Benchmark (a documented main, not a test): time from {@code SignalListener.signalChanged} to the
 * first published event reaching a {@code TeleopEventListener} on the dispatch thread, through the
 * real engine component with its threads. Each signal flips the state (hold time 0), so each one
 * publishes teleoperation_started or _stopped plus a state_update. Run: {@code benchmarks/run engine};
 * figures in docs/benchmarks.md.
 */
public final class SignalToEventBenchmark {

    private SignalToEventBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Settings d = Settings.defaults();
        Settings settings = new Settings(d.robotType(), 70, 40, Duration.ZERO, d.detectionInterval(),
                d.updateInterval(), d.silenceTimeout(), Map.of(), 100, List.of());
        TeleopEngine engine = new TeleopEngine(settings, Clock.systemUTC());
        AtomicLong received = new AtomicLong();
        AtomicLong firstAt = new AtomicLong();
        engine.bindListener(e -> {
            if (e.type() != EventType.STATE_UPDATE) {
                firstAt.set(System.nanoTime());
            }
            received.incrementAndGet();
        });
        AtomicReference<DetectorSignal> current = new AtomicReference<>(DetectorSignal.idle("bench", Instant.now()));
        engine.bindDetector(holding("bench", current), Map.of(Detector.WEIGHT_PROPERTY, 100, "service.id", 1L));
        long[] nanos = new long[samples];
        for (int i = 0; i < warmup + samples; i++) {
            long expected = received.get() + 2;
            DetectorSignal signal = i % 2 == 0 ? DetectorSignal.builder("bench").active(true).confidence(100).build()
                    : DetectorSignal.idle("bench", Instant.now());
            current.set(signal);
            long start = System.nanoTime();
            engine.signalChanged(signal);
            long deadline = start + 5_000_000_000L;
            while (received.get() < expected) {
                Thread.onSpinWait();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("iteration " + i + ": " + received.get() + " events of "
                            + expected + "; state " + engine.getState() + "; " + engine.getDetectors());
                }
            }
            if (i >= warmup) {
                nanos[i - warmup] = firstAt.get() - start;
            }
        }
        engine.deactivate();
        Arrays.sort(nanos);
        System.out.printf("signal -> published event, %d samples: p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us%n",
                samples, nanos[samples / 2] / 1e3, nanos[(int) (samples * 0.99)] / 1e3,
                nanos[(int) (samples * 0.999)] / 1e3, nanos[samples - 1] / 1e3);
    }

    /** Its tick view is the last pushed one, so that polls add no events of their own. */
    private static Detector holding(String name, AtomicReference<DetectorSignal> current) {
        return new TestDetector(name, current::get);
    }
}
