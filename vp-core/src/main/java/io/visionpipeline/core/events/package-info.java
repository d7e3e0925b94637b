/**
 * Java Flight Recorder events of the engine's steps: a stage's batch, image pre-processing,
 * model inference and per-frame aggregation. They cost nothing while no recording is running;
 * with one, they show where the time of an analysis goes:
 *
 * <pre>
 * java -XX:StartFlightRecording=filename=vp.jfr ... ;  jfr summary vp.jfr ; jfr print --events io.visionpipeline.Inference vp.jfr
 * </pre>
 *
 * The benchmarks' end-to-end run reads them back ({@link jdk.jfr.consumer.RecordingFile}) to split
 * each stage's time into pre-processing, inference and post-processing.
 */
package io.visionpipeline.core.events;
