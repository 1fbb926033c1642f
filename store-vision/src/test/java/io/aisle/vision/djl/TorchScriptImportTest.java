package io.aisle.vision.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.vision.json.InvalidFieldException;
import io.aisle.vision.render.CropRenderer;
import io.aisle.vision.testing.MeanColourTorchScript;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchScriptImportTest {

    private static byte[] solid(Color colour) {
        BufferedImage image = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 20, 20);
        g.dispose();
        return CropRenderer.png(image);
    }

    @Test
    void importedTorchScriptModelClassifiesCrops(@TempDir Path dir) throws IOException {
        Path file = MeanColourTorchScript.write(dir.resolve("mean-colour.pt"));
        try (RecognizerModel model = RecognizerModel.importTorchScript(file, MeanColourTorchScript.CLASSES, 16,
                dir.resolve("imported")); DjlProductRecognizer recognizer = model.newRecognizer()) {
            Map<String, Double> p = recognizer.classify(solid(new Color(200, 40, 30)), List.of("red", "green", "blue"));
            assertTrue(p.get("red") > 0.9, p.toString());
            assertEquals("torchscript", model.architecture());
        }
    }

    @Test
    void reloadsAnImportedModelFromItsFolder(@TempDir Path dir) throws IOException {
        Path file = MeanColourTorchScript.write(dir.resolve("mean-colour.pt"));
        RecognizerModel.importTorchScript(file, MeanColourTorchScript.CLASSES, 16, dir.resolve("imported")).close();
        try (RecognizerModel model = RecognizerModel.load(dir.resolve("imported"));
                DjlProductRecognizer recognizer = model.newRecognizer()) {
            Map<String, Double> p = recognizer.classify(solid(new Color(20, 40, 230)), List.of("green", "blue"));
            assertTrue(p.get("blue") > 0.9, p.toString());
        }
    }

    @Test
    void refusesAClassListOfAnotherLengthThanTheModelOutput(@TempDir Path dir) throws IOException {
        Path file = MeanColourTorchScript.write(dir.resolve("mean-colour.pt"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecognizerModel.importTorchScript(
                file, List.of("red", "green", "blue", "white"), 16, dir.resolve("imported")));
        assertTrue(e.getMessage().contains("returns 3 values but 4 classes"), e.getMessage());
    }

    @Test
    void refusesADescriptorWithARepeatedClassNamingTheField(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("recognizer.json"), "{\"architecture\":\"torchscript\",\"modelPrefix\":\"m\","
                + "\"imageSizePixels\":16,\"classes\":[\"red\",\"red\"]}", StandardCharsets.UTF_8);
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> RecognizerModel.load(dir));
        assertEquals("classes[1]", e.field());
    }

    @Test
    void refusesAnUnknownArchitecture(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("recognizer.json"), "{\"architecture\":\"resnet-9000\",\"modelPrefix\":\"m\","
                + "\"imageSizePixels\":16,\"classes\":[\"red\",\"blue\"]}", StandardCharsets.UTF_8);
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> RecognizerModel.load(dir));
        assertEquals("architecture", e.field());
    }
}
