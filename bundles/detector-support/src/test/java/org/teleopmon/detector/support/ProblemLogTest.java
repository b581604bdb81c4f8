package org.teleopmon.detector.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProblemLogTest {

    @Test
    void logsTheFirstProblemThenAtMostOneLineAMinuteWithTheCountInBetween() {
        Recorded log = new Recorded();
        AtomicLong now = new AtomicLong(5);
        ProblemLog problems = new ProblemLog(log.logger, now::get);

        problems.warn("bad packet 1");
        problems.warn("bad packet 2");
        now.addAndGet(ProblemLog.QUIET_NANOS - 1);
        problems.warn("bad packet 3");
        assertThat(log.warnings()).containsExactly("bad packet 1");

        now.addAndGet(1);
        problems.warn("bad packet 4");
        now.addAndGet(ProblemLog.QUIET_NANOS);
        problems.warn("bad packet 5");

        assertThat(log.warnings()).containsExactly("bad packet 1", "bad packet 4 (and 2 more since the last report)",
                "bad packet 5");
    }
}
