package io.visionpipeline.core.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** One batch of frames through one stage: everything the stage did for it, on one thread. */
@Name(StageBatchEvent.NAME)
@Label("Stage batch")
@Category("VisionPipeline")
@Description("One batch of frames processed by one stage")
@StackTrace(false)
public final class StageBatchEvent extends jdk.jfr.Event {
    /** The event type's name in a recording. */
    public static final String NAME = "io.visionpipeline.StageBatch";

    @Label("Stage kind")
    public String kind;

    @Label("Frames")
    public int frames;
}
