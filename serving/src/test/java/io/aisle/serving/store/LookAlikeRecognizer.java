package io.aisle.serving.store;

import io.aisle.recommender.registry.ModelDraft;
import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.vision.djl.RecognizerModel;
import io.aisle.vision.djl.RecognizerTrainer;
import io.aisle.vision.render.CropCatalog;
import io.aisle.vision.render.CropRenderer;
import io.aisle.vision.render.ProductAppearance;
import io.aisle.vision.scene.CameraScene;
import java.util.List;
import java.util.Map;

/**
 * A small product recognizer trained in the test (seeded, three epochs on 60 crops of each look)
 * on the two looks of {@link CameraSession#lookAlikeLayoutJson}'s products, which weigh the same:
 * enough to tell the gold oats from the common ones in the crops of a {@link CameraSession}, in a
 * few seconds.
 */
final class LookAlikeRecognizer implements AutoCloseable {

    private static final List<String> APPEARANCES = List.of("app-gold", "app-oats");

    private final RecognizerModel model;
    private final CropCatalog catalog;

    private LookAlikeRecognizer(RecognizerModel model, CropCatalog catalog) {
        this.model = model;
        this.catalog = catalog;
    }

    static LookAlikeRecognizer train(long seed) {
        CropCatalog catalog = new CropCatalog(APPEARANCES);
        CropRenderer renderer = new CropRenderer(CameraScene.CROP_SIZE_PIXELS);
        RecognizerModel model = RecognizerTrainer.train(APPEARANCES, catalog.render(renderer, 60, seed),
                catalog.render(renderer, 20, seed + 1),
                new RecognizerTrainer.Settings(CameraScene.CROP_SIZE_PIXELS, 3, 32, 0.005f, seed)).model();
        return new LookAlikeRecognizer(model, catalog);
    }

    /** The look of {@code OATS-GOLD}, for the hand crops of a session in which it is taken. */
    ProductAppearance gold() {
        return catalog.products().get(APPEARANCES.indexOf("app-gold"));
    }

    /** The look of the common {@code OATS}. */
    ProductAppearance common() {
        return catalog.products().get(APPEARANCES.indexOf("app-oats"));
    }

    /** Publishes the model as a new, not yet approved, version of the tenant's product recognizer. */
    String publish(ModelRegistry registry, String tenant) {
        return registry.publish(tenant, TenantRecognizers.MODEL, new ModelDraft(TenantRecognizers.MODEL, "test:look-alikes",
                Map.of("training", 120L), Map.of("epochs", "3"), Map.of()), model::save).version();
    }

    @Override
    public void close() {
        model.close();
    }
}
