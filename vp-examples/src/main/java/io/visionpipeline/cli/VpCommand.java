package io.visionpipeline.cli;

import io.visionpipeline.VisionPipelineException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * The {@code vp} command line: {@code vp analyze}, {@code vp index/search/ask/serve}, {@code vp models}, {@code vp worker}.
 *
 * <pre>
 * ./vp analyze talk.mp4 --every 1s --out talk.report.json
 * ./vp index videos/ --library lib/ &amp;&amp; ./vp search "two people talking" --library lib/
 * ./vp ask "who is on screen?" --library lib/ --llm http://localhost:11434/v1
 * ./vp faces enroll "Eileen Collins" astronaut.png --gallery people.vpi
 * ./vp models fetch blazeface-short
 * ./vp worker --redis redis://localhost:6379
 * </pre>
 */
@Command(name = "vp", mixinStandardHelpOptions = true, versionProvider = VpCommand.Version.class,
        description = "VisionPipeline: turn video, images and audio into structured, searchable knowledge.",
        subcommands = {AnalyzeCommand.class, IndexCommand.class, SearchCommand.class, AskCommand.class, ServeCommand.class,
                ModelsCommand.class, FacesCommand.class, WorkerCommand.class, ExampleCommand.class, CommandLine.HelpCommand.class})
public final class VpCommand {
    /** Exit code when some input could not be analysed or a command failed. */
    public static final int FAILED = 1;
    /** Exit code for wrong usage. */
    public static final int USAGE = 2;

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line without exiting: for tests and embedding.
     *
     * @param args command-line arguments
     * @return the exit code
     */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new VpCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("vp: " + reason(e));
            err.flush();
            return FAILED;
        });
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? USAGE : FAILED);
        return cli.execute(args);
    }

    static String reason(Throwable e) {
        if (e instanceof VisionPipelineException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            return e.getMessage();
        }
        return e.toString();
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = VpCommand.class.getPackage().getImplementationVersion();
            return new String[] {"vp " + (v == null ? "(development build)" : v)};
        }
    }
}
