package io.visionpipeline.core.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Resampling and normalising one image (or image region) into a model's input. */
@Name(PreprocessEvent.NAME)
@Label("Preprocess")
@Category("VisionPipeline")
@Description("One image resampled and normalised into a model input")
@StackTrace(false)
public final class PreprocessEvent extends jdk.jfr.Event {
    /** The event type's name in a recording. */
    public static final String NAME = "io.visionpipeline.Preprocess";

    @Label("Output pixels")
    public int pixels;
}
