package org.teleopmon.detector.input.internal;

import java.util.Arrays;

/**
 * One device's controls as its events leave them, and whether someone is driving with them.
 * Allocation-free: every event updates primitive arrays sized once.
 *
 * <p>Driving means a streak of engagement: a control held or deflected beyond the dead zone, or
 * changed within {@code idle.timeout}. A pad counts once its streak has lasted {@code min.active}
 * (a bumped pad does not); a keyboard once one teleop key has been held down, autorepeating, for
 * {@code key.hold} (typing never autorepeats; a letter held a moment too long is shorter). A control
 * held with no event for {@code max.hold} (a pad lying on a button) stops counting. Not thread-safe: the reader thread owns it
 * and others read it under the detector's lock.
 */
final class ControlState implements ControlSink, JsDecoder.JsSink {

    private static final int AXES = Codes.ABS_MAX + 1;
    private static final int BUCKETS = 20;
    private static final long BUCKET_NANOS = 100_000_000L;

    private final boolean keyboard;
    private final Timing timing;
    private final int[] rest = new int[AXES];
    private final int[] threshold = new int[AXES];
    private final int[] fuzz = new int[AXES];
    private final int[] value = new int[AXES];
    /** Axes whose rest is their first value (Joy-Con sticks over hidraw). */
    private long learnRest;
    private long deflected;
    private final long[] held = new long[(Codes.KEY_MAX + 1) >> 6];
    private int heldButtons;
    private final int[] teleopHeld;
    private final long[] pressAt;
    private final long[] presses;
    private final long[] repeats;
    /** Per set, the held keys that autorepeated since their press. */
    private final int[] repeated;
    /** A teleop key was held, autorepeating, for {@code key.hold} in this streak. */
    private boolean sustained;
    private boolean changed;
    private boolean discarding;
    private long now;
    private long streakStart = -1;
    private long lastChange = -1;
    private final long[] buckets = new long[BUCKETS];
    private long bucketAt;
    private long groups;
    private long malformed;
    private long drops;

    /** Durations in nanoseconds, from the settings. */
    record Timing(double deadZone, long idleNanos, long minActiveNanos, long keyHoldNanos, long maxHoldNanos) {
    }

    ControlState(boolean keyboard, int teleopSets, Timing timing) {
        this.keyboard = keyboard;
        this.timing = timing;
        this.teleopHeld = new int[teleopSets];
        this.pressAt = new long[teleopSets * TeleopKeys.MAX_KEYS];
        this.presses = new long[teleopSets];
        this.repeats = new long[teleopSets];
        this.repeated = new int[teleopSets];
        for (int axis = 0; axis < AXES; axis++) {
            assumeRange(axis);
        }
    }

    /** The time of the events that follow, from {@code System.nanoTime()}. */
    void at(long nanos) {
        now = nanos;
    }

    /** The range the driver reports for an axis (EVIOCGABS), with its value when the node was opened. */
    void range(int axis, int min, int max, int current) {
        if (axis < 0 || axis >= AXES || max <= min) {
            return;
        }
        long span = (long) max - min;
        boolean resting = Codes.isTrigger(axis) && current - (long) min < span / 4;
        rest[axis] = resting ? min : (int) (((long) min + max) / 2);
        long reach = Codes.isTrigger(axis) && resting ? span : span / 2;
        threshold[axis] = Codes.isHat(axis) ? 0 : (int) Math.max(1, Math.round(reach * timing.deadZone()));
        fuzz[axis] = (int) Math.max(0, span / 100);
        value[axis] = current;
        setDeflected(axis, current);
    }

    /**
     * No range known (a FIFO in tests answers no EVIOCGABS): sticks ±32767, triggers 0..1023, hats ±1,
     * the ranges of the Xbox drivers.
     */
    private void assumeRange(int axis) {
        if (Codes.isHat(axis)) {
            range(axis, -1, 1, 0);
        } else if (Codes.isTrigger(axis)) {
            range(axis, 0, 1023, 0);
        } else {
            range(axis, -32768, 32767, 0);
        }
    }

    /** Axis {@code axis} rests where it is first seen, with the dead zone of {@code span}. */
    void learnRest(int axis, int span) {
        learnRest |= 1L << axis;
        threshold[axis] = (int) Math.max(1, Math.round(span / 2.0 * timing.deadZone()));
        fuzz[axis] = Math.max(0, span / 100);
    }

    @Override
    public void axis(int axis, int newValue) {
        if (discarding || axis < 0 || axis >= AXES) {
            return;
        }
        long bit = 1L << axis;
        if ((learnRest & bit) != 0) {
            learnRest &= ~bit;
            rest[axis] = newValue;
            value[axis] = newValue;
            return;
        }
        boolean was = (deflected & bit) != 0;
        int old = value[axis];
        value[axis] = newValue;
        boolean is = setDeflected(axis, newValue);
        if (was != is || is && Math.abs((long) newValue - old) > fuzz[axis]) {
            changed = true;
        }
    }

    private boolean setDeflected(int axis, int v) {
        boolean is = Math.abs((long) v - rest[axis]) > threshold[axis];
        deflected = is ? deflected | 1L << axis : deflected & ~(1L << axis);
        return is;
    }

    @Override
    public void button(int code, int pressed) {
        if (discarding || code < 0 || code > Codes.KEY_MAX) {
            return;
        }
        int word = code >> 6;
        long bit = 1L << (code & 63);
        boolean was = (held[word] & bit) != 0;
        if (pressed != 0 && !was) {
            held[word] |= bit;
            heldButtons++;
            changed = true;
        } else if (pressed == 0 && was) {
            held[word] &= ~bit;
            heldButtons--;
            changed = true;
        }
    }

    @Override
    public void teleopKey(int keyClass, int v) {
        int set = TeleopKeys.set(keyClass);
        if (discarding || set < 0 || set >= teleopHeld.length) {
            return;
        }
        int slot = TeleopKeys.slot(keyClass);
        int bit = 1 << slot;
        int index = set * TeleopKeys.MAX_KEYS + slot;
        boolean was = (teleopHeld[set] & bit) != 0;
        if (v == 1 && !was) {
            teleopHeld[set] |= bit;
            pressAt[index] = now;
            repeated[set] &= ~bit;
            presses[set]++;
        } else if (v == 2) {
            repeats[set]++;
            if (!was) {
                teleopHeld[set] |= bit;
                pressAt[index] = now;
            }
            repeated[set] |= bit;
        } else if (v == 0 && was) {
            teleopHeld[set] &= ~bit;
            if ((repeated[set] & bit) != 0 && now - pressAt[index] >= timing.keyHoldNanos()) {
                sustained = true;
            }
            repeated[set] &= ~bit;
        }
        changed = true;
    }

    @Override
    public void report() {
        if (discarding) {
            discarding = false;
            changed = false;
            return;
        }
        if (!changed) {
            return;
        }
        changed = false;
        groups++;
        rotate(now);
        buckets[(int) (now / BUCKET_NANOS % BUCKETS)]++;
        if (streakStart < 0) {
            streakStart = now;
            sustained = false;
        }
        lastChange = now;
    }

    @Override
    public void dropped() {
        drops++;
        discarding = true;
        changed = false;
        Arrays.fill(held, 0);
        heldButtons = 0;
        Arrays.fill(teleopHeld, 0);
        Arrays.fill(repeated, 0);
        deflected = 0;
    }

    @Override
    public void malformed() {
        malformed++;
    }

    @Override
    public void jsAxis(int number, int v, boolean init) {
        if (number >= AXES) {
            malformed();
            return;
        }
        if (init) {
            // joydev scales every axis to ±32767; a trigger at rest sits at the bottom
            rest[number] = Math.abs(v) > 30000 ? v : 0;
            threshold[number] = (int) Math.round((Math.abs(rest[number]) > 0 ? 65534 : 32767) * timing.deadZone());
            fuzz[number] = 655;
            value[number] = v;
            setDeflected(number, v);
            return;
        }
        axis(number, v);
        report();
    }

    @Override
    public void jsButton(int number, int v, boolean init) {
        int code = Codes.BTN_MISC + number;
        if (code > Codes.KEY_MAX) {
            malformed();
            return;
        }
        if (init) {
            // the state at open is where we start from, not activity
            if (v != 0) {
                held[code >> 6] |= 1L << (code & 63);
                heldButtons++;
            }
            return;
        }
        button(code, v);
        report();
    }

    /** Whether a control is held or deflected now. */
    private boolean engagedNow() {
        if (keyboard) {
            for (int mask : teleopHeld) {
                if (mask != 0) {
                    return true;
                }
            }
            return false;
        }
        return heldButtons > 0 || deflected != 0;
    }

    /**
     * Ends a streak that went idle and says whether the device is being driven at {@code t}. Call
     * it on every evaluation: it is what ages a streak out.
     */
    boolean driving(long t) {
        if (streakStart < 0) {
            return false;
        }
        long quiet = t - lastChange;
        boolean engaged = engagedNow() && quiet <= (keyboard ? timing.idleNanos() : timing.maxHoldNanos());
        if (!engaged && quiet > timing.idleNanos()) {
            streakStart = -1;
            sustained = false;
            return false;
        }
        if (keyboard) {
            sustained |= longestRepeatingHold(t) >= timing.keyHoldNanos();
            return sustained;
        }
        long end = engaged ? t : lastChange;
        return end - streakStart >= timing.minActiveNanos();
    }

    /** How long the longest teleop key held now, autorepeating, has been down. */
    private long longestRepeatingHold(long t) {
        long longest = 0;
        for (int set = 0; set < teleopHeld.length; set++) {
            int repeating = teleopHeld[set] & repeated[set];
            for (int slot = 0; repeating != 0 && slot < TeleopKeys.MAX_KEYS; slot++) {
                if ((repeating & 1 << slot) != 0) {
                    longest = Math.max(longest, t - pressAt[set * TeleopKeys.MAX_KEYS + slot]);
                }
            }
        }
        return longest;
    }

    /** The nanoTime at which, without another event, {@link #driving} may change; MAX_VALUE if never. */
    long nextChange(long t) {
        if (streakStart < 0) {
            return Long.MAX_VALUE;
        }
        boolean engaged = engagedNow();
        long holdLimit = keyboard ? timing.idleNanos() : timing.maxHoldNanos();
        long next = lastChange + Math.max(timing.idleNanos(), engaged ? holdLimit : 0) + 1;
        if (engaged && lastChange + holdLimit + 1 > t) {
            next = Math.min(next, lastChange + holdLimit + 1);
        }
        if (keyboard) {
            long remaining = timing.keyHoldNanos() - longestRepeatingHold(t);
            if (!sustained && remaining > 0 && repeatingNow()) {
                next = Math.min(next, t + remaining);
            }
        } else if (engaged && streakStart + timing.minActiveNanos() > t) {
            next = Math.min(next, streakStart + timing.minActiveNanos());
        }
        return next;
    }

    private boolean repeatingNow() {
        for (int set = 0; set < teleopHeld.length; set++) {
            if ((teleopHeld[set] & repeated[set]) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Controls held or deflected now: axes, buttons and teleop keys. */
    int activeControls() {
        int keys = 0;
        for (int mask : teleopHeld) {
            keys += Integer.bitCount(mask);
        }
        return Long.bitCount(deflected) + heldButtons + keys;
    }

    /** Groups of events that changed a control, per second over the last two seconds. */
    double rateHz(long t) {
        rotate(t);
        long sum = 0;
        for (long bucket : buckets) {
            sum += bucket;
        }
        return sum / (BUCKETS * BUCKET_NANOS / 1e9);
    }

    private void rotate(long t) {
        long current = t / BUCKET_NANOS;
        if (bucketAt == 0) {
            bucketAt = current;
        }
        for (long b = bucketAt + 1; b <= current && b <= bucketAt + BUCKETS; b++) {
            buckets[(int) (b % BUCKETS)] = 0;
        }
        if (current > bucketAt) {
            bucketAt = current;
        }
    }

    /** nanoTime of the last group that changed a control, or -1. */
    long lastChange() {
        return lastChange;
    }

    long groups() {
        return groups;
    }

    long malformedCount() {
        return malformed;
    }

    long drops() {
        return drops;
    }

    /** Teleop key presses of a set (a count per class, never which key). */
    long presses(int set) {
        return set < presses.length ? presses[set] : 0;
    }

    long repeats(int set) {
        return set < repeats.length ? repeats[set] : 0;
    }

    /** The set whose keys are held now (the first), or -1. */
    int heldSet() {
        for (int set = 0; set < teleopHeld.length; set++) {
            if (teleopHeld[set] != 0) {
                return set;
            }
        }
        return -1;
    }

    /** The set with the most autorepeats, or -1 before any. */
    int busiestSet() {
        int best = -1;
        for (int set = 0; set < repeats.length; set++) {
            if (repeats[set] > 0 && (best < 0 || repeats[set] > repeats[best])) {
                best = set;
            }
        }
        return best;
    }

    boolean keyboard() {
        return keyboard;
    }
}
