package io.visionpipeline.cloud.vastai;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A rented instance as {@code GET /api/v0/instances/{id}/} describes it.
 *
 * @param id             the instance (contract) id
 * @param label          the label it was created with
 * @param actualStatus   what the container is doing: {@code loading} (pulling the image, starting),
 *                       {@code running}, {@code exited}, {@code offline} …; empty before the host reports
 * @param intendedStatus what it should be doing ({@code running}, {@code stopped})
 * @param statusMessage  the host's last message, e.g. an image pull's progress
 * @param publicIp       the machine's public address ({@code public_ipaddr}), empty until known
 * @param ports          container port ({@code 22/tcp}) to public port, for ports the instance maps
 * @param dphTotal       what it costs in USD per hour ({@code dph_total})
 * @param gpuName        its GPU model
 * @param startedAt      when it was created ({@code start_date}), or null
 * @since 0.1
 */
public record Instance(long id, String label, String actualStatus, String intendedStatus, String statusMessage, String publicIp,
                       Map<String, Integer> ports, double dphTotal, String gpuName, Instant startedAt) {
    private static final Set<String> FAILED = Set.of("exited", "offline", "error", "dead", "failed", "crashed", "stopped");

    /** Copies the fields. */
    public Instance {
        ports = Map.copyOf(ports);
    }

    /** @return whether the container runs */
    public boolean isRunning() {
        return "running".equals(actualStatus);
    }

    /** @return whether it is still being created or starting ({@code loading}, {@code created} or not reported yet) */
    public boolean isStarting() {
        return actualStatus.isEmpty() || "loading".equals(actualStatus) || "created".equals(actualStatus) || "scheduling".equals(actualStatus);
    }

    /** @return whether it stopped or failed and will not run the worker without help */
    public boolean hasFailed() {
        return FAILED.contains(actualStatus);
    }

    /**
     * @param json the {@code instances} object of the answer
     * @return the instance
     */
    static Instance fromJson(JsonNode json) {
        Map<String, Integer> ports = new TreeMap<>();
        JsonNode mapped = json.path("ports");
        for (Map.Entry<String, JsonNode> port : mapped.properties()) {
            JsonNode binding = port.getValue().isArray() ? port.getValue().path(0) : port.getValue();
            int host = binding.path("HostPort").asInt(binding.asInt(0));
            if (host > 0) {
                ports.put(port.getKey(), host);
            }
        }
        double start = json.path("start_date").asDouble(0);
        return new Instance(json.path("id").asLong(), json.path("label").asText(""), json.path("actual_status").asText(""),
                json.path("intended_status").asText(""), json.path("status_msg").asText(""), json.path("public_ipaddr").asText("").trim(),
                ports, json.path("dph_total").asDouble(0), json.path("gpu_name").asText(""),
                start > 0 ? Instant.ofEpochMilli((long) (start * 1000)) : null);
    }

    @Override
    public String toString() {
        return "Instance[" + id + (label.isEmpty() ? "" : " " + label) + ", " + (actualStatus.isEmpty() ? "not reported" : actualStatus)
                + (publicIp.isEmpty() ? "" : ", " + publicIp) + ", " + gpuName + String.format(java.util.Locale.ROOT, ", $%.3f/h]", dphTotal);
    }
}
