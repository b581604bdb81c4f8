package org.teleopmon.detector.input.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.detector.support.ProblemLog;

/**
 * The one thread that reads every device: poll(2) over the open nodes, an eventfd that wakes it
 * (stop, new configuration) and inotify on the device directories (hotplug, programs opening a
 * node). Nodes are opened O_RDONLY | O_NONBLOCK | O_CLOEXEC and never grabbed, so every other
 * program keeps getting its events. Java cannot select() on device files; this is why JNA is used.
 * Between wake-ups it sleeps until the next thing that can change: a device's activity ageing out,
 * or the safety-net sysfs rescan.
 */
final class InputReader implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(InputReader.class);
    /** A multiple of the 24-, 16- and 8-byte records. */
    private static final int BUFFER = 4080;
    private static final int HIDRAW_REPORT = 64;
    /** EVIOCGABS(0): _IOR('E', 0x40, struct input_absinfo), the generic ioctl encoding of x86 and ARM. */
    private static final long EVIOCGABS = 0x80184540L;
    private static final long NO_INOTIFY_RESCAN_NANOS = 1_000_000_000L;
    /**
     * After reading, the thread rests this long before it polls again, so that a pad reporting at
     * 250 Hz or 1 kHz costs at most 100 wake-ups a second, each reading every report queued since
     * (a wake-up costs far more than decoding its records). The kernel queues what comes meanwhile
     * (evdev keeps 64 events or more per reader, a FIFO 64 KiB); 10 ms of delay is nothing next to
     * the engine's 100 ms detection interval. The capture bundle batches the same way.
     */
    private static final long BATCH_NANOS = 10_000_000L;
    private static final int JOYCON_STICK_SPAN = 4096;

    private final InputModel model;
    private final Consumer<DetectorSignal> push;
    private final Runnable consumersChanged;
    private final EventDecoder decoder = new EventDecoder(Native.LONG_SIZE);
    private final JsDecoder joystick = new JsDecoder();
    private final ProblemLog problems = new ProblemLog(LOG);
    private final PollSet poll = new PollSet();
    private Memory memory;
    private ByteBuffer buffer;
    private Memory absinfo;
    private Memory wakeCounter;
    private Memory wakeValue;
    private volatile boolean running = true;
    private volatile boolean reconfigure;
    private volatile int wakeFd = -1;
    private Inotify inotify;
    private int inotifySlot = -1;
    private boolean pollDirty = true;
    private boolean rescanWanted;
    private Device[] polled = new Device[0];
    private long nextRescan;
    private long nextDeadline = Long.MAX_VALUE;
    private SysfsScanner scanner;
    private InputSettings applied;
    private boolean nativeOk;
    private final Object sleeper = new Object();

    InputReader(InputModel model, Consumer<DetectorSignal> push, Runnable consumersChanged) {
        this.model = model;
        this.push = push;
        this.consumersChanged = consumersChanged;
    }

    /** Asks the thread to leave its loop; it closes every node on the way out. */
    void stop() {
        running = false;
        wake();
    }

    /** The settings in the model changed: the thread starts over with them. */
    void reconfigure() {
        reconfigure = true;
        wake();
    }

    private void wake() {
        int fd = wakeFd;
        if (fd >= 0) {
            LibC.write(fd, wakeValue, 8);
        }
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
    }

    @Override
    public void run() {
        try {
            LibC.load();
            memory = new Memory(BUFFER);
            buffer = memory.getByteBuffer(0, BUFFER).order(ByteOrder.nativeOrder());
            absinfo = new Memory(24);
            wakeCounter = new Memory(8);
            wakeValue = new Memory(8);
            wakeValue.setLong(0, 1);
            int fd = LibC.eventfd(0, LibC.O_NONBLOCK | LibC.O_CLOEXEC);
            if (fd < 0) {
                throw new IllegalStateException("eventfd failed, errno " + LibC.errno());
            }
            wakeFd = fd;
            nativeOk = true;
        } catch (RuntimeException | LinkageError e) {
            model.nativeProblem(String.valueOf(e.getMessage()));
            LOG.warn("Input devices are listed from sysfs but not read: {}", e.toString());
            sysfsOnly();
            return;
        }
        try {
            loop();
        } catch (RuntimeException | Error e) {
            model.nativeProblem("the reader thread failed: " + e);
            LOG.error("Input reader thread failed; input devices are no longer read", e);
        } finally {
            closeAll();
        }
    }

    private void loop() {
        start(System.nanoTime());
        while (running) {
            if (reconfigure) {
                reconfigure = false;
                start(System.nanoTime());
            }
            if (pollDirty) {
                rebuildPoll();
            }
            long before = System.nanoTime();
            long wait = Math.min(nextDeadline, nextRescan) - before;
            int ready = poll.await((int) Math.max(1, Math.min(60_000, (wait + 999_999) / 1_000_000)));
            if (ready < 0 && LibC.errno() != LibC.EINTR) {
                problems.warn("poll on the input devices failed, errno " + LibC.errno() + "; retrying");
                pause(100);
            }
            DetectorSignal changed;
            boolean askConsumers = false;
            long now = System.nanoTime();
            synchronized (model) {
                if (ready > 0) {
                    askConsumers = serve(now);
                }
                if (rescanWanted || now >= nextRescan) {
                    rescanWanted = false;
                    askConsumers |= rescan(now);
                }
                changed = model.evaluate(now);
                nextDeadline = deadline(now);
            }
            if (changed != null) {
                push.accept(changed);
            }
            if (askConsumers) {
                consumersChanged.run();
            }
            if (ready > 0) {
                long rest = BATCH_NANOS - (System.nanoTime() - now);
                if (rest > 0 && running && !reconfigure) {
                    LockSupport.parkNanos(rest);
                }
            }
        }
    }

    /** Handles what poll reported; returns whether consumers may have changed. */
    private boolean serve(long now) {
        boolean consumers = false;
        if (poll.revents(0) != 0) {
            LibC.read(wakeFd, wakeCounter, 8);
        }
        if (inotifySlot >= 0 && poll.revents(inotifySlot) != 0) {
            int wants = inotify.drain();
            if ((wants & Inotify.NEW_DIRECTORY) != 0) {
                watch();
            }
            rescanWanted |= (wants & Inotify.DEVICES) != 0;
            consumers = (wants & Inotify.CONSUMERS) != 0;
        }
        for (int i = 0; i < polled.length; i++) {
            Device device = polled[i];
            short revents = device == null ? 0 : poll.revents(i);
            if (revents != 0 && device.open()) {
                device.state.at(now);
                if (device.format == Device.Format.HIDRAW) {
                    readReports(device, now);
                } else {
                    readRecords(device, now);
                }
            }
        }
        return consumers;
    }

    private void readRecords(Device d, long now) {
        int record = d.format == Device.Format.EVDEV ? decoder.recordSize() : JsDecoder.RECORD_SIZE;
        for (int round = 0; round < 16; round++) {
            int carried = d.carried;
            Pointer target = memory;
            if (carried > 0) {
                memory.write(0, d.carry, 0, carried);
                target = memory.share(carried);
            }
            int want = (BUFFER - carried) / record * record;
            long n = LibC.read(d.fd, target, want);
            if (n > 0) {
                int total = carried + (int) n;
                if (n % record != 0) {
                    d.shortReads++;
                }
                int used = d.format == Device.Format.EVDEV
                        ? decoder.decode(buffer, 0, total, applied.keys(), d.state)
                        : joystick.decode(buffer, 0, total, d.state);
                d.carried = total - used;
                if (d.carried > 0) {
                    memory.read(used, d.carry, 0, d.carried);
                }
                if (!d.state.keyboard()) {
                    d.records += used / record;
                }
                if (n < want) {
                    return;
                }
            } else if (!retry(d, n, now)) {
                return;
            }
        }
    }

    private void readReports(Device d, long now) {
        for (int round = 0; round < 64; round++) {
            long n = LibC.read(d.fd, memory, HIDRAW_REPORT);
            if (n > 0) {
                d.records++;
                d.joyCon.decode(buffer, 0, (int) n, d.state);
            } else if (!retry(d, n, now)) {
                return;
            }
        }
    }

    /** A read returned {@code n <= 0}: whether to read again (interrupted) or stop (drained, closed, failed). */
    private boolean retry(Device d, long n, long now) {
        if (n == 0) {
            endOfFile(d, now);
            return false;
        }
        int errno = LibC.errno();
        if (errno == LibC.EINTR) {
            return true;
        }
        if (errno != LibC.EAGAIN) {
            failed(d, errno, now);
        }
        return false;
    }

    /** The writer of a FIFO went away (tests): the node is reopened if it is still there. */
    private void endOfFile(Device d, long now) {
        close(d);
        d.carried = 0;
        open(d);
        pollDirty = true;
    }

    private void failed(Device d, int errno, long now) {
        close(d);
        pollDirty = true;
        if (errno == LibC.ENODEV) {
            LOG.info("Input device unplugged: {} {}", d.info.nodeNames(), d.info.name());
            model.remove(d.info.id(), now);
            rescanWanted = true;
        } else {
            d.readErrors++;
            d.problem = "read failed, errno " + errno + "; reopened on the next rescan";
            problems.warn("Reading " + d.info.primaryNode() + " (" + d.info.name() + ") failed, errno " + errno
                    + "; it is reopened on the next rescan");
        }
    }

    /** (Re)starts with the model's settings: every device is closed and discovered again. */
    private void start(long now) {
        synchronized (model) {
            for (Device d : model.all()) {
                close(d);
                model.removeQuietly(d.info.id());
            }
            applied = model.settings();
            scanner = new SysfsScanner(applied.root(), Native.LONG_SIZE * 8);
            if (inotify != null) {
                inotify.close();
                inotify = null;
            }
            try {
                inotify = Inotify.open();
                watch();
                model.hotplugProblem("");
            } catch (RuntimeException e) {
                if (inotify != null) {
                    inotify.close();
                    inotify = null;
                }
                model.hotplugProblem("hotplug through inotify unavailable (" + e.getMessage()
                        + "); sysfs is rescanned every second instead");
                LOG.warn("Input hotplug: {}; rescanning sysfs every second instead", e.getMessage());
            }
            rescan(now);
            pollDirty = true;
        }
        consumersChanged.run();
    }

    private void watch() {
        if (inotify != null && !inotify.watch(scanner.dev(), scanner.devInput())) {
            LOG.debug("{} does not exist yet; watching {} for it", scanner.devInput(), scanner.dev());
        }
    }

    /** Brings the model in line with sysfs; returns whether any device came or went. */
    private boolean rescan(long now) {
        nextRescan = now + (inotify != null ? applied.rescanNanos()
                : Math.min(applied.rescanNanos(), NO_INOTIFY_RESCAN_NANOS));
        model.inputClass(Files.isDirectory(scanner.inputClass()));
        Map<String, DeviceInfo> found = scanner.scan();
        boolean changed = false;
        for (Device d : model.all()) {
            DeviceInfo seen = found.get(d.info.id());
            if (seen == null || !seen.sameDeviceAs(d.info)) {
                close(d);
                model.remove(d.info.id(), now);
                LOG.info("Input device removed: {} {}", d.info.nodeNames(), d.info.name());
                changed = true;
            } else if (!seen.sameAs(d.info)) {
                // a node of the same device came or went (the kernel adds eventN and jsN one by one)
                boolean keep = d.open() && seen.nodes().contains(d.openNode);
                if (!keep) {
                    close(d);
                }
                model.update(d, seen, realNodes(seen));
                if (!keep) {
                    open(d);
                }
                changed = true;
            }
        }
        for (DeviceInfo info : found.values()) {
            if (model.device(info.id()) == null) {
                Device d = new Device(info, new ControlState(info.kind() == DeviceKind.KEYBOARD,
                        applied.keys().sets(), applied.timing()), applied.ignores(info), realNodes(info));
                model.add(d);
                open(d);
                LOG.info("Input device added: {} {} ({}, {}{}), {}", info.nodeNames(), info.name(), info.kind().label(),
                        info.vendorProduct(), info.uniq().isEmpty() ? "" : ", " + info.uniq(), d.status());
                changed = true;
            }
        }
        for (Device d : model.all()) {
            if (!d.open() && !d.ignored && d.info.kind().read() && !d.problem.isEmpty()) {
                open(d);
                changed |= d.open();
            }
        }
        pollDirty |= changed;
        return changed;
    }

    private void open(Device d) {
        if (d.ignored || !d.info.kind().read()) {
            return;
        }
        if (!nativeOk) {
            d.problem = "not read: the C library is not reachable through JNA";
            return;
        }
        DeviceInfo info = d.info;
        int result = -LibC.ENOENT;
        Path node = null;
        if (info.event() != null) {
            node = info.event();
            result = tryOpen(node);
            d.format = Device.Format.EVDEV;
        }
        if (result < 0 && info.kind().controls() && info.js() != null) {
            node = info.js();
            result = tryOpen(node);
            d.format = Device.Format.JOYSTICK;
        }
        if (result < 0 && info.event() == null && info.js() == null && info.hidraw() != null) {
            node = info.hidraw();
            result = tryOpen(node);
            d.format = Device.Format.HIDRAW;
            if (inotify != null) {
                inotify.watchUse(node);
            }
        }
        if (result < 0) {
            d.format = Device.Format.NONE;
            d.permissionDenied = result == -LibC.EACCES || result == -LibC.EPERM;
            d.problem = node == null ? "no node to read"
                    : d.permissionDenied ? "permission denied on " + node
                    : result == -LibC.ENOENT ? node + " does not exist (yet)" : "cannot open " + node + ", errno " + -result;
            return;
        }
        d.fd = result;
        d.openNode = node;
        d.problem = "";
        d.permissionDenied = false;
        d.carried = 0;
        if (d.format == Device.Format.EVDEV && info.kind().controls()) {
            ranges(d);
        } else if (d.format == Device.Format.HIDRAW) {
            d.joyCon = new JoyConReport();
            for (int axis : new int[] {JoyConReport.LEFT_X, JoyConReport.LEFT_Y, JoyConReport.RIGHT_X,
                JoyConReport.RIGHT_Y}) {
                d.state.learnRest(axis, JOYCON_STICK_SPAN);
            }
        }
        pollDirty = true;
    }

    /** Each axis' range from EVIOCGABS; a node that does not answer keeps the assumed ranges. */
    private void ranges(Device d) {
        for (int axis : d.info.caps().abs().bits()) {
            if (axis > Codes.ABS_MAX || LibC.ioctl(d.fd, EVIOCGABS + axis, absinfo) < 0) {
                continue;
            }
            d.state.range(axis, absinfo.getInt(4), absinfo.getInt(8), absinfo.getInt(0));
        }
    }

    private static int tryOpen(Path node) {
        int fd = LibC.open(node.toString(), LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        return fd >= 0 ? fd : -LibC.errno();
    }

    private void close(Device d) {
        if (d.fd >= 0) {
            LibC.close(d.fd);
            d.fd = -1;
            d.format = Device.Format.NONE;
            pollDirty = true;
        }
    }

    private void closeAll() {
        synchronized (model) {
            for (Device d : model.all()) {
                close(d);
            }
        }
        if (inotify != null) {
            inotify.close();
        }
        int fd = wakeFd;
        wakeFd = -1;
        if (fd >= 0) {
            LibC.close(fd);
        }
    }

    private void rebuildPoll() {
        synchronized (model) {
            poll.clear();
            List<Device> slots = new ArrayList<>();
            poll.add(wakeFd);
            slots.add(null);
            inotifySlot = -1;
            if (inotify != null) {
                inotifySlot = poll.add(inotify.fd());
                slots.add(null);
            }
            for (Device d : model.all()) {
                if (d.open()) {
                    d.pollIndex = poll.add(d.fd);
                    slots.add(d);
                }
            }
            polled = slots.toArray(new Device[0]);
            pollDirty = false;
        }
    }

    /** The earliest time a device's activity can change without an event. */
    private long deadline(long now) {
        long next = Long.MAX_VALUE;
        for (Device d : model.all()) {
            next = Math.min(next, d.state.nextChange(now));
        }
        return next;
    }

    /** Without JNA: list devices from sysfs on every rescan, read nothing. */
    private void sysfsOnly() {
        while (running) {
            long now = System.nanoTime();
            DetectorSignal changed;
            synchronized (model) {
                if (applied != model.settings()) {
                    for (Device d : model.all()) {
                        model.removeQuietly(d.info.id());
                    }
                    applied = model.settings();
                    scanner = new SysfsScanner(applied.root(), 64);
                }
                reconfigure = false;
                rescan(now);
                changed = model.evaluate(now);
            }
            if (changed != null) {
                push.accept(changed);
            }
            consumersChanged.run();
            pause(applied.rescanNanos() / 1_000_000);
        }
    }

    private void pause(long millis) {
        synchronized (sleeper) {
            try {
                if (running && !reconfigure) {
                    sleeper.wait(Math.max(1, millis));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private static List<Path> realNodes(DeviceInfo info) {
        List<Path> nodes = new ArrayList<>(3);
        for (Path node : info.nodes()) {
            try {
                nodes.add(node.toRealPath());
            } catch (IOException missing) {
                nodes.add(node.toAbsolutePath().normalize());
            }
        }
        return List.copyOf(nodes);
    }
}
