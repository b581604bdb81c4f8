package org.teleopmon.benchmarks.shm;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * For scale: the same traffic through a plain in-process {@link ArrayBlockingQueue} (one per
 * reader, as a broadcast needs), the writer copying each payload and never waiting (offer drops
 * when a reader's queue is full, as the ring overwrites).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class QueueBenchmark {

    @State(Scope.Group)
    public static class Queues {
        @Param({"64", "256"})
        int payload;

        byte[] record;
        @SuppressWarnings("unchecked")
        final ArrayBlockingQueue<byte[]>[] queues = new ArrayBlockingQueue[4];

        @Setup(Level.Iteration)
        public void open() {
            record = new byte[payload];
            for (int i = 0; i < queues.length; i++) {
                queues[i] = new ArrayBlockingQueue<>(1024);
            }
        }

        long offer(int readers) {
            long dropped = 0;
            for (int i = 0; i < readers; i++) {
                dropped += queues[i].offer(record.clone()) ? 0 : 1;
            }
            return dropped;
        }
    }

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Taken {
        public long records;
    }

    @Benchmark
    @Group("oneReader")
    @GroupThreads(1)
    public long offer1(Queues queues) {
        return queues.offer(1);
    }

    @Benchmark
    @Group("oneReader")
    @GroupThreads(1)
    public int poll1(Queues queues, Taken taken) {
        int n = 0;
        while (n < 256 && queues.queues[0].poll() != null) {
            n++;
        }
        taken.records += n;
        return n;
    }

    @Benchmark
    @Group("fourReaders")
    @GroupThreads(1)
    public long offer4(Queues queues) {
        return queues.offer(4);
    }

    @Benchmark
    @Group("fourReaders")
    @GroupThreads(4)
    public int poll4(Queues queues, ReaderSlot slot, Taken taken) {
        int n = 0;
        while (n < 256 && queues.queues[slot.index].poll() != null) {
            n++;
        }
        taken.records += n;
        return n;
    }

    /** Gives each of the four reader threads its own queue. */
    @State(Scope.Thread)
    public static class ReaderSlot {
        private static final java.util.concurrent.atomic.AtomicInteger NEXT = new java.util.concurrent.atomic.AtomicInteger();
        int index;

        @Setup(Level.Trial)
        public void assign() {
            index = Math.floorMod(NEXT.getAndIncrement(), 4);
        }
    }
}
