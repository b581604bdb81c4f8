package org.teleopmon.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.TestAbortedException;

/**
 * The policy on sample live tests run through the JUnit engine, with prerequisites made absent by
 * configuration (as {@code -Dteleop.prerequisites.absent=CHROMIUM} does on a real run): skipped with
 * one line elsewhere, failed under CI with the install command, run when nothing is missing.
 */
class PrerequisiteExtensionTest {

    @Test
    void outsideCiAMissingPrerequisiteSkipsTheTestWithOneLineNamingThePackage() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Events tests = printingTo(printed, () -> {
            run(DashboardSample.class, "false", "CHROMIUM");
            return run(DashboardSample.class, "false", "CHROMIUM");
        });

        // The class is skipped as a whole: no test of it starts.
        tests.assertStatistics(s -> s.skipped(1).failed(0));
        assertThat(tests.started().filter(e -> e.getTestDescriptor().isTest())).isEmpty();
        Event skipped = tests.skipped().list().get(0);
        String line = "SKIPPED DashboardSample: needs Chromium (sudo apt-get install chromium)";
        assertThat(skipped.getPayload(String.class)).contains(line);
        assertThat(printed.toString(StandardCharsets.UTF_8)).as("one line, however often the class is skipped")
                .isEqualTo(line + System.lineSeparator());
    }

    @Test
    void underCiAMissingPrerequisiteFailsTheTestWithTheInstallCommand() {
        Events tests = run(DashboardSample.class, "true", "CHROMIUM,GSTREAMER");

        // The class fails before any of its tests starts.
        tests.assertStatistics(s -> s.failed(1));
        assertThat(tests.started().filter(e -> e.getTestDescriptor().isTest())).isEmpty();
        Throwable failure = tests.failed().list().get(0).getPayload(
                TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("DashboardSample needs "
                + "Chromium (sudo apt-get install chromium). CI=true");
        assertThat(failure.getMessage()).doesNotContain("GStreamer");
    }

    @Test
    void aMethodsOwnPrerequisitesAddToItsClasss() {
        Events tests = printingTo(new ByteArrayOutputStream(), () -> run(MethodLevelSample.class, "false", "ROOT"));

        tests.assertStatistics(s -> s.skipped(1).failed(0));
        assertThat(tests.succeeded().filter(e -> e.getTestDescriptor().isTest()).map(e -> e.getTestDescriptor()
                .getDisplayName())).containsExactly("plain()");
        assertThat(tests.skipped().list().get(0).getPayload(String.class)).contains(
                "SKIPPED MethodLevelSample.needsRoot: needs root (run the tests as root, as CI does)");
    }

    @Test
    void helpersApplyTheSamePolicy() {
        List<Prerequisite> missing = List.of(Prerequisite.LIBPCAP, Prerequisite.ROOT);
        Prerequisites laptop = new Prerequisites(false, p -> !missing.contains(p));
        Prerequisites ci = new Prerequisites(true, p -> !missing.contains(p));

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        laptop.require("SampleLiveTest", Prerequisite.PYTHON_ZMQ);
        assertThat(laptop.missing(Prerequisite.PYTHON_ZMQ, Prerequisite.ROOT, Prerequisite.LIBPCAP, Prerequisite.ROOT))
                .containsExactly(Prerequisite.ROOT, Prerequisite.LIBPCAP);
        assertThatThrownBy(() -> printingTo(printed, () -> {
            laptop.require("SampleLiveTest", Prerequisite.LIBPCAP);
            return null;
        }))
                .isInstanceOf(TestAbortedException.class)
                .hasMessage("SKIPPED SampleLiveTest: needs libpcap (sudo apt-get install libpcap0.8)");
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .isEqualTo("SKIPPED SampleLiveTest: needs libpcap (sudo apt-get install libpcap0.8)" + System.lineSeparator());
        assertThatThrownBy(() -> ci.require("SampleLiveTest", Prerequisite.LIBPCAP))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith(
                        "SampleLiveTest needs libpcap (sudo apt-get install libpcap0.8). CI=true");
    }

    /** What {@code action} returns, with what it prints to System.out kept in {@code printed}, off the build's console. */
    private static <T> T printingTo(ByteArrayOutputStream printed, Supplier<T> action) {
        PrintStream console = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            return action.get();
        } finally {
            System.setOut(console);
        }
    }

    private static Events run(Class<?> sample, String ci, String absent) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample))
                .configurationParameter(Prerequisites.CI_PARAMETER, ci)
                .configurationParameter(Prerequisites.ABSENT_PARAMETER, absent)
                .execute().allEvents();
    }

    /** A live test as the streamer's dashboard test is: the whole class needs the browser. */
    @Requires(Prerequisite.CHROMIUM)
    static class DashboardSample {

        @Test
        void opensThePage() {
        }
    }

    /** A class with a plain test and a live one. */
    static class MethodLevelSample {

        @Test
        void plain() {
        }

        @Test
        @Requires(Prerequisite.ROOT)
        void needsRoot() {
        }
    }
}
