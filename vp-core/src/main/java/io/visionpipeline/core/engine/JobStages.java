package io.visionpipeline.core.engine;

import io.visionpipeline.report.StageRun;
import io.visionpipeline.stage.AudioStage;

import java.util.List;

/**
 * A pipeline's prepared stages as one job sees them: the frame stages (fed sampled frames through
 * their batching runners) and the audio stages (each given the whole audio track), plus the report
 * entries of all of them in the pipeline's order.
 *
 * @param frames frame stage runners, shared by all jobs of the executor
 * @param audio  audio stage instances, shared by all jobs of the executor
 * @param runs   what ran, in the pipeline's order
 */
record JobStages(List<StageRunner> frames, List<StageInstances<AudioStage<?>>> audio, List<StageRun> runs) {
    JobStages {
        frames = List.copyOf(frames);
        audio = List.copyOf(audio);
        runs = List.copyOf(runs);
    }
}
