package io.visionpipeline.cloud.vastai;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to run on a rented machine: the body of {@code PUT /api/v0/asks/{id}/}. The environment may
 * hold secrets (the Redis password): {@link #toString()} shows only its variable names.
 *
 * <pre>{@code
 * InstanceRequest request = InstanceRequest.builder("ghcr.io/acme/vp-worker:0.1.0")
 *         .label("vp-jobs-1-3fa2")
 *         .disk(20)
 *         .env("VP_REDIS_URI", "rediss://vps.example.com:6380")
 *         .onstart("exec vp worker --id \"$VP_WORKER_ID\"")
 *         .build();
 * long instanceId = vast.createInstance(offer.id(), request);
 * }</pre>
 *
 * @param image   the Docker image
 * @param label   the instance's label: the client finds an instance by it when a create's answer was lost
 * @param diskGb  its disk in GB
 * @param env     environment variables (ports would go here as {@code -p 8000:8000} keys)
 * @param onstart the shell commands run when the instance starts, at most {@value #MAX_ONSTART} characters
 * @param runtype how Vast.ai starts the container ({@code ssh}: its entrypoint, then {@code onstart})
 * @since 0.1
 */
public record InstanceRequest(String image, String label, int diskGb, Map<String, String> env, String onstart, String runtype) {
    /** The longest {@code onstart} script Vast.ai accepts. */
    public static final int MAX_ONSTART = 4048;
    /** Default disk in GB. */
    public static final int DEFAULT_DISK_GB = 16;
    /** Default runtype: Vast.ai's entrypoint (SSH through its proxy, no ports opened), then {@code onstart}. */
    public static final String DEFAULT_RUNTYPE = "ssh";

    /** Validates and copies the fields. */
    public InstanceRequest {
        Objects.requireNonNull(image, "image");
        if (image.isBlank()) {
            throw new IllegalArgumentException("an instance needs a Docker image");
        }
        label = label == null ? "" : label;
        if (diskGb < 1) {
            throw new IllegalArgumentException("diskGb must be >= 1: " + diskGb);
        }
        env = Map.copyOf(env);
        onstart = onstart == null ? "" : onstart;
        if (onstart.length() > MAX_ONSTART) {
            throw new IllegalArgumentException("onstart has " + onstart.length() + " characters; Vast.ai accepts at most " + MAX_ONSTART
                    + ": move the commands into the image");
        }
        runtype = runtype == null || runtype.isBlank() ? DEFAULT_RUNTYPE : runtype;
    }

    /**
     * @param image the Docker image
     * @return a builder
     */
    public static Builder builder(String image) {
        return new Builder(image);
    }

    /** @return the request body */
    ObjectNode toJson() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("image", image);
        if (!label.isEmpty()) {
            body.put("label", label);
        }
        body.put("disk", diskGb);
        body.put("runtype", runtype);
        ObjectNode vars = body.putObject("env");
        env.forEach(vars::put);
        if (!onstart.isEmpty()) {
            body.put("onstart", onstart);
        }
        return body;
    }

    @Override
    public String toString() {
        return "InstanceRequest[" + image + ", label=" + label + ", disk=" + diskGb + " GB, env=" + new java.util.TreeSet<>(env.keySet())
                + ", onstart=" + onstart.length() + " chars, runtype=" + runtype + "]";
    }

    /** Configures an {@link InstanceRequest}. */
    public static final class Builder {
        private final String image;
        private String label = "";
        private int diskGb = DEFAULT_DISK_GB;
        private final Map<String, String> env = new LinkedHashMap<>();
        private String onstart = "";
        private String runtype = DEFAULT_RUNTYPE;

        private Builder(String image) {
            this.image = Objects.requireNonNull(image, "image");
        }

        /**
         * @param label the instance's label (find it again by this after a lost answer)
         * @return this builder
         */
        public Builder label(String label) {
            this.label = Objects.requireNonNull(label, "label");
            return this;
        }

        /**
         * @param gb disk in GB (default 16)
         * @return this builder
         */
        public Builder disk(int gb) {
            if (gb < 1) {
                throw new IllegalArgumentException("disk must be >= 1 GB: " + gb);
            }
            this.diskGb = gb;
            return this;
        }

        /**
         * @param name  a variable name
         * @param value its value (may be secret: it is never logged)
         * @return this builder
         */
        public Builder env(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isBlank()) {
                throw new IllegalArgumentException("an environment variable needs a name");
            }
            env.put(name, value);
            return this;
        }

        /**
         * @param vars variables to add
         * @return this builder
         */
        public Builder env(Map<String, String> vars) {
            vars.forEach(this::env);
            return this;
        }

        /**
         * @param script shell commands run at start, at most {@value InstanceRequest#MAX_ONSTART} characters
         * @return this builder
         */
        public Builder onstart(String script) {
            this.onstart = Objects.requireNonNull(script, "script");
            return this;
        }

        /**
         * @param runtype Vast.ai's launch mode: {@code ssh} (default), {@code ssh_direct}, {@code jupyter}, {@code args}
         * @return this builder
         */
        public Builder runtype(String runtype) {
            this.runtype = Objects.requireNonNull(runtype, "runtype");
            return this;
        }

        /**
         * @return the request
         * @throws IllegalArgumentException when {@code onstart} is longer than Vast.ai accepts
         */
        public InstanceRequest build() {
            return new InstanceRequest(image, label, diskGb, env, onstart, runtype);
        }
    }
}
