package io.visionpipeline.cloud.vastai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionpipeline.cloud.vastai.VastAiException.Reason;
import io.visionpipeline.redis.internal.Arguments;
import io.visionpipeline.redis.internal.Waiting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Vast.ai's REST API, on the JDK's {@link HttpClient}: search offers, create an instance from an
 * offer, poll it, destroy it and confirm it is gone.
 *
 * <pre>{@code
 * VastAiClient vast = VastAiClient.create();                    // key from VAST_API_KEY
 * Offer offer = vast.searchOffers(OfferQuery.builder().gpuNames("RTX 3090").maxDphTotal(0.30).build()).get(0);
 * long id = vast.createInstance(offer.id(), InstanceRequest.builder("ghcr.io/acme/vp-worker:0.1.0")
 *         .label("vp-jobs-1").onstart("exec vp worker").build());
 * Optional<Instance> now = vast.instance(id);                    // loading … running, IP and ports
 * vast.destroyAndConfirm(id, Duration.ofMinutes(1));            // DELETE, then poll until it is gone
 * }</pre>
 *
 * <p>Failures: reads and deletes (idempotent) are tried again on connection failures, HTTP 429
 * and 5xx, with exponential backoff and jitter ({@code Retry-After} is honoured). Creating an
 * instance is not idempotent: it is tried again only when the request provably did not run (no
 * connection, or HTTP 429); when its answer is lost it fails with
 * {@link VastAiException.Reason#OUTCOME_UNKNOWN} and the caller looks for the label instead. An
 * offer rented by someone else meanwhile fails with {@link VastAiException.Reason#OFFER_GONE}.
 *
 * <p>The API key comes from {@link VastAiCredentials} on each request and goes only into the
 * {@code Authorization} header: it is never logged, never in an exception message (response text
 * quoted in messages is redacted) and not in {@link #toString()}. The client is thread-safe.
 *
 * @since 0.1
 */
public final class VastAiClient {
    private static final Logger LOG = LoggerFactory.getLogger(VastAiClient.class);

    /** Vast.ai's API server. */
    public static final URI DEFAULT_BASE_URI = URI.create("https://console.vast.ai");
    /** Default time to open a connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default time to wait for an answer. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Default tries per call (for reads and deletes, and for rate-limited creates). */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** Default first backoff (doubled per try, with jitter). */
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);
    /** Default longest backoff. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(60);
    private static final int QUOTE_LIMIT = 300;

    private final URI baseUri;
    private final VastAiCredentials credentials;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Backoff backoff;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    private VastAiClient(Builder b) {
        this.baseUri = b.baseUri;
        this.credentials = b.credentials;
        this.requestTimeout = b.requestTimeout;
        this.maxAttempts = b.maxAttempts;
        this.backoff = new Backoff(b.backoff, b.maxBackoff);
        this.http = HttpClient.newBuilder().connectTimeout(b.connectTimeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** @return a client of {@link #DEFAULT_BASE_URI} with the key from {@code VAST_API_KEY} */
    public static VastAiClient create() {
        return builder().build();
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the API server this client talks to */
    public URI baseUri() {
        return baseUri;
    }

    /**
     * Searches the rentable on-demand offers ({@code GET /api/v0/bundles/?q=…}).
     *
     * @param query which offers qualify
     * @return the offers that meet every condition of the query, cheapest first
     * @throws VastAiException when the search fails
     */
    public List<Offer> searchOffers(OfferQuery query) {
        String q = URLEncoder.encode(query.toJson().toString(), StandardCharsets.UTF_8);
        JsonNode answer = call("GET", "/api/v0/bundles/?q=" + q, null, true, "searching offers");
        List<Offer> offers = new ArrayList<>();
        for (JsonNode item : answer.path("offers")) {
            try {
                Offer offer = Offer.fromJson(item);
                if (query.accepts(offer)) {
                    offers.add(offer);
                }
            } catch (IllegalArgumentException e) {
                LOG.debug("Skipping an offer Vast.ai described incompletely: {}", e.getMessage());
            }
        }
        offers.sort(Comparator.comparingDouble(Offer::dphTotal));
        return offers;
    }

    /**
     * Rents an offer ({@code PUT /api/v0/asks/{id}/}). Never sent twice unless the first request
     * provably did not run.
     *
     * @param offerId the offer's id
     * @param request what to run
     * @return the new instance's id ({@code new_contract})
     * @throws VastAiException {@link VastAiException.Reason#OFFER_GONE} when the offer was taken,
     *                         {@link VastAiException.Reason#OUTCOME_UNKNOWN} when the answer was lost, and the others
     */
    public long createInstance(long offerId, InstanceRequest request) {
        JsonNode answer = call("PUT", "/api/v0/asks/" + offerId + "/", request.toJson().toString(), false,
                "renting offer " + offerId);
        if (!answer.path("success").asBoolean(true) || !answer.hasNonNull("new_contract")) {
            throw new VastAiException(Reason.BAD_RESPONSE, 200, errorCode(answer), "Vast.ai answered renting offer " + offerId
                    + " without a new instance: " + quote(answer.toString()), null);
        }
        long id = answer.get("new_contract").asLong();
        LOG.info("Rented Vast.ai offer {} as instance {} ({})", offerId, id, request.label());
        return id;
    }

    /**
     * Polls one instance ({@code GET /api/v0/instances/{id}/}).
     *
     * @param instanceId the instance
     * @return its state, empty when it does not exist (destroyed)
     * @throws VastAiException when the API fails
     */
    public Optional<Instance> instance(long instanceId) {
        JsonNode answer;
        try {
            answer = call("GET", "/api/v0/instances/" + instanceId + "/", null, true, "reading instance " + instanceId);
        } catch (VastAiException e) {
            if (e.reason() == Reason.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        JsonNode item = answer.path("instances");
        if (item.isArray()) {
            item = item.path(0);
        }
        return item.isObject() ? Optional.of(Instance.fromJson(item)) : Optional.empty();
    }

    /**
     * Lists this account's instances ({@code GET /api/v0/instances/}): one call for a whole fleet.
     *
     * @return the instances
     * @throws VastAiException when the API fails
     */
    public List<Instance> instances() {
        JsonNode answer = call("GET", "/api/v0/instances/", null, true, "listing instances");
        List<Instance> instances = new ArrayList<>();
        for (JsonNode item : answer.path("instances")) {
            instances.add(Instance.fromJson(item));
        }
        return instances;
    }

    /**
     * Destroys an instance ({@code DELETE /api/v0/instances/{id}/}); billing stops when it is gone.
     *
     * @param instanceId the instance
     * @return true when it was destroyed now, false when it did not exist (any more)
     * @throws VastAiException when the API fails
     */
    public boolean destroyInstance(long instanceId) {
        try {
            call("DELETE", "/api/v0/instances/" + instanceId + "/", null, true, "destroying instance " + instanceId);
            LOG.info("Destroyed Vast.ai instance {}", instanceId);
            return true;
        } catch (VastAiException e) {
            if (e.reason() == Reason.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Destroys an instance and polls until the API no longer lists it.
     *
     * @param instanceId the instance
     * @param timeout    how long to wait for it to be gone
     * @throws VastAiException when the API fails, or the instance is still there after the timeout
     */
    public void destroyAndConfirm(long instanceId, Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        long pause = Math.max(50, Math.min(1000, timeout.toMillis() / 10));
        destroyInstance(instanceId);
        while (instance(instanceId).isPresent()) {
            if (System.nanoTime() > until) {
                throw new VastAiException(Reason.SERVER_ERROR, 0, "", "Vast.ai instance " + instanceId + " is still listed " + timeout
                        + " after it was destroyed; it may still be billed: check https://cloud.vast.ai/instances/", null);
            }
            Waiting.sleep(pause);
            destroyInstance(instanceId);
        }
    }

    @Override
    public String toString() {
        return "VastAiClient[" + baseUri + ", " + credentials + "]";
    }

    private JsonNode call(String method, String path, String body, boolean idempotent, String what) {
        for (int attempt = 1; ; attempt++) {
            HttpRequest request = request(method, path, body);
            long start = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpConnectTimeoutException | ConnectException | UnresolvedAddressException e) {
                if (attempt < maxAttempts) {
                    pause(what, attempt, "cannot connect (" + e.getClass().getSimpleName() + ")", Optional.empty());
                    continue;
                }
                throw new VastAiException(Reason.UNREACHABLE, 0, "", "Vast.ai " + what + ": cannot connect to " + baseUri + " after "
                        + attempt + " tries (" + describe(e) + "); check the network and the API address", e);
            } catch (HttpTimeoutException e) {
                if (idempotent && attempt < maxAttempts) {
                    pause(what, attempt, "no answer within " + requestTimeout.toMillis() + " ms", Optional.empty());
                    continue;
                }
                throw lost(what, idempotent, "no answer within " + requestTimeout.toMillis() + " ms", 0, e);
            } catch (IOException e) {
                if (idempotent && attempt < maxAttempts) {
                    pause(what, attempt, describe(e), Optional.empty());
                    continue;
                }
                throw lost(what, idempotent, describe(e), 0, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VastAiException(Reason.UNREACHABLE, 0, "", "Vast.ai " + what + ": interrupted", e);
            }
            int status = response.statusCode();
            LOG.debug("Vast.ai {} {} -> HTTP {} in {} ms", method, pathOnly(path), status, (System.nanoTime() - start) / 1_000_000);
            if (status >= 200 && status < 300) {
                return parse(response.body(), what, status);
            }
            JsonNode error = parseQuietly(response.body());
            String code = errorCode(error);
            if (status == 429) {
                if (attempt < maxAttempts) {
                    pause(what, attempt, "rate limited (HTTP 429)", response.headers().firstValue("Retry-After"));
                    continue;
                }
                throw new VastAiException(Reason.RATE_LIMITED, status, code, "Vast.ai " + what + ": still rate limited (HTTP 429) after "
                        + attempt + " tries with backoff; lower the call rate", null);
            }
            if (status >= 500) {
                if (idempotent && attempt < maxAttempts) {
                    pause(what, attempt, "HTTP " + status, Optional.empty());
                    continue;
                }
                throw lost(what, idempotent, "HTTP " + status + " " + quote(response.body()), status, null);
            }
            throw refused(what, !idempotent, status, code, response.body());
        }
    }

    private HttpRequest request(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(path)).timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + credentials.apiKey());
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return request.build();
    }

    private void pause(String what, int attempt, String problem, Optional<String> retryAfter) {
        Duration delay = backoff.delay(attempt, retryAfter);
        LOG.warn("Vast.ai {}: {}; trying again in {} ms (try {} of {})", what, problem, delay.toMillis(), attempt + 1, maxAttempts);
        Waiting.sleep(delay.toMillis());
        if (Thread.currentThread().isInterrupted()) {
            throw new VastAiException(Reason.UNREACHABLE, 0, "", "Vast.ai " + what + ": interrupted while backing off", null);
        }
    }

    private VastAiException lost(String what, boolean idempotent, String problem, int status, Throwable cause) {
        if (idempotent) {
            return new VastAiException(status >= 500 ? Reason.SERVER_ERROR : Reason.UNREACHABLE, status, "", "Vast.ai " + what + " failed "
                    + maxAttempts + " times, last: " + problem, cause);
        }
        return new VastAiException(Reason.OUTCOME_UNKNOWN, status, "", "Vast.ai " + what + ": the request was sent but its answer was lost ("
                + problem + "); it may have succeeded, so it is not sent again: look for its label among the instances", cause);
    }

    private VastAiException refused(String what, boolean renting, int status, String code, String body) {
        String answer = "HTTP " + status + (code.isEmpty() ? "" : " " + code);
        if (status == 401 || status == 403) {
            return new VastAiException(Reason.UNAUTHORIZED, status, code, "Vast.ai " + what + ": the API key was refused (" + answer
                    + "); check the key (VAST_API_KEY) and its permissions", null);
        }
        if (code.equals("no_such_ask") || (renting && (status == 404 || status == 410))) {
            return new VastAiException(Reason.OFFER_GONE, status, code, "Vast.ai " + what + ": the offer is no longer available ("
                    + answer + "): someone else rented it; take the next offer", null);
        }
        if (code.equals("no_such_instance") || status == 404) {
            return new VastAiException(Reason.NOT_FOUND, status, code, "Vast.ai " + what + ": not found (" + answer + ")", null);
        }
        return new VastAiException(Reason.REJECTED, status, code, "Vast.ai " + what + " was refused (" + answer + "): " + quote(body), null);
    }

    private JsonNode parse(String body, String what, int status) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw new VastAiException(Reason.BAD_RESPONSE, status, "", "Vast.ai " + what + ": the answer is not JSON: " + quote(body), null);
        }
    }

    private JsonNode parseQuietly(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }

    private static String errorCode(JsonNode answer) {
        String code = answer.path("error").asText("");
        if (code.isEmpty() && answer.path("msg").asText("").matches("[a-z_]+")) {
            code = answer.path("msg").asText("");
        }
        return code;
    }

    /** @return response text fit for a message: shortened, with the API key (should it be echoed) blanked */
    private String quote(String text) {
        String t = text == null ? "" : text.strip();
        String key;
        try {
            key = credentials.apiKey();
        } catch (VastAiException e) {
            key = null;
        }
        if (key != null && !key.isEmpty()) {
            t = t.replace(key, "***");
        }
        return t.length() > QUOTE_LIMIT ? t.substring(0, QUOTE_LIMIT) + "…" : t;
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String pathOnly(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    /** Configures a {@link VastAiClient}; methods are named after what they set and check their argument at once. */
    public static final class Builder {
        private URI baseUri = DEFAULT_BASE_URI;
        private VastAiCredentials credentials = VastAiCredentials.environment();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration backoff = DEFAULT_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;

        private Builder() {
        }

        /**
         * @param uri the API server (default {@code https://console.vast.ai})
         * @return this builder
         */
        public Builder baseUri(URI uri) {
            Objects.requireNonNull(uri, "uri");
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new IllegalArgumentException("the Vast.ai API address must be http(s)://…: " + uri);
            }
            this.baseUri = uri;
            return this;
        }

        /**
         * @param credentials where the API key comes from (default: the {@code VAST_API_KEY} environment variable)
         * @return this builder
         */
        public Builder credentials(VastAiCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * @param timeout time to open a connection (default 10 s)
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Arguments.positive("connectTimeout", timeout);
            return this;
        }

        /**
         * @param timeout time to wait for an answer (default 30 s)
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Arguments.positive("requestTimeout", timeout);
            return this;
        }

        /**
         * @param attempts tries per call, at least 1 (default 5)
         * @return this builder
         */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = Arguments.atLeastOne("maxAttempts", attempts);
            return this;
        }

        /**
         * @param first the first pause (default 1 s), doubled per try with jitter
         * @param most  the longest pause (default 60 s), also the most a {@code Retry-After} is honoured
         * @return this builder
         */
        public Builder backoff(Duration first, Duration most) {
            Arguments.positive("backoff", first);
            Arguments.positive("maxBackoff", most);
            if (most.compareTo(first) < 0) {
                throw new IllegalArgumentException("the longest backoff " + most + " is shorter than the first " + first);
            }
            this.backoff = first;
            this.maxBackoff = most;
            return this;
        }

        /** @return the client */
        public VastAiClient build() {
            return new VastAiClient(this);
        }
    }
}
