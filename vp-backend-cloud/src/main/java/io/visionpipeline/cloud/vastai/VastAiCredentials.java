package io.visionpipeline.cloud.vastai;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Supplies the Vast.ai API key. The key is asked for on each request and used only in the
 * {@code Authorization: Bearer} header: it is never logged, never put in an exception message and
 * never part of a {@code toString()}.
 *
 * <pre>{@code
 * VastAiClient vast = VastAiClient.builder().credentials(VastAiCredentials.environment()).build(); // VAST_API_KEY
 * VastAiClient fromFile = VastAiClient.builder()
 *         .credentials(VastAiCredentials.file(Path.of("/etc/vp/vast_api_key"))).build();
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface VastAiCredentials {
    /** The environment variable {@link #environment()} reads. */
    String ENV = "VAST_API_KEY";

    /**
     * @return the API key
     * @throws VastAiException with {@link VastAiException.Reason#MISSING_KEY} when there is none
     */
    String apiKey();

    /** @return the key in the environment variable {@value #ENV}, read on each request */
    static VastAiCredentials environment() {
        return new VastAiCredentials() {
            @Override
            public String apiKey() {
                return present(System.getenv(ENV), "the environment variable " + ENV + " is not set; put your Vast.ai API key there "
                        + "(https://cloud.vast.ai/manage-keys/)");
            }

            @Override
            public String toString() {
                return "VastAiCredentials[env " + ENV + "]";
            }
        };
    }

    /**
     * @param apiKey the key, e.g. from a secret store
     * @return credentials holding it
     */
    static VastAiCredentials of(String apiKey) {
        String key = present(apiKey, "the API key given is empty");
        return new VastAiCredentials() {
            @Override
            public String apiKey() {
                return key;
            }

            @Override
            public String toString() {
                return "VastAiCredentials[***]";
            }
        };
    }

    /**
     * @param file a file holding the key (as {@code vastai set api-key} writes it), read on each request
     * @return credentials reading it
     */
    static VastAiCredentials file(Path file) {
        Objects.requireNonNull(file, "file");
        return new VastAiCredentials() {
            @Override
            public String apiKey() {
                try {
                    return present(Files.readString(file, StandardCharsets.UTF_8), "the key file " + file + " is empty");
                } catch (IOException e) {
                    throw new VastAiException(VastAiException.Reason.MISSING_KEY, 0, "", "Cannot read the Vast.ai API key file "
                            + file + ": " + e.getClass().getSimpleName(), null);
                }
            }

            @Override
            public String toString() {
                return "VastAiCredentials[file " + file + "]";
            }
        };
    }

    private static String present(String key, String problem) {
        if (key == null || key.isBlank()) {
            throw new VastAiException(VastAiException.Reason.MISSING_KEY, 0, "", "No Vast.ai API key: " + problem, null);
        }
        return key.trim();
    }
}
