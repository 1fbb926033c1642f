package io.aisle.fusion.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.fusion.testing.TestStores;
import org.junit.jupiter.api.Test;

class StoreLayoutFilesTest {

    @Test
    void readsBackWhatItWrites() {
        StoreLayout layout = TestStores.small();

        assertEquals(layout, StoreLayoutFiles.parse(StoreLayoutFiles.toJson(layout)));
    }

    @Test
    void keepsTheProductAppearanceIdForVision() {
        StoreLayout layout = StoreLayoutFiles.parse(StoreLayoutFiles.toJson(TestStores.small()));

        assertEquals("app-tea", layout.findProduct("TEA").orElseThrow().appearanceId());
    }

    @Test
    void namesTheMissingUnitWeightOfAProduct() {
        String json = StoreLayoutFiles.toJson(TestStores.small()).replaceFirst("\"unitWeightGrams\" : 350.0,", "");

        LayoutFormatException e = assertThrows(LayoutFormatException.class, () -> StoreLayoutFiles.parse(json));

        assertTrue(e.getMessage().startsWith("products[0].unitWeightGrams"), e.getMessage());
    }

    @Test
    void namesAFacingOfAnUnknownProduct() {
        String json = StoreLayoutFiles.toJson(TestStores.small()).replace("\"sku\" : \"TEA\",\n          \"count\"",
                "\"sku\" : \"COFFEE\",\n          \"count\"");

        LayoutFormatException e = assertThrows(LayoutFormatException.class, () -> StoreLayoutFiles.parse(json));

        assertEquals("gondolas[0].shelves[0].plates[1].facings[0].sku: unknown product 'COFFEE'", e.getMessage());
    }

    @Test
    void namesAPlateBoxWithTooFewCoordinates() {
        String json = StoreLayoutFiles.toJson(TestStores.small()).replaceFirst("\"min\" : \\[ 2.01, 2.5, 0.6 \\]",
                "\"min\" : [ 2.01, 2.5 ]");

        LayoutFormatException e = assertThrows(LayoutFormatException.class, () -> StoreLayoutFiles.parse(json));

        assertTrue(e.getMessage().startsWith("gondolas[0].shelves[0].plates[0].box.min"), e.getMessage());
    }

    @Test
    void namesANegativeFacingCount() {
        String json = StoreLayoutFiles.toJson(TestStores.small()).replaceFirst("\"count\" : 20", "\"count\" : -1");

        LayoutFormatException e = assertThrows(LayoutFormatException.class, () -> StoreLayoutFiles.parse(json));

        assertTrue(e.getMessage().startsWith("gondolas[0].shelves[0].plates[0].facings[0].count"), e.getMessage());
    }

    @Test
    void refusesTextThatIsNotJson() {
        LayoutFormatException e = assertThrows(LayoutFormatException.class, () -> StoreLayoutFiles.parse("{store: "));

        assertTrue(e.getMessage().startsWith("layout is not valid JSON"), e.getMessage());
    }

    @Test
    void namesAnEntryZoneWhoseCornersAreSwapped() {
        String json = StoreLayoutFiles.toJson(TestStores.small()).replaceFirst("\"maxX\" : 1.5", "\"maxX\" : -1.5");

        LayoutFormatException e = assertThrows(LayoutFormatException.class, () -> StoreLayoutFiles.parse(json));

        assertEquals("entry: min must be below max", e.getMessage());
    }
}
