package org.teleopmon.testsupport;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.opentest4j.TestAbortedException;

/**
 * The one policy for a live test whose prerequisites are missing: under {@code CI=true} it fails
 * with the install command (CI installs everything, so a gap is a broken CI, not a reason to pass);
 * elsewhere it is skipped with one line naming what to install. {@link PrerequisiteExtension} applies
 * it to {@link Requires} tests; helpers that start a browser or make a namespace call
 * {@link #require} so that a test that forgot its annotation meets the same policy.
 */
public final class Prerequisites {

    /** Configuration parameter (or system property): {@code true} behaves as CI; unset reads {@code CI}. */
    public static final String CI_PARAMETER = "teleop.ci";
    /**
     * Configuration parameter (or system property): prerequisites to treat as missing, comma-separated
     * names such as {@code CHROMIUM,GSTREAMER}, to see what a machine without them does.
     */
    public static final String ABSENT_PARAMETER = "teleop.prerequisites.absent";

    private static final Map<Prerequisite, Boolean> PROBED = new EnumMap<>(Prerequisite.class);
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private final boolean ci;
    private final Predicate<Prerequisite> present;

    Prerequisites(boolean ci, Predicate<Prerequisite> present) {
        this.ci = ci;
        this.present = present;
    }

    /** The policy of this JVM: {@code CI} from the environment, prerequisites probed once each. */
    public static Prerequisites fromEnvironment() {
        return configured(System.getProperty(CI_PARAMETER), System.getProperty(ABSENT_PARAMETER));
    }

    /** The policy for the given parameters, falling back to the environment and the machine. */
    static Prerequisites configured(String ciParameter, String absentParameter) {
        boolean ci = Boolean.parseBoolean(ciParameter == null ? System.getenv("CI") : ciParameter);
        Set<String> absent = absentParameter == null ? Set.of() : Arrays.stream(absentParameter.split(","))
                .map(s -> s.trim().toUpperCase(Locale.ROOT)).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        return new Prerequisites(ci, p -> !absent.contains(p.name()) && probed(p));
    }

    private static boolean probed(Prerequisite p) {
        synchronized (PROBED) {
            return PROBED.computeIfAbsent(p, Prerequisite::probe);
        }
    }

    /** Whether a missing prerequisite fails the run (CI) rather than skips the test. */
    public boolean ci() {
        return ci;
    }

    /** Those of {@code needed} this machine lacks, in the order given. */
    public List<Prerequisite> missing(Prerequisite... needed) {
        return Arrays.stream(needed).distinct().filter(present.negate()).toList();
    }

    /**
     * Applies the policy for {@code test} (a name for people): returns when everything is there;
     * otherwise throws {@link AssertionError} under CI or {@link TestAbortedException} elsewhere, after
     * printing the one line.
     */
    public void require(String test, Prerequisite... needed) {
        List<Prerequisite> missing = missing(needed);
        if (missing.isEmpty()) {
            return;
        }
        if (ci) {
            throw new AssertionError(failure(test, missing));
        }
        String line = skipLine(test, missing);
        report(line);
        throw new TestAbortedException(line);
    }

    /** {@link #require(String, Prerequisite...)} with this JVM's policy, for helpers. */
    public static void require(Prerequisite... needed) {
        fromEnvironment().require(caller(), needed);
    }

    /** The one line a skipped test prints. */
    static String skipLine(String test, List<Prerequisite> missing) {
        return "SKIPPED " + test + ": needs " + describe(missing);
    }

    /** The failure of a test under CI. */
    static String failure(String test, List<Prerequisite> missing) {
        return test + " needs " + describe(missing) + ". CI=true: a missing prerequisite fails the run; "
                + ".ci/run installs them all.";
    }

    /** Prints the line once per JVM, so that a class of ten skipped tests says it once. */
    static void report(String line) {
        if (REPORTED.add(line)) {
            System.out.println(line);
        }
    }

    private static String describe(List<Prerequisite> missing) {
        return missing.stream().map(Prerequisite::toString).collect(Collectors.joining(", "));
    }

    private static String caller() {
        return StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                .filter(c -> !c.startsWith(Prerequisites.class.getPackageName())).findFirst().orElse("a test"));
    }
}
