package io.aisle.serving.warehouse;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseStateFileTest {

    @TempDir
    Path folder;

    @Test
    void refusesATruncatedCheckpointNamingTheFile() throws IOException {
        Path file = folder.resolve("state.json");
        Files.writeString(file, "{\"tick\": 12, \"robots\": [");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> WarehouseStateFile.read(file));
        assertTrue(refused.getMessage().contains(file.toString()), refused.getMessage());
    }
}
