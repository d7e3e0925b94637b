package io.visionpipeline.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The results of JMH runs ({@code -rf json} files), searchable by benchmark class, method and parameters. */
final class JmhResults {
    /**
     * One benchmark result: its primary score, and each secondary metric's values summed over every
     * iteration of every fork (for counters such as {@code StageOverheadBenchmark.Sides}).
     */
    record Result(String benchmarkClass, String method, Map<String, String> params, String mode, int threads, double score,
                  double error, String unit, Map<String, Double> secondaryTotals) {

        /**
         * @param metric a secondary metric's name
         * @return its values summed over all iterations and forks, NaN when the result has no such metric
         */
        double total(String metric) {
            return secondaryTotals.getOrDefault(metric, Double.NaN);
        }

        /** @return the time one operation takes, seconds, whatever the mode ({@code ops/s} or {@code ms/op}, …) */
        double secondsPerOp() {
            int slash = unit.indexOf('/');
            return mode.equals("thrpt") ? seconds(unit.substring(slash + 1)) / score : score * seconds(unit.substring(0, slash));
        }

        private static double seconds(String unit) {
            return switch (unit) {
                case "min" -> 60;
                case "s" -> 1;
                case "ms" -> 1e-3;
                case "us" -> 1e-6;
                case "ns" -> 1e-9;
                default -> throw new IllegalArgumentException("unknown JMH time unit " + unit);
            };
        }
    }

    private final List<Result> results;

    private JmhResults(List<Result> results) {
        this.results = results;
    }

    /**
     * @param files JMH JSON result files; missing ones are skipped
     * @return their results together
     */
    static JmhResults read(List<Path> files) {
        ObjectMapper json = new ObjectMapper();
        List<Result> all = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                for (JsonNode r : json.readTree(file.toFile())) {
                    String benchmark = r.get("benchmark").asText();
                    String[] parts = benchmark.split("\\.");
                    Map<String, String> params = new LinkedHashMap<>();
                    if (r.has("params")) {
                        r.get("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
                    }
                    JsonNode primary = r.get("primaryMetric");
                    all.add(new Result(parts[parts.length - 2], parts[parts.length - 1], params, r.get("mode").asText(),
                            r.get("threads").asInt(), primary.get("score").asDouble(), primary.get("scoreError").asDouble(),
                            primary.get("scoreUnit").asText(), secondaryTotals(r.path("secondaryMetrics"))));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read JMH results " + file + ": " + e.getMessage(), e);
            }
        }
        return new JmhResults(all);
    }

    private static Map<String, Double> secondaryTotals(JsonNode metrics) {
        Map<String, Double> totals = new LinkedHashMap<>();
        metrics.fields().forEachRemaining(m -> {
            double sum = 0;
            for (JsonNode fork : m.getValue().path("rawData")) {
                for (JsonNode iteration : fork) {
                    sum += iteration.asDouble();
                }
            }
            totals.put(m.getKey(), sum);
        });
        return totals;
    }

    /**
     * @param dir a folder
     * @return every {@code jmh-*.json} in it
     */
    static List<Path> filesIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("jmh-.*\\.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param benchmarkClass simple class name
     * @param method         benchmark method
     * @param params         parameter values the result must have (others may differ)
     * @return the first such result
     */
    Optional<Result> find(String benchmarkClass, String method, Map<String, String> params) {
        return results.stream()
                .filter(r -> r.benchmarkClass().equals(benchmarkClass) && r.method().equals(method))
                .filter(r -> params.entrySet().stream().allMatch(e -> e.getValue().equals(r.params().get(e.getKey()))))
                .findFirst();
    }

    /**
     * @param benchmarkClass simple class name
     * @param param          a parameter name
     * @return its values in the results of that class, in first-seen order
     */
    List<String> paramValues(String benchmarkClass, String param) {
        return results.stream().filter(r -> r.benchmarkClass().equals(benchmarkClass))
                .map(r -> r.params().get(param)).filter(v -> v != null).distinct().toList();
    }

    boolean isEmpty() {
        return results.isEmpty();
    }
}
