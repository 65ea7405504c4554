package io.kafkaconnect.mesos.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Runs a fuzz property with the input count of {@code -Dfuzz.tries} (default {@value #CI_TRIES}, the bounded CI
 * count) and prints the campaign's figures ({@link FuzzStats}) when it ends. Attach it with
 * {@code @AddLifecycleHook(FuzzCampaign.class)}.
 */
public final class FuzzCampaign implements AroundPropertyHook {

    public static final String TRIES_PROPERTY = "fuzz.tries";
    static final int CI_TRIES = 4_000;

    /** The number of inputs each fuzz target takes in this run. */
    public static int tries() {
        return Integer.getInteger(TRIES_PROPERTY, CI_TRIES);
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        context.attributes().setTries(tries());
        String target = context.containerClass().getSimpleName() + "." + context.targetMethod().getName();
        FuzzStats.start(target);
        try {
            return property.execute();
        } finally {
            System.out.println(FuzzStats.stop().summary());
        }
    }
}
