package io.visionpipeline.cloud.testing;

/**
 * What runs on a simulated instance once it has booted: real worker processes
 * ({@link ProcessRuntime}), workers on the simulation's clock ({@link SimulatedWorkers}), or
 * nothing.
 */
@FunctionalInterface
public interface InstanceRuntime {
    /** Instances that boot but run nothing (their worker never heartbeats). */
    InstanceRuntime NOTHING = rental -> () -> { };

    /**
     * @param rental the instance that just booted: its label, environment and onstart script
     * @return a handle that kills what was started
     */
    Running start(VastAiSimulator.Rental rental);

    /** What runs on one instance. */
    @FunctionalInterface
    interface Running {
        /** Kills it at once, as a machine failure or a destroy would. */
        void kill();
    }
}
