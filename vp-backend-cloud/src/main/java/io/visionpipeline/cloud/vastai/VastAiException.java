package io.visionpipeline.cloud.vastai;

import io.visionpipeline.VisionPipelineException;

import java.util.Objects;

/**
 * A Vast.ai API call failed. The message names the call, what Vast.ai answered and what to do; it
 * never contains the API key (the client also redacts it from any response text it quotes).
 *
 * <pre>{@code
 * try {
 *     long id = vast.createInstance(offer.id(), request);
 * } catch (VastAiException e) {
 *     if (e.reason() == VastAiException.Reason.OFFER_GONE) {
 *         // someone else rented that machine first: take the next offer
 *     }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public class VastAiException extends VisionPipelineException {
    private static final long serialVersionUID = 1L;

    /** Why a call failed. */
    public enum Reason {
        /** No API key is configured. */
        MISSING_KEY,
        /** The API did not answer (connection refused, DNS, timeout before the request was sent). */
        UNREACHABLE,
        /** The key was refused (HTTP 401/403). */
        UNAUTHORIZED,
        /** Still rate limited (HTTP 429) after the backoff. */
        RATE_LIMITED,
        /** The offer was rented by someone else or withdrawn ({@code no_such_ask}, HTTP 404/410). */
        OFFER_GONE,
        /** The instance does not exist ({@code no_such_instance}). */
        NOT_FOUND,
        /** The request was refused as invalid (another HTTP 4xx). */
        REJECTED,
        /** The API failed (HTTP 5xx) on every try. */
        SERVER_ERROR,
        /** The answer was not the JSON the API documents. */
        BAD_RESPONSE,
        /**
         * A create request was sent but its answer was lost (timeout, reset, HTTP 5xx): the instance
         * may or may not exist. Creating is not idempotent, so it is never sent again blindly; look
         * for the request's label in {@link VastAiClient#instances()} instead.
         */
        OUTCOME_UNKNOWN
    }

    private final Reason reason;
    private final int httpStatus;
    private final String errorCode;

    /**
     * @param reason     why it failed
     * @param httpStatus the HTTP status, 0 when there was no answer
     * @param errorCode  Vast.ai's error code (e.g. {@code no_such_ask}), empty when none
     * @param message    what failed and what to do, without the API key
     * @param cause      the underlying failure, or null
     */
    public VastAiException(Reason reason, int httpStatus, String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.httpStatus = httpStatus;
        this.errorCode = errorCode == null ? "" : errorCode;
    }

    /** @return why it failed */
    public Reason reason() {
        return reason;
    }

    /** @return the HTTP status, 0 when there was no answer */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return Vast.ai's error code (e.g. {@code no_such_ask}), empty when none */
    public String errorCode() {
        return errorCode;
    }
}
