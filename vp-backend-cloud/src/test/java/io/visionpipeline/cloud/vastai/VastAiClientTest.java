package io.visionpipeline.cloud.vastai;

import io.visionpipeline.cloud.testing.InstanceRuntime;
import io.visionpipeline.cloud.testing.VastAiSimulator;
import io.visionpipeline.cloud.vastai.VastAiException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The REST client against the Vast.ai simulator on loopback: real HTTP, real JSON, the documented endpoints. */
@Timeout(60)
class VastAiClientTest {
    private static final String KEY = "vk-client-test-7d2c9a41e0b84f6aa31c";
    private static final InstanceRequest WORKER = InstanceRequest.builder("registry.example.com/vp-worker:test").label("vp-test-1").disk(20)
            .env("VP_WORKER_ID", "vp-test-1").onstart("exec vp worker --id \"$VP_WORKER_ID\"").build();

    private VastAiSimulator cloud;
    private VastAiClient vast;

    @BeforeEach
    void start() {
        cloud = new VastAiSimulator(Clock.systemUTC(), KEY, InstanceRuntime.NOTHING).market(120, 42);
        cloud.bootTime(Duration.ofMillis(300));
        vast = client(KEY, cloud.uri());
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private static VastAiClient client(String key, URI uri) {
        return VastAiClient.builder().baseUri(uri).credentials(VastAiCredentials.of(key)).maxAttempts(4)
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(1)).requestTimeout(Duration.ofSeconds(5)).build();
    }

    private long requests(String method, Predicate<String> path) {
        return cloud.requests().stream().filter(r -> r.method().equals(method) && path.test(r.path())).count();
    }

    @Test
    void searchSendsTheDocumentedFiltersAndReturnsOnlyMatchingOffersCheapestFirst() {
        OfferQuery query = OfferQuery.builder().gpuNames("RTX_3090", "RTX 4090").minGpuRamMb(24_000).minCudaMaxGood(12.0)
                .minReliability(0.95).maxDphTotal(0.40).build();
        List<Offer> offers = vast.searchOffers(query);
        OfferQuery anything = OfferQuery.builder().verifiedOnly(false).minReliability(0).maxDphTotal(100).limit(1000).build();
        List<Offer> market = vast.searchOffers(anything);

        assertThat(offers).isNotEmpty().allSatisfy(o -> {
            assertThat(o.gpuName()).isIn("RTX 3090", "RTX 4090");
            assertThat(o.gpuRamMb()).isGreaterThanOrEqualTo(24_000);
            assertThat(o.cudaMaxGood()).isGreaterThanOrEqualTo(12.0);
            assertThat(o.reliability()).isGreaterThanOrEqualTo(0.95);
            assertThat(o.verified()).isTrue();
            assertThat(o.numGpus()).isEqualTo(1);
            assertThat(o.dphTotal()).isLessThanOrEqualTo(0.40);
        });
        assertThat(offers).extracting(Offer::dphTotal).isSorted();
        assertThat(market.stream().filter(query::accepts)).as("the server's filtering equals the query's own").hasSameSizeAs(offers);
        assertThat(market).as("the market has offers each condition excludes")
                .anyMatch(o -> !o.verified()).anyMatch(o -> o.reliability() < 0.95).anyMatch(o -> o.cudaMaxGood() < 12)
                .anyMatch(o -> o.dphTotal() > 0.40).anyMatch(o -> o.gpuRamMb() < 24_000);
        assertThat(vast.searchOffers(OfferQuery.builder().numGpus(2).verifiedOnly(false).minReliability(0).maxDphTotal(100).build()))
                .as("two-GPU machines exist but a one-GPU query leaves them out").isNotEmpty().allMatch(o -> o.numGpus() == 2);
    }

    @Test
    void anInstanceIsLoadingThenRunningWithItsAddressAndIsConfirmedGoneAfterDestroy() throws InterruptedException {
        Offer offer = vast.searchOffers(OfferQuery.builder().build()).get(0);
        long id = vast.createInstance(offer.id(), WORKER);

        Instance loading = vast.instance(id).orElseThrow();
        assertThat(loading.isStarting()).isTrue();
        assertThat(loading.label()).isEqualTo("vp-test-1");
        assertThat(loading.publicIp()).isEmpty();
        assertThat(loading.dphTotal()).isEqualTo(offer.dphTotal());
        assertThat(cloud.rentals()).singleElement().satisfies(r -> {
            assertThat(r.env()).containsEntry("VP_WORKER_ID", "vp-test-1");
            assertThat(r.onstart()).isEqualTo(WORKER.onstart());
        });
        assertThat(vast.searchOffers(OfferQuery.builder().build())).as("a rented machine is no longer offered")
                .noneMatch(o -> o.id() == offer.id());

        Thread.sleep(500);
        Instance running = vast.instance(id).orElseThrow();
        assertThat(running.isRunning()).isTrue();
        assertThat(running.publicIp()).isEqualTo("127.0.0.1");
        assertThat(running.ports()).containsKey("22/tcp");
        assertThat(vast.instances()).extracting(Instance::id).containsExactly(id);

        vast.destroyAndConfirm(id, Duration.ofSeconds(5));
        assertThat(vast.instance(id)).isEmpty();
        assertThat(vast.instances()).isEmpty();
        assertThat(vast.destroyInstance(id)).as("destroying it again: it does not exist").isFalse();
    }

    @Test
    void rateLimitedReadsBackOffWithGrowingJitteredPausesAndThenSucceed() {
        cloud.rateLimitNext(2);
        List<Offer> offers = vast.searchOffers(OfferQuery.builder().build());

        assertThat(offers).isNotEmpty();
        List<VastAiSimulator.Request> tries = cloud.requests().stream().filter(r -> r.path().startsWith("/api/v0/bundles")).toList();
        assertThat(tries).extracting(VastAiSimulator.Request::status).containsExactly(429, 429, 200);
        long firstPause = (tries.get(1).nanoTime() - tries.get(0).nanoTime()) / 1_000_000;
        long secondPause = (tries.get(2).nanoTime() - tries.get(1).nanoTime()) / 1_000_000;
        assertThat(firstPause).as("first pause: half to all of 100 ms").isBetween(50L, 1000L);
        assertThat(secondPause).as("second pause: half to all of 200 ms").isGreaterThanOrEqualTo(100L);
    }

    @Test
    void aRateLimitedCreateIsSentAgainBecauseTheServerDidNotRunIt() {
        Offer offer = vast.searchOffers(OfferQuery.builder().build()).get(0);
        cloud.rateLimitNext(1);
        long id = vast.createInstance(offer.id(), WORKER);

        assertThat(requests("PUT", p -> p.startsWith("/api/v0/asks/"))).isEqualTo(2);
        assertThat(cloud.rentals()).singleElement().satisfies(r -> assertThat(r.id()).isEqualTo(id));
    }

    @Test
    void aCreateWhoseAnswerIsLostIsNeverSentAgainAndItsLabelFindsTheInstance() {
        Offer offer = vast.searchOffers(OfferQuery.builder().build()).get(0);
        cloud.loseNextCreateAnswers(1);

        assertThatThrownBy(() -> vast.createInstance(offer.id(), WORKER)).isInstanceOf(VastAiException.class)
                .satisfies(e -> assertThat(((VastAiException) e).reason()).isEqualTo(Reason.OUTCOME_UNKNOWN))
                .hasMessageContaining("renting offer " + offer.id()).hasMessageContaining("not sent again");
        assertThat(requests("PUT", p -> p.startsWith("/api/v0/asks/"))).as("sent once").isEqualTo(1);
        assertThat(vast.instances()).extracting(Instance::label).containsExactly("vp-test-1");
    }

    @Test
    void aCreateThatFailedOnTheServerIsNotSentAgainEither() {
        Offer offer = vast.searchOffers(OfferQuery.builder().build()).get(0);
        cloud.failNext(1);

        assertThatThrownBy(() -> vast.createInstance(offer.id(), WORKER))
                .satisfies(e -> assertThat(((VastAiException) e).reason()).isEqualTo(Reason.OUTCOME_UNKNOWN));
        assertThat(requests("PUT", p -> p.startsWith("/api/v0/asks/"))).isEqualTo(1);
        assertThat(vast.instances()).as("this time nothing was rented").isEmpty();
    }

    @Test
    void anOfferRentedByOthersMeanwhileFailsWithOfferGone() {
        Offer offer = vast.searchOffers(OfferQuery.builder().build()).get(0);
        cloud.raceNextCreates(1);

        assertThatThrownBy(() -> vast.createInstance(offer.id(), WORKER)).isInstanceOf(VastAiException.class)
                .satisfies(e -> {
                    VastAiException v = (VastAiException) e;
                    assertThat(v.reason()).isEqualTo(Reason.OFFER_GONE);
                    assertThat(v.httpStatus()).isEqualTo(410);
                    assertThat(v.errorCode()).isEqualTo("no_such_ask");
                }).hasMessageContaining("take the next offer");
        assertThat(vast.instances()).isEmpty();
    }

    @Test
    void aRefusedKeyFailsAtOnceWithUnauthorized() {
        VastAiClient wrong = client("vk-wrong-0000", cloud.uri());

        assertThatThrownBy(wrong::instances).isInstanceOf(VastAiException.class)
                .satisfies(e -> assertThat(((VastAiException) e).reason()).isEqualTo(Reason.UNAUTHORIZED))
                .hasMessageContaining("HTTP 401").hasMessageContaining("VAST_API_KEY");
        assertThat(cloud.requests()).hasSize(1);
    }

    @Test
    void anUnreachableApiFailsWithUnreachableAfterItsTries() throws IOException {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        VastAiClient nowhere = client(KEY, closed);

        assertThatThrownBy(nowhere::instances).isInstanceOf(VastAiException.class)
                .satisfies(e -> assertThat(((VastAiException) e).reason()).isEqualTo(Reason.UNREACHABLE))
                .hasMessageContaining("cannot connect to " + closed).hasMessageContaining("after 4 tries");
    }

    @Test
    void missingKeyIsAClearErrorBeforeAnythingIsSent() {
        VastAiClient keyless = VastAiClient.builder().baseUri(cloud.uri())
                .credentials(VastAiCredentials.file(java.nio.file.Path.of("/nonexistent/vast_api_key"))).build();

        assertThatThrownBy(keyless::instances).isInstanceOf(VastAiException.class)
                .satisfies(e -> assertThat(((VastAiException) e).reason()).isEqualTo(Reason.MISSING_KEY))
                .hasMessageContaining("/nonexistent/vast_api_key");
        assertThatThrownBy(() -> VastAiCredentials.of(" ")).hasMessageContaining("No Vast.ai API key");
        assertThat(cloud.requests()).isEmpty();
    }

    @Test
    void anOnstartLongerThanVastAcceptsIsRefusedBeforeSending() {
        assertThatThrownBy(() -> InstanceRequest.builder("img").onstart("x".repeat(4049)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 4048");
        assertThat(InstanceRequest.builder("img").onstart("x".repeat(4048)).build().onstart()).hasSize(4048);
    }

    @Test
    void aMissingInstanceIsEmptyNotAnError() {
        assertThat(vast.instance(123_456)).isEqualTo(Optional.empty());
    }
}
