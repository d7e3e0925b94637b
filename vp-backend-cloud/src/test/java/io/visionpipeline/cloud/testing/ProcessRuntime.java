package io.visionpipeline.cloud.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Instances that run their {@code onstart} script with {@code bash}, in the environment they were
 * created with, as a Vast.ai host does. The {@code vp} on their {@code PATH} is a launcher for a
 * child JVM running {@link TestWorkerMain}, which reads {@code vp worker}'s options and runs a real
 * {@link io.visionpipeline.redis.worker.RedisWorker} (doing echo work) against the real Redis.
 */
public final class ProcessRuntime implements InstanceRuntime {
    private final Path bin;
    private final Path logs;

    /**
     * @param dir where the launcher and the instances' logs go
     */
    public ProcessRuntime(Path dir) {
        try {
            this.bin = Files.createDirectories(dir.resolve("bin"));
            this.logs = Files.createDirectories(dir.resolve("logs"));
            Path vp = bin.resolve("vp");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Files.writeString(vp, "#!/usr/bin/env bash\n# test stand-in for the image's vp launcher\nexec '" + java
                    + "' -Xmx192m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=info -cp '"
                    + System.getProperty("java.class.path") + "' " + TestWorkerMain.class.getName() + " \"$@\"\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(vp, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param label an instance's label
     * @return its log so far
     */
    public String log(String label) {
        try {
            return Files.readString(logs.resolve(label + ".log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public Running start(VastAiSimulator.Rental rental) {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", rental.onstart()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(rental.label() + ".log").toFile()));
        Map<String, String> env = builder.environment();
        env.putAll(rental.env());
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the onstart script of " + rental.label(), e);
        }
        return () -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
