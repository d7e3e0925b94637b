package io.visionpipeline.core.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** One run of a model by its inference engine (ONNX Runtime, whisper.cpp, …). */
@Name(InferenceEvent.NAME)
@Label("Inference")
@Category("VisionPipeline")
@Description("One model run in the inference engine")
@StackTrace(false)
public final class InferenceEvent extends jdk.jfr.Event {
    /** The event type's name in a recording. */
    public static final String NAME = "io.visionpipeline.Inference";

    @Label("Model")
    public String model;
}
