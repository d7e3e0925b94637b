package io.visionpipeline.cloud;

import io.visionpipeline.cloud.vastai.InstanceRequest;
import io.visionpipeline.redis.RedisExecutorProvider;
import io.visionpipeline.redis.internal.Arguments;
import io.visionpipeline.redis.queue.QueueKeys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What every rented instance runs: the worker image (see {@code docker/worker/Dockerfile}), its
 * disk, and {@code vp worker} against the shared queue, reached at the address the instances
 * see. The Redis password travels in the instance's environment ({@code VP_REDIS_PASSWORD}) and
 * never appears in {@link #toString()} or in logs.
 *
 * <pre>{@code
 * WorkerTemplate worker = WorkerTemplate.builder("ghcr.io/acme/vp-worker:0.1.0")
 *         .redisUri("rediss://vps.example.com:6380")           // how instances reach the queue
 *         .redisPassword(System.getenv("VP_REDIS_PASSWORD"))
 *         .concurrency(4)
 *         .env("VP_JAVA_OPTS", "-Xmx12g")
 *         .build();
 * }</pre>
 *
 * The instance's {@code onstart} runs {@code vp worker --redis "$VP_REDIS_URI" --redis-prefix
 * "$VP_REDIS_PREFIX" --redis-queue "$VP_REDIS_QUEUE" --id "$VP_WORKER_ID" --concurrency <n>
 * --allow-downloads} plus any {@link Builder#workerOptions worker options}; the worker's id is the
 * instance's label, so the autoscaler can tell which heartbeat belongs to which instance.
 *
 * @since 0.1
 */
public final class WorkerTemplate {
    /** The variable holding the worker's id (the instance's label). */
    public static final String WORKER_ID_ENV = "VP_WORKER_ID";
    /** The variable holding the queue's key prefix. */
    public static final String PREFIX_ENV = "VP_REDIS_PREFIX";
    /** The variable holding the queue's name. */
    public static final String QUEUE_ENV = "VP_REDIS_QUEUE";
    /** Default disk in GB: the image, the model cache and the media in flight. */
    public static final int DEFAULT_DISK_GB = 20;
    /** Default jobs a worker runs at once. */
    public static final int DEFAULT_CONCURRENCY = 2;

    private final String image;
    private final String redisUri;
    private final String redisPassword;
    private final int diskGb;
    private final int concurrency;
    private final Map<String, String> env;
    private final List<String> workerOptions;
    private final String runtype;

    private WorkerTemplate(Builder b) {
        this.image = b.image;
        this.redisUri = b.redisUri;
        this.redisPassword = b.redisPassword;
        this.diskGb = b.diskGb;
        this.concurrency = b.concurrency;
        this.env = Map.copyOf(b.env);
        this.workerOptions = List.copyOf(b.workerOptions);
        this.runtype = b.runtype;
    }

    /**
     * @param image the worker image, pushed where Vast.ai hosts can pull it
     * @return a builder
     */
    public static Builder builder(String image) {
        return new Builder(image);
    }

    /** @return jobs each instance's worker runs at once */
    public int concurrency() {
        return concurrency;
    }

    /** @return the instance's disk in GB */
    public int diskGb() {
        return diskGb;
    }

    /** @return the worker image */
    public String image() {
        return image;
    }

    /** @return the shell commands an instance runs at start */
    public String onstart() {
        StringBuilder s = new StringBuilder("exec vp worker --redis \"$").append(RedisExecutorProvider.URI_ENV)
                .append("\" --redis-prefix \"$").append(PREFIX_ENV)
                .append("\" --redis-queue \"$").append(QUEUE_ENV)
                .append("\" --id \"$").append(WORKER_ID_ENV)
                .append("\" --concurrency ").append(concurrency).append(" --allow-downloads");
        for (String option : workerOptions) {
            s.append(' ').append(shellQuoted(option));
        }
        return s.toString();
    }

    /**
     * @param label the instance's label, also its worker's id
     * @param keys  the queue's keys (prefix and name)
     * @return the create request for one instance
     * @throws IllegalArgumentException when the {@code onstart} script is longer than Vast.ai accepts
     */
    public InstanceRequest request(String label, QueueKeys keys) {
        InstanceRequest.Builder request = InstanceRequest.builder(image).label(label).disk(diskGb).runtype(runtype)
                .env(env)
                .env(RedisExecutorProvider.URI_ENV, redisUri)
                .env(PREFIX_ENV, keys.prefix())
                .env(QUEUE_ENV, keys.queue())
                .env(WORKER_ID_ENV, label)
                .onstart(onstart());
        if (redisPassword != null) {
            request.env(RedisExecutorProvider.PASSWORD_ENV, redisPassword);
        }
        return request.build();
    }

    @Override
    public String toString() {
        return "WorkerTemplate[" + image + ", " + diskGb + " GB, " + concurrency + " job(s) at once, queue at "
                + withoutCredentials(redisUri) + (redisPassword == null ? "" : " (password set)") + "]";
    }

    private static String withoutCredentials(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }

    private static String shellQuoted(String word) {
        return word.matches("[A-Za-z0-9_./:=+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /** Configures a {@link WorkerTemplate}; methods are named after what they set and check their argument at once. */
    public static final class Builder {
        private final String image;
        private String redisUri;
        private String redisPassword;
        private int diskGb = DEFAULT_DISK_GB;
        private int concurrency = DEFAULT_CONCURRENCY;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> workerOptions = new ArrayList<>();
        private String runtype = InstanceRequest.DEFAULT_RUNTYPE;

        private Builder(String image) {
            Objects.requireNonNull(image, "image");
            if (image.isBlank()) {
                throw new IllegalArgumentException("the worker image is empty: build and push docker/worker/Dockerfile (see docs/cloud.md)");
            }
            this.image = image;
        }

        /**
         * @param uri the queue's Redis as the instances reach it, e.g. {@code rediss://vps.example.com:6380}
         *            (required; not {@code localhost}: that is the instance itself)
         * @return this builder
         */
        public Builder redisUri(String uri) {
            Objects.requireNonNull(uri, "uri");
            if (!uri.matches("rediss?(-sentinel)?://.+")) {
                throw new IllegalArgumentException("the workers' Redis URI must look like redis[s]://host:port, got " + withoutCredentials(uri));
            }
            this.redisUri = uri;
            return this;
        }

        /**
         * @param password the queue's Redis password, or null for none (kept out of logs and {@code toString()})
         * @return this builder
         */
        public Builder redisPassword(String password) {
            this.redisPassword = password == null || password.isEmpty() ? null : password;
            return this;
        }

        /**
         * @param gb the instance's disk in GB (default 20)
         * @return this builder
         */
        public Builder disk(int gb) {
            this.diskGb = Arguments.atLeastOne("disk", gb);
            return this;
        }

        /**
         * @param jobs jobs each worker runs at once (default 2); the autoscaler counts them as slots
         * @return this builder
         */
        public Builder concurrency(int jobs) {
            this.concurrency = Arguments.atLeastOne("concurrency", jobs);
            return this;
        }

        /**
         * @param name  a variable for the worker's container, e.g. {@code VP_JAVA_OPTS}
         * @param value its value
         * @return this builder
         */
        public Builder env(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            env.put(name, value);
            return this;
        }

        /**
         * @param options more {@code vp worker} options, e.g. {@code "--visibility-timeout", "60s"}
         * @return this builder
         */
        public Builder workerOptions(String... options) {
            for (String option : options) {
                workerOptions.add(Objects.requireNonNull(option, "option"));
            }
            return this;
        }

        /**
         * @param runtype Vast.ai's launch mode (default {@code ssh}: its entrypoint, then {@code onstart})
         * @return this builder
         */
        public Builder runtype(String runtype) {
            this.runtype = Objects.requireNonNull(runtype, "runtype");
            return this;
        }

        /**
         * @return the template
         * @throws IllegalStateException when the Redis URI is missing
         */
        public WorkerTemplate build() {
            if (redisUri == null) {
                throw new IllegalStateException("The workers need the queue's address as they see it: redisUri(\"rediss://vps.example.com:6380\")");
            }
            return new WorkerTemplate(this);
        }
    }
}
