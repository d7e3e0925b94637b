package io.visionpipeline.cloud;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where one job ran and what it cost: its wall time on a rented instance times the instance's
 * price, shared among the jobs the instance runs at once. Boot and idle time are not in a job's
 * cost; they are in the instance's ({@link InstanceCost}).
 *
 * @param jobId     the job
 * @param mediaId   its media
 * @param placement where it ran
 * @param worker    the worker that stored its outcome
 * @param instance  the rented instance's label, empty unless it ran in the cloud
 * @param runTime   the analysis' wall time on the worker
 * @param cost      its share of the instance's price in USD (0 off the cloud)
 * @param note      why it ran locally (the fallback's reason), empty otherwise
 * @since 0.1
 */
public record JobCost(String jobId, String mediaId, Placement placement, String worker, String instance, Duration runTime,
                      double cost, String note) {

    /** Where a job ran. */
    public enum Placement {
        /** On a rented instance of this fleet. */
        CLOUD,
        /** On a local worker started because the cloud failed. */
        LOCAL_FALLBACK,
        /** On another worker of the queue (e.g. one the user runs on the same machine). */
        OTHER_WORKER
    }

    /** Validates the fields. */
    public JobCost {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(runTime, "runTime");
        mediaId = mediaId == null ? "" : mediaId;
        worker = worker == null ? "" : worker;
        instance = instance == null ? "" : instance;
        note = note == null ? "" : note;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "JobCost[%s %s on %s%s, %d ms, $%.5f%s]", jobId, mediaId, placement,
                instance.isEmpty() ? " " + worker : " " + instance, runTime.toMillis(), cost, note.isEmpty() ? "" : ", " + note);
    }
}
