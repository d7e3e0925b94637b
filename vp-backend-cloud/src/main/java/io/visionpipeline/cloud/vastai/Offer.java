package io.visionpipeline.cloud.vastai;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A machine offered for rent, as the search ({@code GET /api/v0/bundles/}) lists it. Each offer
 * is one machine: once someone rents it, creating an instance on it fails with {@code no_such_ask}.
 *
 * @param id           the offer ("ask") id, passed to {@link VastAiClient#createInstance}
 * @param machineId    the machine
 * @param gpuName      the GPU model, e.g. {@code RTX 4090}
 * @param numGpus      whole GPUs in the offer
 * @param gpuRamMb     RAM per GPU in MB ({@code gpu_ram})
 * @param cudaMaxGood  the highest CUDA version the host's driver supports ({@code cuda_max_good})
 * @param reliability  the host's reliability score in [0, 1]
 * @param verified     whether Vast.ai verified the host
 * @param dphTotal     what renting it costs in USD per hour, storage and GPU included ({@code dph_total})
 * @param diskSpaceGb  free disk in GB
 * @param geolocation  where it is, e.g. {@code Sweden, SE}, empty when unknown
 * @since 0.1
 */
public record Offer(long id, long machineId, String gpuName, int numGpus, double gpuRamMb, double cudaMaxGood,
                    double reliability, boolean verified, double dphTotal, double diskSpaceGb, String geolocation) {

    /**
     * @param json one element of the search answer's {@code offers}
     * @return the offer
     * @throws IllegalArgumentException when it has no id or price
     */
    static Offer fromJson(JsonNode json) {
        if (!json.hasNonNull("id") || !json.hasNonNull("dph_total")) {
            throw new IllegalArgumentException("an offer without id or dph_total: " + json);
        }
        boolean verified = json.path("verified").asBoolean(false) || "verified".equals(json.path("verification").asText(""));
        return new Offer(json.get("id").asLong(), json.path("machine_id").asLong(0), json.path("gpu_name").asText(""),
                json.path("num_gpus").asInt(0), json.path("gpu_ram").asDouble(0), json.path("cuda_max_good").asDouble(0),
                json.path("reliability").asDouble(0), verified,
                json.get("dph_total").asDouble(), json.path("disk_space").asDouble(0), json.path("geolocation").asText(""));
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Offer[%d: %dx %s %.0f GB, CUDA %.1f, reliability %.3f%s, $%.3f/h]", id, numGpus,
                gpuName, gpuRamMb / 1024, cudaMaxGood, reliability, verified ? ", verified" : "", dphTotal);
    }
}
