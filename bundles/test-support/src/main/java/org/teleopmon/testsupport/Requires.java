package org.teleopmon.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a live test (class or method): it needs these parts of the machine. It is tagged
 * {@value #TAG}, so it runs in the integration phase (failsafe), never in the unit phase, and
 * {@link PrerequisiteExtension} applies the one policy when something is missing: under
 * {@code CI=true} the test fails naming the install command; elsewhere it is skipped with one line
 * naming it.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Tag(Requires.TAG)
@ExtendWith(PrerequisiteExtension.class)
public @interface Requires {

    /** The JUnit tag of live tests. */
    String TAG = "live";

    Prerequisite[] value();
}
