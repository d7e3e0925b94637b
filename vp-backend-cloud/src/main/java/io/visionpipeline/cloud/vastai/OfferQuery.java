package io.visionpipeline.cloud.vastai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which offers to consider: GPU model, GPU RAM, CUDA, host reliability and verification, whole
 * GPUs and a price ceiling. Sent as the search's {@code q} object (fields and operators as in
 * Vast.ai's REST API: {@code gpu_ram} in MB, {@code dph_total} in USD/hour) and checked again on
 * every offer that comes back, so an offer above the price ceiling is never rented even if the
 * search let it through.
 *
 * <pre>{@code
 * OfferQuery query = OfferQuery.builder()
 *         .gpuNames("RTX 4090", "RTX 3090")
 *         .minGpuRamMb(24_000)
 *         .minCudaMaxGood(12.0)
 *         .minReliability(0.98)
 *         .maxDphTotal(0.45)
 *         .build();
 * List<Offer> cheapestFirst = vast.searchOffers(query);
 * }</pre>
 *
 * @param gpuNames       accepted GPU models (e.g. {@code RTX 4090}; underscores read as spaces), empty for any
 * @param minGpuRamMb    least RAM per GPU in MB
 * @param minCudaMaxGood least CUDA version the host's driver must support
 * @param minReliability least host reliability in [0, 1]
 * @param verifiedOnly   whether only hosts verified by Vast.ai qualify
 * @param numGpus        whole GPUs per instance
 * @param maxDphTotal    the most an instance may cost in USD per hour, storage included
 * @param minDiskGb      least free disk in GB (the instance's disk); also the storage the search prices
 *                       {@code dph_total} with ({@code allocated_storage})
 * @param limit          the most offers one search returns
 * @since 0.1
 */
public record OfferQuery(List<String> gpuNames, double minGpuRamMb, double minCudaMaxGood, double minReliability,
                         boolean verifiedOnly, int numGpus, double maxDphTotal, double minDiskGb, int limit) {

    /** Default least host reliability. */
    public static final double DEFAULT_MIN_RELIABILITY = 0.95;
    /** Default price ceiling in USD per hour. */
    public static final double DEFAULT_MAX_DPH_TOTAL = 0.50;
    /** Default number of offers a search returns (Vast.ai answers at most 64 by default). */
    public static final int DEFAULT_LIMIT = 64;

    /** Validates and copies the fields. */
    public OfferQuery {
        gpuNames = List.copyOf(gpuNames).stream().map(n -> n.replace('_', ' ').trim()).toList();
        if (numGpus < 1) {
            throw new IllegalArgumentException("numGpus must be >= 1: " + numGpus);
        }
        if (!(maxDphTotal > 0)) {
            throw new IllegalArgumentException("maxDphTotal must be positive: " + maxDphTotal);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1: " + limit);
        }
    }

    /** @return a builder with the defaults: any GPU, one whole GPU, verified hosts, reliability 0.95, at most $0.50/h */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the search's {@code q} object */
    ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode q = f.objectNode();
        if (!gpuNames.isEmpty()) {
            ArrayNode names = q.putObject("gpu_name").putArray("in");
            gpuNames.forEach(names::add);
        }
        q.putObject("num_gpus").put("eq", numGpus);
        if (minGpuRamMb > 0) {
            q.putObject("gpu_ram").put("gte", minGpuRamMb);
        }
        if (minCudaMaxGood > 0) {
            q.putObject("cuda_max_good").put("gte", minCudaMaxGood);
        }
        if (minReliability > 0) {
            q.putObject("reliability").put("gte", minReliability);
        }
        if (verifiedOnly) {
            q.putObject("verified").put("eq", true);
        }
        q.putObject("rentable").put("eq", true);
        q.putObject("dph_total").put("lte", maxDphTotal);
        if (minDiskGb > 0) {
            q.putObject("disk_space").put("gte", minDiskGb);
            q.put("allocated_storage", minDiskGb);
        }
        q.put("type", "ondemand");
        q.put("limit", limit);
        q.putArray("order").addArray().add("dph_total").add("asc");
        return q;
    }

    /**
     * @param gb the instance's disk in GB
     * @return this query asking for at least that much free disk, priced with it
     */
    public OfferQuery withMinDiskGb(double gb) {
        return new OfferQuery(gpuNames, minGpuRamMb, minCudaMaxGood, minReliability, verifiedOnly, numGpus, maxDphTotal, gb, limit);
    }

    /**
     * @param offer an offer the search returned
     * @return whether it meets every condition of this query
     */
    public boolean accepts(Offer offer) {
        return (gpuNames.isEmpty() || gpuNames.stream().anyMatch(n -> n.equalsIgnoreCase(offer.gpuName())))
                && offer.numGpus() == numGpus
                && offer.gpuRamMb() >= minGpuRamMb
                && offer.cudaMaxGood() >= minCudaMaxGood
                && offer.reliability() >= minReliability
                && (offer.verified() || !verifiedOnly)
                && offer.dphTotal() > 0 && offer.dphTotal() <= maxDphTotal
                && offer.diskSpaceGb() >= minDiskGb;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "OfferQuery[%s, %d GPU(s), >= %.0f MB, CUDA >= %.1f, reliability >= %.2f%s, disk >= %.0f GB, <= $%.3f/h]",
                gpuNames.isEmpty() ? "any GPU" : gpuNames, numGpus, minGpuRamMb, minCudaMaxGood, minReliability,
                verifiedOnly ? ", verified" : "", minDiskGb, maxDphTotal);
    }

    /** Configures an {@link OfferQuery}; methods are named after what they set and check their argument at once. */
    public static final class Builder {
        private final List<String> gpuNames = new ArrayList<>();
        private double minGpuRamMb;
        private double minCudaMaxGood;
        private double minReliability = DEFAULT_MIN_RELIABILITY;
        private boolean verifiedOnly = true;
        private int numGpus = 1;
        private double maxDphTotal = DEFAULT_MAX_DPH_TOTAL;
        private double minDiskGb;
        private int limit = DEFAULT_LIMIT;

        private Builder() {
        }

        /**
         * @param names accepted GPU models as Vast.ai names them, e.g. {@code RTX 4090} (default: any)
         * @return this builder
         */
        public Builder gpuNames(String... names) {
            for (String name : names) {
                Objects.requireNonNull(name, "name");
                if (name.isBlank()) {
                    throw new IllegalArgumentException("a GPU name is empty");
                }
                gpuNames.add(name);
            }
            return this;
        }

        /**
         * @param mb least RAM per GPU in MB, as the REST API counts it (24 GB = 24576)
         * @return this builder
         */
        public Builder minGpuRamMb(double mb) {
            this.minGpuRamMb = nonNegative("minGpuRamMb", mb);
            return this;
        }

        /**
         * @param version least CUDA version the host's driver must support, e.g. 12.0 for a CUDA 12 image
         * @return this builder
         */
        public Builder minCudaMaxGood(double version) {
            this.minCudaMaxGood = nonNegative("minCudaMaxGood", version);
            return this;
        }

        /**
         * @param score least host reliability in [0, 1] (default 0.95)
         * @return this builder
         */
        public Builder minReliability(double score) {
            if (!(score >= 0 && score <= 1)) {
                throw new IllegalArgumentException("minReliability must be in [0, 1]: " + score);
            }
            this.minReliability = score;
            return this;
        }

        /**
         * @param verified whether only hosts verified by Vast.ai qualify (default true)
         * @return this builder
         */
        public Builder verifiedOnly(boolean verified) {
            this.verifiedOnly = verified;
            return this;
        }

        /**
         * @param gpus whole GPUs per instance (default 1)
         * @return this builder
         */
        public Builder numGpus(int gpus) {
            if (gpus < 1) {
                throw new IllegalArgumentException("numGpus must be >= 1: " + gpus);
            }
            this.numGpus = gpus;
            return this;
        }

        /**
         * @param usdPerHour the most an instance may cost per hour, storage included (default 0.50)
         * @return this builder
         */
        public Builder maxDphTotal(double usdPerHour) {
            if (!(usdPerHour > 0)) {
                throw new IllegalArgumentException("maxDphTotal must be positive: " + usdPerHour);
            }
            this.maxDphTotal = usdPerHour;
            return this;
        }

        /**
         * @param gb least free disk in GB (set to the worker's disk)
         * @return this builder
         */
        public Builder minDiskGb(double gb) {
            this.minDiskGb = nonNegative("minDiskGb", gb);
            return this;
        }

        /**
         * @param offers the most offers one search returns (default 64)
         * @return this builder
         */
        public Builder limit(int offers) {
            if (offers < 1) {
                throw new IllegalArgumentException("limit must be >= 1: " + offers);
            }
            this.limit = offers;
            return this;
        }

        /** @return the query */
        public OfferQuery build() {
            return new OfferQuery(gpuNames, minGpuRamMb, minCudaMaxGood, minReliability, verifiedOnly, numGpus, maxDphTotal,
                    minDiskGb, limit);
        }

        private static double nonNegative(String name, double value) {
            if (!(value >= 0)) {
                throw new IllegalArgumentException(name + " must be >= 0: " + value);
            }
            return value;
        }
    }
}
