package io.visionpipeline.cloud;

import io.visionpipeline.cloud.budget.Budget;
import io.visionpipeline.cloud.testing.LogCapture;
import io.visionpipeline.cloud.testing.Simulation;
import io.visionpipeline.cloud.vastai.InstanceRequest;
import io.visionpipeline.cloud.vastai.OfferQuery;
import io.visionpipeline.cloud.vastai.VastAiClient;
import io.visionpipeline.cloud.vastai.VastAiCredentials;
import io.visionpipeline.cloud.vastai.VastAiException;
import io.visionpipeline.executor.AnalysisJob;
import io.visionpipeline.executor.ProgressListener;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.redis.MediaTransport;
import io.visionpipeline.report.MediaReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API key (and the Redis password the workers get) never appear in the log, at debug level
 * included, nor in any exception's message, cause or stack trace, nor in a {@code toString()}:
 * the test runs every failure the client knows against a simulator that even quotes the
 * {@code Authorization} header in its error answers, captures all of it, and searches it.
 */
@Timeout(180)
class SecretsTest {

    @Test
    void theApiKeyAndTheRedisPasswordNeverAppearInLogsExceptionsOrToString() throws Exception {
        List<Throwable> failures = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        String redisPassword = "redis-pw-4f0d9b8e77a2";
        String wrongKey = "vk-wrong-c6a1e2f09b";
        String logged;
        String apiKey;
        try (LogCapture log = new LogCapture(); Simulation sim = new Simulation(Duration.ofSeconds(30))) {
            apiKey = sim.apiKey;
            sim.cloud.market(40, 3);
            sim.cloud.bootTime(Duration.ofSeconds(20));
            sim.cloud.echoCredentialsInErrors();
            VastAiClient vast = sim.client;
            VastAiClient wrong = VastAiClient.builder().baseUri(sim.cloud.uri()).credentials(VastAiCredentials.of(wrongKey)).maxAttempts(2)
                    .backoff(Duration.ofMillis(5), Duration.ofMillis(10)).build();
            URI nowhere;
            try (ServerSocket socket = new ServerSocket(0)) {
                nowhere = URI.create("http://127.0.0.1:" + socket.getLocalPort());
            }
            VastAiClient unreachable = VastAiClient.builder().baseUri(nowhere).credentials(VastAiCredentials.of(apiKey)).maxAttempts(2)
                    .backoff(Duration.ofMillis(5), Duration.ofMillis(10)).build();
            InstanceRequest request = InstanceRequest.builder("registry.example.com/vp-worker:test").label("secret-test")
                    .env("VP_REDIS_PASSWORD", redisPassword).build();

            sim.cloud.rateLimitNext(3);
            long offer = vast.searchOffers(OfferQuery.builder().build()).get(0).id();
            sim.cloud.rejectNext(1);
            catching(failures, () -> vast.searchOffers(OfferQuery.builder().build()));
            sim.cloud.failNext(20);
            catching(failures, vast::instances);
            sim.cloud.failNext(0);
            sim.cloud.loseNextCreateAnswers(1);
            catching(failures, () -> vast.createInstance(offer, request));
            sim.cloud.raceNextCreates(1);
            catching(failures, () -> vast.createInstance(vast.searchOffers(OfferQuery.builder().build()).get(0).id(), request));
            catching(failures, wrong::instances);
            catching(failures, unreachable::instances);
            catching(failures, () -> VastAiClient.builder().baseUri(sim.cloud.uri()).credentials(VastAiCredentials.of("")).build());

            WorkerTemplate worker = WorkerTemplate.builder("registry.example.com/vp-worker:test")
                    .redisUri("rediss://vp:" + redisPassword + "@vps.example.com:6380").redisPassword(redisPassword).build();
            for (VastAiClient client : List.of(wrong, vast)) {
                Autoscaler.Builder fleet = Autoscaler.builder(sim.queue, client).worker(worker).budget(Budget.of(2, 5).guard(Duration.ofMinutes(1)))
                        .policy(ScalingPolicy.builder().maxInstances(2).tickInterval(Duration.ofSeconds(10)).idleTimeout(Duration.ofSeconds(30)).build())
                        .localWorkers(sim.workers.local("local-secrets", 2)).clock(sim.clock).manualTicks();
                try (VastAiExecutor executor = VastAiExecutor.builder(fleet).mediaTransport(MediaTransport.REFERENCE).build()) {
                    List<CompletableFuture<MediaReport>> jobs = new ArrayList<>();
                    for (int i = 0; i < 6; i++) {
                        jobs.add(executor.submit(new AnalysisJob("secret-job-" + client.hashCode() + "-" + i, MediaSource.of(Path.of("/m/" + i + ".mp4")),
                                AutoscalerTest.SPEC, null), ProgressListener.NONE));
                    }
                    for (int step = 0; step < 40 && !jobs.stream().allMatch(CompletableFuture::isDone); step++) {
                        sim.clock.advance(Duration.ofSeconds(10));
                        sim.cloud.update();
                        sim.workers.step();
                        executor.autoscaler().tick();
                        Thread.sleep(5);
                    }
                    assertThat(jobs).allSatisfy(f -> assertThat(f).isCompleted());
                    texts.add(executor.costReport().toString());
                    texts.add(executor.toString());
                }
            }
            assertThat(sim.cloud.rentals()).as("the correct key rented instances, with the password in their environment")
                    .filteredOn(r -> !r.label().equals("secret-test")).isNotEmpty().allSatisfy(r -> assertThat(r.env()).containsEntry("VP_REDIS_PASSWORD", redisPassword));
            texts.add(vast.toString());
            texts.add(request.toString());
            texts.add(worker.toString());
            texts.add(VastAiCredentials.of(apiKey).toString());
            logged = log.text();
        }

        assertThat(failures).extracting(e -> ((VastAiException) e).reason()).containsExactlyInAnyOrder(VastAiException.Reason.REJECTED,
                VastAiException.Reason.SERVER_ERROR, VastAiException.Reason.OUTCOME_UNKNOWN, VastAiException.Reason.OFFER_GONE,
                VastAiException.Reason.UNAUTHORIZED, VastAiException.Reason.UNREACHABLE, VastAiException.Reason.MISSING_KEY);
        for (Throwable failure : failures) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            texts.add(trace.toString());
        }
        assertThat(logged).as("the log was captured, debug lines included")
                .contains("DEBUG io.visionpipeline.cloud.vastai.VastAiClient - Vast.ai GET /api/v0/bundles/ -> HTTP 200")
                .contains("rate limited (HTTP 429)").contains("the API key was refused").contains("Rented Vast.ai offer");
        assertThat(failures.get(0).getMessage()).as("the quoted answer is redacted").contains("(got Authorization: Bearer ***)");
        for (String secret : List.of(apiKey, wrongKey, redisPassword)) {
            assertThat(logged).as("the log").doesNotContain(secret);
            assertThat(texts).as("exceptions and toString()").noneMatch(t -> t.contains(secret));
        }
    }

    private static void catching(List<Throwable> failures, Runnable call) {
        try {
            call.run();
        } catch (VastAiException e) {
            failures.add(e);
        }
    }
}
