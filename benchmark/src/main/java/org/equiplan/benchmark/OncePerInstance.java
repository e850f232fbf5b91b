package org.equiplan.benchmark;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * An exact yardstick's answer (CBC) per instance: it does not depend on the solver's seed, so with several seeds it
 * runs once per benchmark.
 */
final class OncePerInstance<T> {

    private final Map<String, T> answers = new HashMap<>();

    T get(String instance, Callable<T> solve) throws Exception {
        if (!answers.containsKey(instance)) {
            answers.put(instance, solve.call());
        }
        return answers.get(instance);
    }
}
