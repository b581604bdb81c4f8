package org.teleopmon.testsupport;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Applies {@link Prerequisites}' policy to {@link Requires} tests: a test whose prerequisites are
 * missing is disabled with one printed line, or, under CI, fails before it starts.
 */
public final class PrerequisiteExtension implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Prerequisites policy = policy(context);
        List<Prerequisite> missing = policy.missing(needed(context));
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("prerequisites present");
        }
        if (policy.ci()) {
            return ConditionEvaluationResult.enabled("CI: fails in its callbacks");
        }
        String line = Prerequisites.skipLine(name(context), missing);
        Prerequisites.report(line);
        return ConditionEvaluationResult.disabled(line);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        failUnderCi(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        failUnderCi(context);
    }

    private static void failUnderCi(ExtensionContext context) {
        Prerequisites policy = policy(context);
        List<Prerequisite> missing = policy.missing(needed(context));
        if (!missing.isEmpty() && policy.ci()) {
            throw new AssertionError(Prerequisites.failure(name(context), missing));
        }
    }

    private static Prerequisites policy(ExtensionContext context) {
        return Prerequisites.configured(context.getConfigurationParameter(Prerequisites.CI_PARAMETER).orElse(null),
                context.getConfigurationParameter(Prerequisites.ABSENT_PARAMETER).orElse(null));
    }

    /** The prerequisites of the test method (if any) and of its class and enclosing classes. */
    private static Prerequisite[] needed(ExtensionContext context) {
        List<Prerequisite> needed = new ArrayList<>();
        context.getTestMethod().ifPresent(m -> add(m, needed));
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            add(c, needed);
        }
        return needed.toArray(new Prerequisite[0]);
    }

    private static void add(AnnotatedElement element, List<Prerequisite> into) {
        AnnotationSupport.findAnnotation(element, Requires.class).ifPresent(r -> into.addAll(List.of(r.value())));
    }

    private static String name(ExtensionContext context) {
        String type = context.getTestClass().map(Class::getSimpleName).orElse(context.getDisplayName());
        return context.getTestMethod().map(m -> type + "." + m.getName()).orElse(type);
    }
}
