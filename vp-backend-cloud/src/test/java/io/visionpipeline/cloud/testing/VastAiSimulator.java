package io.visionpipeline.cloud.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vast.ai's REST API on loopback, for tests: the documented endpoints and an instance's life.
 *
 * <ul>
 *   <li>{@code GET /api/v0/bundles/?q=…} (and {@code POST} with the query as body): the rentable
 *       offers matching the query's conditions ({@code eq neq gt gte lt lte in notin}), ordered and
 *       limited as asked; each offer is one machine, listed only while nobody rents it.</li>
 *   <li>{@code PUT /api/v0/asks/{id}/}: rents an offer ({@code image}, {@code disk}, {@code env},
 *       {@code onstart} of at most 4048 characters, {@code label}) and answers {@code new_contract};
 *       an offer already rented answers 410 {@code no_such_ask}.</li>
 *   <li>{@code GET /api/v0/instances/} and {@code /api/v0/instances/{id}/}: {@code loading} until
 *       the boot time has passed on the simulator's clock, then {@code running} (the
 *       {@link InstanceRuntime} starts what the instance runs), {@code exited} once it died.</li>
 *   <li>{@code DELETE /api/v0/instances/{id}/}: kills what runs, stops billing, frees the machine;
 *       404 {@code no_such_instance} for one that does not exist.</li>
 * </ul>
 *
 * Every request needs {@code Authorization: Bearer <key>} (401 otherwise). Faults on demand: 429s
 * without {@code Retry-After}, offers taken just before a create, creates whose answer is lost
 * after the instance was made (500), instances that never boot, instances that die mid-job. It
 * bills like the provider: each instance's {@code dph_total} times the time from its creation to
 * its destruction on the simulator's clock, the ground truth the budget tests check against.
 */
public final class VastAiSimulator implements AutoCloseable {
    private static final Pattern ASK = Pattern.compile("/api/v0/asks/(\\d+)/?");
    private static final Pattern INSTANCE = Pattern.compile("/api/v0/instances/(\\d+)/?");
    private static final int MAX_ONSTART = 4048;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final Clock clock;
    private final String apiKey;
    private final InstanceRuntime runtime;
    private final ScheduledExecutorService lifecycle;
    private final Map<Long, ObjectNode> offers = new LinkedHashMap<>();
    private final Map<Long, Rental> rentals = new LinkedHashMap<>();
    private final AtomicLong nextInstanceId = new AtomicLong(7_000_001);
    private final AtomicInteger requestCount = new AtomicInteger();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger rateLimitNext = new AtomicInteger();
    private final AtomicInteger raceNext = new AtomicInteger();
    private final AtomicInteger loseCreateAnswers = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger rejectNext = new AtomicInteger();
    private final AtomicInteger created = new AtomicInteger();
    private volatile int rateLimitEvery;
    private volatile int neverBootEvery;
    private volatile Duration bootTime = Duration.ofSeconds(30);
    private volatile boolean echoCredentials;
    private int peakLive;

    /**
     * @param clock   the simulated time (instances boot and bill on it)
     * @param apiKey  the key requests must carry
     * @param runtime what a booted instance runs
     */
    public VastAiSimulator(Clock clock, String apiKey, InstanceRuntime runtime) {
        this.clock = clock;
        this.apiKey = apiKey;
        this.runtime = runtime;
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v0/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "vastai-simulator");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        lifecycle = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vastai-simulator-lifecycle");
            t.setDaemon(true);
            return t;
        });
        lifecycle.scheduleWithFixedDelay(this::update, 20, 20, TimeUnit.MILLISECONDS);
    }

    /** @return the API's base address, e.g. {@code http://127.0.0.1:41234} */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Offers a market of machines: several GPU models and prices, some hosts unverified, unreliable,
     * with an old driver or two GPUs, so that queries have something to filter.
     *
     * @param count how many offers
     * @param seed  for the random prices
     * @return this simulator
     */
    public synchronized VastAiSimulator market(int count, long seed) {
        Random random = new Random(seed);
        String[][] gpus = {{"RTX 3090", "24576"}, {"RTX 4090", "24564"}, {"RTX A4000", "16376"}, {"RTX 3060", "12288"}};
        for (int i = 0; i < count; i++) {
            String[] gpu = gpus[i % gpus.length];
            double price = Math.round((0.08 + random.nextDouble() * 0.5) * 1000) / 1000.0;
            offer(100_000 + i, gpu[0], Double.parseDouble(gpu[1]), i % 11 == 5 ? 2 : 1, i % 13 == 7 ? 11.4 : 12.4,
                    i % 9 == 4 ? 0.90 : 0.99, i % 7 != 3, price);
        }
        return this;
    }

    /**
     * Adds one offer.
     *
     * @param id          the offer (and machine) id
     * @param gpuName     GPU model
     * @param gpuRamMb    RAM per GPU in MB
     * @param numGpus     GPUs
     * @param cudaMaxGood driver's CUDA
     * @param reliability host reliability
     * @param verified    whether verified
     * @param dphTotal    price per hour
     * @return this simulator
     */
    public synchronized VastAiSimulator offer(long id, String gpuName, double gpuRamMb, int numGpus, double cudaMaxGood, double reliability,
                                              boolean verified, double dphTotal) {
        ObjectNode o = json.createObjectNode();
        o.put("id", id).put("ask_contract_id", id).put("machine_id", id).put("gpu_name", gpuName).put("num_gpus", numGpus)
                .put("gpu_ram", gpuRamMb).put("gpu_total_ram", gpuRamMb * numGpus).put("cuda_max_good", cudaMaxGood)
                .put("reliability", reliability).put("verified", verified).put("verification", verified ? "verified" : "unverified")
                .put("rentable", true).put("rented", false).put("dph_total", dphTotal).put("dph_base", dphTotal * 0.9)
                .put("disk_space", 200.0).put("geolocation", "Sweden, SE").put("external", false);
        offers.put(id, o);
        return this;
    }

    /** @param time how long an instance stays {@code loading} on the simulator's clock (default 30 s) */
    public void bootTime(Duration time) {
        this.bootTime = time;
    }

    /** @param n the next n requests answer 429 without {@code Retry-After} */
    public void rateLimitNext(int n) {
        rateLimitNext.set(n);
    }

    /** @param n every n-th request answers 429 without {@code Retry-After} (0: none) */
    public void rateLimitEvery(int n) {
        this.rateLimitEvery = n;
    }

    /** @param n the next n creates find their offer rented by someone else just before (410 {@code no_such_ask}) */
    public void raceNextCreates(int n) {
        raceNext.set(n);
    }

    /** @param n the next n creates make the instance, then answer 500 (the answer is lost) */
    public void loseNextCreateAnswers(int n) {
        loseCreateAnswers.set(n);
    }

    /** @param n the next n requests answer 500 without doing anything */
    public void failNext(int n) {
        failNext.set(n);
    }

    /** @param n the next n requests answer 400 {@code invalid_args} without doing anything */
    public void rejectNext(int n) {
        rejectNext.set(n);
    }

    /** @param n every n-th instance created stays {@code loading} forever (0: none) */
    public void neverBootEvery(int n) {
        this.neverBootEvery = n;
    }

    /** Makes error answers quote the request's {@code Authorization} header, as a careless server might. */
    public void echoCredentialsInErrors() {
        this.echoCredentials = true;
    }

    /**
     * The instance dies mid-job: what it runs is killed and it reports {@code exited}.
     *
     * @param instanceId the instance
     */
    public void kill(long instanceId) {
        Rental r;
        synchronized (this) {
            r = rentals.get(instanceId);
            if (r == null || r.destroyedAt != null) {
                return;
            }
            r.status = "exited";
            r.statusMessage = "container exited with code 137";
        }
        r.killRunning();
    }

    /**
     * What the instance runs dies, but the instance keeps reporting {@code running} (a hung or
     * crashed worker): only the missing heartbeat tells.
     *
     * @param instanceId the instance
     */
    public void killWorker(long instanceId) {
        Rental r;
        synchronized (this) {
            r = rentals.get(instanceId);
        }
        if (r != null) {
            r.killRunning();
        }
    }

    /**
     * @param at          a time on the simulator's clock
     * @param labelPrefix whose instances: those whose label starts with this ("" for all)
     * @return what the provider billed up to then, in USD
     */
    public synchronized double bill(Instant at, String labelPrefix) {
        double total = 0;
        for (Rental r : rentals.values()) {
            if (!r.label.startsWith(labelPrefix)) {
                continue;
            }
            Instant end = r.destroyedAt == null || r.destroyedAt.isAfter(at) ? at : r.destroyedAt;
            if (end.isAfter(r.createdAt)) {
                total += r.dphTotal * Duration.between(r.createdAt, end).toMillis() / 3_600_000.0;
            }
        }
        return total;
    }

    /**
     * @param labelPrefix whose instances ("" for all)
     * @return USD per hour the live instances cost now
     */
    public synchronized double burnPerHour(String labelPrefix) {
        return rentals.values().stream().filter(r -> r.destroyedAt == null && r.label.startsWith(labelPrefix)).mapToDouble(r -> r.dphTotal).sum();
    }

    /** @return every instance ever created, in creation order */
    public synchronized List<Rental> rentals() {
        return List.copyOf(rentals.values());
    }

    /** @return instances not destroyed */
    public synchronized List<Rental> live() {
        return rentals.values().stream().filter(r -> r.destroyedAt == null).toList();
    }

    /** @return the most instances alive at once so far */
    public synchronized int peakLive() {
        return peakLive;
    }

    /** @return every request answered so far */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * Boots instances whose boot time has passed on the clock. Runs every 20 ms on its own; a
     * simulation on a manual clock calls it after moving the clock, to boot them at once.
     */
    public void update() {
        List<Rental> booting = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            for (Rental r : rentals.values()) {
                if (r.destroyedAt == null && "loading".equals(r.status) && !r.neverBoots && !now.isBefore(r.createdAt.plus(bootTime))) {
                    r.status = "running";
                    r.statusMessage = "";
                    booting.add(r);
                }
            }
        }
        for (Rental r : booting) {
            r.start(runtime);
        }
    }

    @Override
    public void close() {
        lifecycle.shutdownNow();
        server.stop(0);
        for (Rental r : rentals()) {
            r.killRunning();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] body = exchange.getRequestBody().readAllBytes();
        Answer answer;
        int n = requestCount.incrementAndGet();
        try {
            if (!("Bearer " + apiKey).equals(authorization)) {
                answer = error(401, "invalid_api_key", "Invalid or missing API key" + echo(authorization));
            } else if (rateLimitNext.getAndUpdate(k -> Math.max(0, k - 1)) > 0 || (rateLimitEvery > 0 && n % rateLimitEvery == 0)) {
                answer = error(429, "rate_limited", "API requests too frequent, slow down" + echo(authorization));
            } else if (failNext.getAndUpdate(k -> Math.max(0, k - 1)) > 0) {
                answer = error(500, "server_error", "Internal server error" + echo(authorization));
            } else if (rejectNext.getAndUpdate(k -> Math.max(0, k - 1)) > 0) {
                answer = error(400, "invalid_args", "Request rejected" + echo(authorization));
            } else {
                answer = route(method, path, exchange.getRequestURI().getRawQuery(), body);
            }
        } catch (RuntimeException e) {
            answer = error(400, "invalid_args", String.valueOf(e.getMessage()));
        }
        requests.add(new Request(method, path, answer.status, System.nanoTime(), clock.instant()));
        byte[] bytes = answer.body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private String echo(String authorization) {
        return echoCredentials ? " (got Authorization: " + authorization + ")" : "";
    }

    private Answer route(String method, String path, String rawQuery, byte[] body) throws IOException {
        if (path.equals("/api/v0/bundles/") || path.equals("/api/v0/bundles")) {
            JsonNode q = method.equals("POST") ? json.readTree(body) : json.readTree(queryParameter(rawQuery, "q", "{}"));
            return new Answer(200, search(q));
        }
        Matcher ask = ASK.matcher(path);
        if (ask.matches() && method.equals("PUT")) {
            return create(Long.parseLong(ask.group(1)), json.readTree(body));
        }
        if ((path.equals("/api/v0/instances/") || path.equals("/api/v0/instances")) && method.equals("GET")) {
            ObjectNode answer = json.createObjectNode();
            ArrayNode list = answer.putArray("instances");
            live().forEach(r -> list.add(describe(r)));
            return new Answer(200, answer);
        }
        Matcher instance = INSTANCE.matcher(path);
        if (instance.matches()) {
            long id = Long.parseLong(instance.group(1));
            if (method.equals("GET")) {
                ObjectNode answer = json.createObjectNode();
                Rental r = liveRental(id);
                if (r == null) {
                    answer.putNull("instances");
                } else {
                    answer.set("instances", describe(r));
                }
                return new Answer(200, answer);
            }
            if (method.equals("DELETE")) {
                return destroy(id);
            }
        }
        return error(404, "not_found", "no such endpoint: " + method + " " + path);
    }

    private synchronized ObjectNode search(JsonNode q) {
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode offer : offers.values()) {
            if (offer.path("rentable").asBoolean() && matches(offer, q)) {
                matching.add(offer);
            }
        }
        JsonNode order = q.path("order");
        if (order.isArray() && order.size() > 0) {
            String field = order.get(0).get(0).asText();
            boolean desc = order.get(0).path(1).asText("asc").equals("desc");
            Comparator<ObjectNode> by = Comparator.comparingDouble(o -> o.path(field).asDouble());
            matching.sort(desc ? by.reversed() : by);
        }
        int limit = q.path("limit").asInt(64);
        ObjectNode answer = json.createObjectNode();
        ArrayNode list = answer.putArray("offers");
        matching.stream().limit(limit).forEach(o -> list.add(o.deepCopy()));
        return answer;
    }

    private static boolean matches(ObjectNode offer, JsonNode q) {
        for (Map.Entry<String, JsonNode> condition : q.properties()) {
            String field = condition.getKey();
            if (List.of("limit", "order", "type", "allocated_storage").contains(field) || !condition.getValue().isObject()) {
                continue;
            }
            JsonNode value = offer.path(field);
            for (Map.Entry<String, JsonNode> op : condition.getValue().properties()) {
                if (!holds(value, op.getKey(), op.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean holds(JsonNode value, String op, JsonNode operand) {
        switch (op) {
            case "eq":
                return same(value, operand);
            case "neq":
                return !same(value, operand);
            case "gt":
                return value.asDouble() > operand.asDouble();
            case "gte":
                return value.asDouble() >= operand.asDouble();
            case "lt":
                return value.asDouble() < operand.asDouble();
            case "lte":
                return value.asDouble() <= operand.asDouble();
            case "in":
            case "notin":
                boolean found = false;
                for (JsonNode candidate : operand) {
                    found |= same(value, candidate);
                }
                return op.equals("in") == found;
            default:
                throw new IllegalArgumentException("unknown operator " + op);
        }
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() || b.isNumber()) {
            return a.asDouble() == b.asDouble();
        }
        if (a.isBoolean() || b.isBoolean()) {
            return a.asBoolean() == b.asBoolean();
        }
        return a.asText().equalsIgnoreCase(b.asText().replace('_', ' '));
    }

    private Answer create(long offerId, JsonNode request) {
        if (!request.hasNonNull("image") || request.get("image").asText().isBlank()) {
            return error(400, "invalid_args", "image is required");
        }
        if (request.path("onstart").asText("").length() > MAX_ONSTART) {
            return error(400, "invalid_args", "onstart is longer than " + MAX_ONSTART + " characters");
        }
        Rental rental;
        synchronized (this) {
            ObjectNode offer = offers.get(offerId);
            if (offer != null && raceNext.getAndUpdate(k -> Math.max(0, k - 1)) > 0) {
                offer.put("rentable", false).put("rented", true);
            }
            if (offer == null || !offer.path("rentable").asBoolean()) {
                return error(410, "no_such_ask", "Instance type by id " + offerId + " is not available.");
            }
            offer.put("rentable", false).put("rented", true);
            Map<String, String> env = new LinkedHashMap<>();
            request.path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
            int number = created.incrementAndGet();
            rental = new Rental(nextInstanceId.getAndIncrement(), offerId, request.path("label").asText(""), request.get("image").asText(),
                    env, request.path("onstart").asText(""), offer.path("gpu_name").asText(), offer.path("dph_total").asDouble(),
                    clock.instant(), neverBootEvery > 0 && number % neverBootEvery == 0);
            rentals.put(rental.id, rental);
            peakLive = Math.max(peakLive, (int) rentals.values().stream().filter(r -> r.destroyedAt == null).count());
        }
        if (loseCreateAnswers.getAndUpdate(k -> Math.max(0, k - 1)) > 0) {
            return error(500, "server_error", "upstream timeout");
        }
        ObjectNode answer = json.createObjectNode();
        answer.put("success", true).put("new_contract", rental.id);
        return new Answer(200, answer);
    }

    private Answer destroy(long id) {
        Rental r;
        synchronized (this) {
            r = liveRental(id);
            if (r == null) {
                return error(404, "no_such_instance", "Instance " + id + " not found.");
            }
            r.destroyedAt = clock.instant();
            ObjectNode offer = offers.get(r.offerId);
            if (offer != null) {
                offer.put("rentable", true).put("rented", false);
            }
        }
        r.killRunning();
        ObjectNode answer = json.createObjectNode();
        answer.put("success", true);
        return new Answer(200, answer);
    }

    private synchronized Rental liveRental(long id) {
        Rental r = rentals.get(id);
        return r == null || r.destroyedAt != null ? null : r;
    }

    private synchronized ObjectNode describe(Rental r) {
        ObjectNode o = json.createObjectNode();
        o.put("id", r.id).put("label", r.label).put("machine_id", r.offerId).put("image_uuid", r.image)
                .put("actual_status", r.status).put("intended_status", "running").put("cur_state", "running")
                .put("status_msg", r.statusMessage).put("gpu_name", r.gpuName).put("num_gpus", 1).put("dph_total", r.dphTotal)
                .put("start_date", r.createdAt.toEpochMilli() / 1000.0);
        if (!"loading".equals(r.status)) {
            o.put("public_ipaddr", "127.0.0.1");
            ObjectNode port = o.putObject("ports").putArray("22/tcp").addObject();
            port.put("HostIp", "0.0.0.0").put("HostPort", String.valueOf(40_000 + r.id % 20_000));
        } else {
            o.putNull("public_ipaddr");
        }
        return o;
    }

    private Answer error(int status, String code, String message) {
        ObjectNode body = json.createObjectNode();
        body.put("success", false).put("error", code).put("msg", message);
        return new Answer(status, body);
    }

    private static String queryParameter(String rawQuery, String name, String otherwise) {
        if (rawQuery == null) {
            return otherwise;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return otherwise;
    }

    private record Answer(int status, JsonNode body) {
    }

    /**
     * A request the simulator answered.
     *
     * @param method    the HTTP method
     * @param path      the path
     * @param status    the status it answered
     * @param nanoTime  when ({@link System#nanoTime()})
     * @param simulated when, on the simulator's clock
     */
    public record Request(String method, String path, int status, long nanoTime, Instant simulated) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %s -> %d", method, path, status);
        }
    }

    /** One instance: what was asked for, its state and its bill. */
    public static final class Rental {
        private final long id;
        private final long offerId;
        private final String label;
        private final String image;
        private final Map<String, String> env;
        private final String onstart;
        private final String gpuName;
        private final double dphTotal;
        private final Instant createdAt;
        private final boolean neverBoots;
        private volatile String status = "loading";
        private volatile String statusMessage = "pulling image layers";
        private volatile Instant destroyedAt;
        private InstanceRuntime.Running running;
        private boolean killed;

        Rental(long id, long offerId, String label, String image, Map<String, String> env, String onstart, String gpuName, double dphTotal,
               Instant createdAt, boolean neverBoots) {
            this.id = id;
            this.offerId = offerId;
            this.label = label;
            this.image = image;
            this.env = Map.copyOf(env);
            this.onstart = onstart;
            this.gpuName = gpuName;
            this.dphTotal = dphTotal;
            this.createdAt = createdAt;
            this.neverBoots = neverBoots;
        }

        /** @return the instance id */
        public long id() {
            return id;
        }

        /** @return its label */
        public String label() {
            return label;
        }

        /** @return its image */
        public String image() {
            return image;
        }

        /** @return the environment it was created with */
        public Map<String, String> env() {
            return env;
        }

        /** @return its onstart script */
        public String onstart() {
            return onstart;
        }

        /** @return its price per hour */
        public double dphTotal() {
            return dphTotal;
        }

        /** @return when it was created, on the simulator's clock */
        public Instant createdAt() {
            return createdAt;
        }

        /** @return when it was destroyed, or null */
        public Instant destroyedAt() {
            return destroyedAt;
        }

        /** @return its status: loading, running, exited */
        public String status() {
            return status;
        }

        /** @return whether it was made never to boot */
        public boolean neverBoots() {
            return neverBoots;
        }

        synchronized void start(InstanceRuntime runtime) {
            if (!killed && destroyedAt == null) {
                running = runtime.start(this);
            }
        }

        void killRunning() {
            InstanceRuntime.Running r;
            synchronized (this) {
                killed = true;
                r = running;
                running = null;
            }
            if (r != null) {
                r.kill();
            }
        }

        @Override
        public String toString() {
            return "Rental[" + id + " " + label + ", " + status + (destroyedAt == null ? "" : ", destroyed") + "]";
        }
    }
}
