package io.visionpipeline.core.engine;

import io.visionpipeline.core.decode.AudioReader;
import io.visionpipeline.media.AudioClip;
import io.visionpipeline.media.AudioTrack;
import io.visionpipeline.media.MediaInfo;

import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * The audio track an audio stage reads during a job: the reader's clips, refused with a
 * {@link CancellationException} as soon as the job stops (cancelled, failed or past its deadline),
 * so a stage reading it stops within one clip. Tracks how far it has been read.
 */
final class JobTrack implements AudioTrack {
    private final FrameJob job;
    private final AudioReader reader;
    private final AudioTrack clips;
    private volatile long clipsRead;
    private volatile Duration position = Duration.ZERO;

    JobTrack(FrameJob job, AudioReader reader) {
        this.job = job;
        this.reader = reader;
        this.clips = reader.track();
    }

    @Override
    public MediaInfo media() {
        return clips.media();
    }

    @Override
    public boolean hasNext() {
        if (job.isStopped()) {
            throw new CancellationException("Analysis of '" + job.mediaId() + "' has stopped");
        }
        return clips.hasNext();
    }

    @Override
    public AudioClip next() {
        if (job.isStopped()) {
            throw new CancellationException("Analysis of '" + job.mediaId() + "' has stopped");
        }
        AudioClip clip = clips.next();
        clipsRead++;
        position = clip.end();
        return clip;
    }

    /** @return clips handed out so far */
    long clipsRead() {
        return clipsRead;
    }

    /** @return media time up to which the track has been read */
    Duration position() {
        return position;
    }

    /** @return time spent decoding the audio so far */
    Duration decodeTime() {
        return reader.decodeTime();
    }
}
