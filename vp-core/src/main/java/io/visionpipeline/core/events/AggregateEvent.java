package io.visionpipeline.core.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** One frame's results passed through the stages' sequence aggregators (tracks, summaries) into the report. */
@Name(AggregateEvent.NAME)
@Label("Aggregate")
@Category("VisionPipeline")
@Description("One frame's results aggregated into the report")
@StackTrace(false)
public final class AggregateEvent extends jdk.jfr.Event {
    /** The event type's name in a recording. */
    public static final String NAME = "io.visionpipeline.Aggregate";

    @Label("Media")
    public String media;
}
