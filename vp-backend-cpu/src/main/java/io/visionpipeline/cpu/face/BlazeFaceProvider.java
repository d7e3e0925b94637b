package io.visionpipeline.cpu.face;

import com.google.auto.service.AutoService;
import io.visionpipeline.StageKinds;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.cpu.onnx.OnnxStageProvider;
import io.visionpipeline.face.FaceDetector;
import io.visionpipeline.face.FaceGallery;
import io.visionpipeline.face.IdentityTracker;
import io.visionpipeline.model.ModelUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.stage.StageProvider;

import java.nio.file.Path;
import java.util.Set;

/**
 * The default {@code faces} provider, {@code blazeface}. Options: {@code model} ({@code short},
 * default, {@code full}, or {@code both}: both on every frame, close and small faces), {@code threshold} (least face score, default 0.75), {@code nmsIou}
 * (merge overlap, default 0.3), {@code intraOpThreads} (ONNX Runtime threads inside one run,
 * default 1: the executor already runs frames in parallel), and the model store's
 * {@code models.*} options.
 *
 * <p>Identities: {@code embedder} ({@code auto}, default: the default embedder when its model can
 * be had, else detection only with a warning; {@code mobileface}; {@code faceres}; {@code none}),
 * {@code matchThreshold} (least cosine similarity for one person, default: the embedder's
 * calibrated {@link FaceEmbedderModel#matchThreshold()}), {@code minQuality} (default
 * {@link IdentityTracker#DEFAULT_MIN_QUALITY}), {@code maxMissedFrames} (default
 * {@link IdentityTracker#DEFAULT_MAX_MISSED_FRAMES}) and {@code gallery} (a saved
 * {@link FaceGallery} file whose people name the identities).
 *
 * <pre>{@code
 * VisionPipeline.builder().faces("blazeface", StageOptions.of("gallery", "people.vpg")).build();
 * }</pre>
 */
@AutoService(StageProvider.class)
public final class BlazeFaceProvider extends OnnxStageProvider<FaceDetector> {
    /**
     * Default least face score: 0.75, the default of the packaged models' own detector
     * (keijiro/BlazeFaceBarracuda {@code FaceDetector.ProcessImage}). MediaPipe's 0.5 lets
     * round objects through: on skimage's coffee.png the full-range model scores 0.68.
     */
    public static final float DEFAULT_THRESHOLD = 0.75f;
    /** Default overlap at which candidates merge (MediaPipe's value). */
    public static final float DEFAULT_NMS_IOU = 0.3f;
    /** The embedder used when none is named: the one that separated same and different people best (docs/faces.md). */
    public static final FaceEmbedderModel DEFAULT_EMBEDDER = FaceEmbedderModel.FACERES;
    private static final Logger LOG = LoggerFactory.getLogger(BlazeFaceProvider.class);

    /** Registers the provider. */
    public BlazeFaceProvider() {
        super(StageKinds.FACES, "blazeface", 100, Set.of("model", "threshold", "nmsIou", "intraOpThreads", "embedder",
                "matchThreshold", "minQuality", "maxMissedFrames", "gallery"));
    }

    @Override
    public FaceDetector create(StageOptions options) {
        ModelStore store = ModelStore.fromOptions(options);
        OnnxModel.Options session = new OnnxModel.Options(options.getInt("intraOpThreads", 1));
        FaceIdentification identification = identification(options, store, session);
        try {
            return BlazeFaceDetector.open(BlazeFaceModel.ranges(options.get("model", "short")), store,
                    (float) options.getDouble("threshold", DEFAULT_THRESHOLD), (float) options.getDouble("nmsIou", DEFAULT_NMS_IOU),
                    session, identification);
        } catch (RuntimeException e) {
            if (identification != null) {
                identification.close();
            }
            throw e;
        }
    }

    private static FaceIdentification identification(StageOptions options, ModelStore store, OnnxModel.Options session) {
        String embedder = options.get("embedder", "auto");
        String gallery = options.get("gallery", null);
        if (embedder.equals("none")) {
            if (gallery != null) {
                throw new IllegalArgumentException("Option 'gallery' needs a face embedder, but 'embedder' is none");
            }
            return null;
        }
        FaceEmbedderSession embedderSession;
        if (embedder.equals("auto")) {
            try {
                embedderSession = FaceEmbedderSession.open(DEFAULT_EMBEDDER, store, session);
            } catch (ModelUnavailableException e) {
                if (gallery != null) {
                    throw e;
                }
                LOG.warn("Faces are detected without identities: the face embedder {} is not available ({})",
                        DEFAULT_EMBEDDER.modelId(), e.getMessage());
                return null;
            }
        } else {
            embedderSession = FaceEmbedderSession.open(FaceEmbedderModel.fromOption(embedder), store, session);
        }
        try {
            double threshold = options.getDouble("matchThreshold", embedderSession.variant().matchThreshold());
            FaceGallery known = gallery == null ? null : FaceGallery.load(Path.of(gallery), threshold);
            if (known != null && known.dimension() != embedderSession.variant().dimension()) {
                known.close();
                throw new IllegalArgumentException("Face gallery " + gallery + " holds " + known.dimension() + "-d faces of embedder '"
                        + known.embedder() + "', but this stage embeds with " + embedderSession.variant().modelId()
                        + " (" + embedderSession.variant().dimension() + "-d): enrol again with this embedder or set option 'embedder'");
            }
            return new FaceIdentification(embedderSession, threshold, options.getDouble("minQuality", IdentityTracker.DEFAULT_MIN_QUALITY),
                    options.getInt("maxMissedFrames", IdentityTracker.DEFAULT_MAX_MISSED_FRAMES), known);
        } catch (RuntimeException e) {
            embedderSession.close();
            throw e;
        }
    }
}
