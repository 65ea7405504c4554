package io.kafkaconnect.mesos.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Named valid inputs of one target (real inputs: simulator-encoded events, documentation examples, generated
 * messages) and the fuzz inputs made from them: a seed (three times in four) or a freshly generated value, with up to
 * {@value #MAX_MUTATIONS} stacked {@link Mutation}s. Every seed is also a splice donor.
 *
 * <p>Inputs are drawn from jqwik's random source, so a failure is reproduced by the seed jqwik reports; the input
 * itself is reported too ({@link FuzzInput#toString()}), mutations included.
 */
public final class Corpus {

    static final int MAX_MUTATIONS = 6;

    private final Map<String, byte[]> seeds = new LinkedHashMap<>();
    private final Map<String, Function<Random, byte[]>> generators = new LinkedHashMap<>();

    public Corpus add(String name, byte[] bytes) {
        seeds.put(name, bytes);
        return this;
    }

    /** A source of generated inputs, used for one input in four. */
    public Corpus generator(String name, Function<Random, byte[]> generator) {
        generators.put(name, generator);
        return this;
    }

    public List<byte[]> seeds() {
        return new ArrayList<>(seeds.values());
    }

    /** Fuzz inputs, mutated with the target's dictionary ({@link Mutation.Kind#INSERT_TOKEN}). */
    public Arbitrary<FuzzInput> inputs(List<byte[]> tokens) {
        if (seeds.isEmpty()) {
            throw new IllegalStateException("a corpus needs at least one seed");
        }
        List<String> seedNames = List.copyOf(seeds.keySet());
        List<String> generatorNames = List.copyOf(generators.keySet());
        Mutator mutator = new Mutator(tokens, seeds());
        return Arbitraries.randomValue(random -> {
            String origin;
            byte[] base;
            if (generatorNames.isEmpty() || random.nextInt(4) != 0) {
                origin = seedNames.get(random.nextInt(seedNames.size()));
                base = seeds.get(origin);
                origin = "seed " + origin;
            } else {
                origin = generatorNames.get(random.nextInt(generatorNames.size()));
                base = generators.get(origin).apply(random);
            }
            List<Mutation> mutations = Mutation.stack(random, MAX_MUTATIONS);
            return new FuzzInput(origin, mutations, mutator.apply(base, mutations));
        }).withoutEdgeCases();
    }
}
