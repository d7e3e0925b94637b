package io.visionpipeline.cloud;

import io.visionpipeline.StageKinds;
import io.visionpipeline.executor.AnalysisJob;
import io.visionpipeline.executor.PipelineExecutor;
import io.visionpipeline.executor.PipelineSpec;
import io.visionpipeline.executor.ProgressListener;
import io.visionpipeline.redis.MediaTransport;
import io.visionpipeline.redis.RedisExecutor;
import io.visionpipeline.redis.internal.Waiting;
import io.visionpipeline.redis.queue.JobOutcome;
import io.visionpipeline.report.MediaReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs pipelines on rented Vast.ai GPUs when the queue is long, within a hard budget, and on local
 * workers when the cloud fails. Jobs go to a Redis queue ({@link RedisExecutor}); an
 * {@link Autoscaler} rents instances running {@code vp worker} against that queue and destroys
 * them again. The pipeline code does not change:
 *
 * <pre>{@code
 * RedisQueueConfig queue = RedisQueueConfig.create("redis://127.0.0.1:6379");
 * try (VastAiExecutor cloud = VastAiExecutor.builder(Autoscaler.builder(queue, VastAiClient.create())   // VAST_API_KEY
 *                 .worker(WorkerTemplate.builder("ghcr.io/acme/vp-worker:0.1.0")
 *                         .redisUri("rediss://vps.example.com:6380")
 *                         .redisPassword(System.getenv("VP_REDIS_PASSWORD")).build())
 *                 .offers(OfferQuery.builder().gpuNames("RTX 3090").maxDphTotal(0.30).build())
 *                 .budget(Budget.of(1.00, 10.00)))
 *         .build();
 *      VisionPipeline vp = VisionPipeline.builder().faces().executor(cloud).build()) {
 *     List<AnalysisResult> results = vp.analyzeAll(List.of(MediaSource.of(Path.of("/srv/uploads"))));
 *     System.out.println(cloud.costReport());   // per instance, per job, and any fallback with its reason
 * }
 * }</pre>
 *
 * Files travel inline through Redis by default ({@link MediaTransport#INLINE_FILES}): rented
 * machines cannot read this machine's disk. A job that ran on a local fallback worker gets a
 * report warning that says so and why; {@link #costReport()} lists every fallback. Closing the
 * executor cancels outstanding jobs and destroys every instance, confirming each is gone.
 *
 * @since 0.1
 */
public final class VastAiExecutor implements PipelineExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(VastAiExecutor.class);

    private final Autoscaler fleet;
    private final RedisExecutor submitter;
    private final ExecutorService completions = Executors.newSingleThreadExecutor(Waiting.daemons("vp-vastai-completions"));

    private VastAiExecutor(Autoscaler fleet, RedisExecutor submitter) {
        this.fleet = fleet;
        this.submitter = submitter;
    }

    /**
     * @param fleet the autoscaler to run (its queue, Vast.ai client, worker template, offers, budget, policy)
     * @return a builder
     */
    public static Builder builder(Autoscaler.Builder fleet) {
        return new Builder(fleet);
    }

    /** @return the autoscaler (its {@link Autoscaler#tick()} when built with manual ticks) */
    public Autoscaler autoscaler() {
        return fleet;
    }

    /** @return what the cloud cost so far, per instance and per job, and when and why jobs fell back to local workers */
    public CostReport costReport() {
        return fleet.costReport();
    }

    /**
     * Checks the stage kinds; the stages are created on the workers.
     *
     * @param pipeline the pipeline
     */
    @Override
    public void prepare(PipelineSpec pipeline) {
        pipeline.stages().forEach(stage -> StageKinds.named(stage.kind()));
    }

    @Override
    public CompletableFuture<MediaReport> submit(AnalysisJob job, ProgressListener progress) {
        CompletableFuture<MediaReport> queued = submitter.submit(job, progress);
        CompletableFuture<MediaReport> result = queued.thenComposeAsync(report -> account(job, report), completions);
        result.whenComplete((report, error) -> {
            if (result.isCancelled()) {
                queued.cancel(true);
            }
        });
        return result;
    }

    /** Reads which worker stored the outcome, charges the job, and marks a report made by a local fallback worker. */
    private CompletableFuture<MediaReport> account(AnalysisJob job, MediaReport report) {
        return submitter.queue().results().get(List.of(job.id())).handleAsync((Map<String, JobOutcome> outcomes, Throwable error) -> {
            JobOutcome outcome = error == null ? outcomes.get(job.id()) : null;
            if (outcome == null) {
                LOG.debug("Job {}: its outcome is not readable ({}); not charged", job.id(), error == null ? "expired" : error.toString());
                return report;
            }
            JobCost cost = fleet.account(job.id(), job.source().id(), outcome);
            if (cost.placement() != JobCost.Placement.LOCAL_FALLBACK) {
                return report;
            }
            return report.withWarning("Analysed on the local fallback worker " + cost.worker() + ", not on a rented Vast.ai instance"
                    + (cost.note().isEmpty() ? "" : ": " + cost.note()));
        }, completions);
    }

    /** Cancels outstanding jobs, destroys every instance (confirming each is gone) and stops the local workers. */
    @Override
    public void close() {
        try {
            submitter.close();
        } finally {
            fleet.close();
            completions.shutdown();
            try {
                completions.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "VastAiExecutor[" + fleet + "]";
    }

    /** Configures a {@link VastAiExecutor}; methods are named after what they set and check their argument at once. */
    public static final class Builder {
        private final Autoscaler.Builder fleet;
        private final RedisExecutor.Builder submitter;

        private Builder(Autoscaler.Builder fleet) {
            this.fleet = Objects.requireNonNull(fleet, "fleet");
            this.submitter = RedisExecutor.builder(fleet.queue()).mediaTransport(MediaTransport.INLINE_FILES);
        }

        /**
         * @param transport how files travel (default inline: rented machines do not see this disk;
         *                  use {@link MediaTransport#REFERENCE} for URIs every worker can open)
         * @return this builder
         */
        public Builder mediaTransport(MediaTransport transport) {
            submitter.mediaTransport(transport);
            return this;
        }

        /**
         * @param bytes the most bytes of media sent inline (default 8 MiB, at most 512 MiB)
         * @return this builder
         */
        public Builder inlineLimit(long bytes) {
            submitter.inlineLimit(bytes);
            return this;
        }

        /**
         * Starts the autoscaler and connects the submitter.
         *
         * @return the executor; the pipeline that uses it closes it
         * @throws IllegalStateException when the autoscaler's settings are incomplete
         * @throws io.visionpipeline.redis.queue.RedisQueueException when Redis cannot be reached
         */
        public VastAiExecutor build() {
            Autoscaler autoscaler = fleet.start();
            try {
                return new VastAiExecutor(autoscaler, submitter.build());
            } catch (RuntimeException e) {
                autoscaler.close();
                throw e;
            }
        }
    }
}
