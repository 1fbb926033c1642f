package io.aisle.simulations.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SkuListFileTest {

    @Test
    void skipsBlankLinesAndComments() {
        assertEquals(List.of("oat-milk", "kefir"), SkuListFile.parse(List.of("# dairy", "oat-milk", "", " kefir "), "f"));
    }

    @Test
    void refusesARepeatedSkuNamingTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SkuListFile.parse(List.of("kefir", "skyr", "kefir"), "skus.txt"));
        assertTrue(e.getMessage().startsWith("skus.txt line 3:"), e.getMessage());
    }

    @Test
    void refusesASkuWithASpaceNamingTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SkuListFile.parse(List.of("kefir", "oat milk"), "skus.txt"));
        assertTrue(e.getMessage().startsWith("skus.txt line 2:"), e.getMessage());
    }

    @Test
    void refusesAListOfOneSku() {
        assertThrows(IllegalArgumentException.class, () -> SkuListFile.parse(List.of("kefir"), "skus.txt"));
    }
}
