package io.visionpipeline.cli;

import io.visionpipeline.StageKinds;
import io.visionpipeline.core.decode.FrameReader;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.face.BlazeFaceProvider;
import io.visionpipeline.face.FaceDetector;
import io.visionpipeline.face.FaceGallery;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.media.MediaDecodeException;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.stage.StageProviders;
import io.visionpipeline.stage.StageSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code vp faces enroll|list}: a gallery of known people whose names label the identities that
 * {@code vp analyze --gallery} finds.
 *
 * <pre>
 * ./vp faces enroll "Eileen Collins" astronaut.png --gallery people.vpi
 * ./vp analyze talk.mp4 --stages faces --gallery people.vpi
 * </pre>
 */
@Command(name = "faces", mixinStandardHelpOptions = true,
        description = "Manage a face gallery: enrol known people from photos, list them.",
        subcommands = {FacesCommand.Enroll.class, FacesCommand.ListPeople.class})
final class FacesCommand {

    /** {@code vp faces enroll <name> <images…>}. */
    @Command(name = "enroll", mixinStandardHelpOptions = true,
            description = {"Enrol a person from photos (the largest face in each) into a gallery, creating it if needed.",
                    "Use the same --face-embedder as 'vp analyze' (default faceres)."})
    static final class Enroll implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "<name>", description = "The person's name.")
        private String name;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "<image>", description = "Photos of the person.")
        private List<Path> images;

        @Option(names = "--gallery", required = true, paramLabel = "<file>", description = "The gallery file (created when missing).")
        private Path gallery;

        @Option(names = "--face-embedder", paramLabel = "faceres|mobileface", description = "Face embedder (default: faceres).")
        private String embedder;

        @Option(names = "--face-model", paramLabel = "short|full", description = "BlazeFace model: short (default) or full (small faces).")
        private String faceModel;

        @Option(names = "--allow-downloads", description = "Let missing models be fetched into the model cache.")
        private boolean allowDownloads;

        @Override
        public Integer call() {
            Map<String, String> options = new LinkedHashMap<>();
            options.put("embedder", embedder == null ? BlazeFaceProvider.DEFAULT_EMBEDDER.modelId() : embedder);
            if (faceModel != null) {
                options.put("model", faceModel);
            }
            if (allowDownloads) {
                options.put(ModelStore.ALLOW_DOWNLOADS_OPTION, "true");
            }
            List<ImageFrame> frames = new ArrayList<>();
            for (Path image : images) {
                frames.add(read(image));
            }
            try (FaceDetector faces = StageProviders.create(StageKinds.FACES, new StageSpec(StageKinds.FACES.name(), "", options));
                 FaceGallery people = Files.exists(gallery) ? FaceGallery.load(gallery) : FaceGallery.create()) {
                int added = people.enroll(name, frames, faces);
                people.save(gallery);
                System.out.printf("Enrolled %d face(s) of %s into %s (%d face(s) of %d people)%n", added, name, gallery, people.size(),
                        people.names().size());
            }
            return 0;
        }

        private static ImageFrame read(Path image) {
            try (FrameReader reader = FrameReader.open(MediaSource.of(image), FrameSampling.everyNthFrame(1))) {
                ImageFrame frame = reader.next();
                if (frame == null) {
                    throw new MediaDecodeException(image.toString(), "no picture in it");
                }
                return frame;
            }
        }
    }

    /** {@code vp faces list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the people in a gallery.")
    static final class ListPeople implements Callable<Integer> {
        @Option(names = "--gallery", required = true, paramLabel = "<file>", description = "The gallery file.")
        private Path gallery;

        @Override
        public Integer call() {
            try (FaceGallery people = FaceGallery.load(gallery)) {
                System.out.printf("%s: %d face(s) of %d people (embedder %s)%n", gallery, people.size(), people.names().size(), people.embedder());
                people.names().forEach(n -> System.out.println("  " + n));
            }
            return 0;
        }
    }
}
