package io.aisle.training.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonLineParserTest {

    private final JsonLineParser parser = new JsonLineParser("demo", Set.of("purchase", "cart"));

    @Test
    void readsAPurchaseWithAnOrder() {
        ParsedLine line = parser.parse(1, "{\"tenant\":\"demo\",\"user\":\"u1\",\"item\":\"i2\",\"type\":\"purchase\",\"ts\":\"2026-01-01T00:00:00Z\",\"order\":\"o7\"}");
        assertEquals(new Interaction("u1", "i2", "o:o7", 1_767_225_600_000L, null, Double.NaN), line.interactions().get(0));
    }

    @Test
    void skipsViewsAndOtherTenantsWithoutCountingThemBad() {
        ParsedLine view = parser.parse(1, "{\"tenant\":\"demo\",\"user\":\"u1\",\"item\":\"i2\",\"type\":\"view\",\"ts\":1}");
        ParsedLine other = parser.parse(2, "{\"tenant\":\"acme\",\"user\":\"u1\",\"item\":\"i2\",\"type\":\"cart\",\"ts\":1}");
        assertFalse(view.isBad());
        assertTrue(view.interactions().isEmpty());
        assertFalse(other.isBad());
        assertTrue(other.interactions().isEmpty());
    }

    @Test
    void reportsAnUnknownEventType() {
        assertEquals("line 4: type 'like' is not one of view, cart, purchase",
                parser.parse(4, "{\"tenant\":\"demo\",\"user\":\"u1\",\"item\":\"i2\",\"type\":\"like\",\"ts\":1}").describe());
    }

    @Test
    void reportsAMissingItem() {
        assertEquals("line 6: item is missing or empty",
                parser.parse(6, "{\"tenant\":\"demo\",\"user\":\"u1\",\"type\":\"cart\",\"ts\":1}").describe());
    }

    @Test
    void reportsBrokenJson() {
        assertTrue(parser.parse(8, "{\"tenant\": ").describe().startsWith("line 8: not valid JSON"));
    }
}
