package io.visionpipeline.cloud;

import io.visionpipeline.cloud.budget.Budget;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the cloud cost so far, per instance and per job, and when and why jobs fell back to local
 * workers.
 *
 * <pre>{@code
 * CostReport costs = executor.costReport();
 * System.out.println(costs);                       // a summary a person can read
 * if (costs.fellBack()) {
 *     alerts.send("Vast.ai fell back to local workers: " + costs.fallbacks());
 * }
 * double perJob = costs.jobs().get(0).cost();       // USD, its share of its instance
 * }</pre>
 *
 * @param at              when it was taken
 * @param budget          the limits
 * @param spent           USD spent in all: every instance's price times its wall time, boot and idle included
 * @param burnPerHour     USD per hour the live instances cost now
 * @param instances       every instance rented, in renting order (the oldest gone ones may be left out)
 * @param jobs            the most recent jobs' costs (at most {@link Autoscaler#JOB_COSTS_KEPT})
 * @param jobsByPlacement how many jobs ran where, over the executor's life
 * @param jobsCost        USD of all jobs' run time on instances; {@code spent - jobsCost} is boot and idle time
 * @param fallbacks       each time the cloud failed and jobs went to local workers (the most recent ones)
 * @param fallbackActive  whether local fallback workers run now
 * @since 0.1
 */
public record CostReport(Instant at, Budget budget, double spent, double burnPerHour, List<InstanceCost> instances, List<JobCost> jobs,
                         Map<JobCost.Placement, Long> jobsByPlacement, double jobsCost, List<FallbackEvent> fallbacks, boolean fallbackActive) {

    /** Validates and copies the fields. */
    public CostReport {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(budget, "budget");
        instances = List.copyOf(instances);
        jobs = List.copyOf(jobs);
        EnumMap<JobCost.Placement, Long> counts = new EnumMap<>(JobCost.Placement.class);
        for (JobCost.Placement p : JobCost.Placement.values()) {
            counts.put(p, jobsByPlacement.getOrDefault(p, 0L));
        }
        jobsByPlacement = Map.copyOf(counts);
        fallbacks = List.copyOf(fallbacks);
    }

    /** @return whether jobs ever went to local workers because the cloud failed */
    public boolean fellBack() {
        return !fallbacks.isEmpty();
    }

    /**
     * @param placement where
     * @return how many jobs ran there
     */
    public long jobs(JobCost.Placement placement) {
        return jobsByPlacement.get(placement);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "Vast.ai cost: $%.4f of $%.2f spent, $%.3f/h now (limit $%.2f/h); %d instance(s); jobs: %d cloud ($%.4f), %d local fallback, %d other",
                spent, budget.maxTotal(), burnPerHour, budget.maxPerHour(), instances.size(), jobs(JobCost.Placement.CLOUD), jobsCost,
                jobs(JobCost.Placement.LOCAL_FALLBACK), jobs(JobCost.Placement.OTHER_WORKER)));
        for (InstanceCost instance : instances) {
            s.append("\n  ").append(instance);
        }
        if (fellBack()) {
            s.append(fallbackActive ? "\n  falling back to local workers now:" : "\n  fell back to local workers:");
            fallbacks.forEach(f -> s.append("\n    ").append(f));
        }
        return s.toString();
    }
}
