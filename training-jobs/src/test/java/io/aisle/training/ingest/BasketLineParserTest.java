package io.aisle.training.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BasketLineParserTest {

    private static List<String> items(ParsedLine line) {
        return line.interactions().stream().map(Interaction::item).toList();
    }

    @Test
    void trimsStraySpacesAroundCommaSeparatedLabels() {
        ParsedLine line = new BasketLineParser(BasketLineParser.Separator.CSV).parse(3, "whole milk,cream cheese ,yogurt");
        assertEquals(List.of("whole milk", "cream cheese", "yogurt"), items(line));
        assertEquals("3", line.interactions().get(0).basket());
    }

    @Test
    void keepsAOneItemBasketWithASpaceInItsLabelWhole() {
        ParsedLine line = new BasketLineParser(BasketLineParser.Separator.CSV).parse(1, "whole milk");
        assertEquals(List.of("whole milk"), items(line));
    }

    @Test
    void splitsOnWhitespaceInWsFormatAndCountsRepeatsOnce() {
        ParsedLine line = new BasketLineParser(BasketLineParser.Separator.WS).parse(1, " 12  7\t12 ");
        assertEquals(List.of("12", "7"), items(line));
    }

    @Test
    void detectsCommasFromASampleOfLines() {
        assertEquals(BasketLineParser.Separator.CSV, BasketLineParser.Separator.detect(List.of("whole milk", "a,b")));
        assertEquals(BasketLineParser.Separator.WS, BasketLineParser.Separator.detect(List.of("1 2 3", "4")));
    }

    @Test
    void reportsAnEmptyLabelWithItsPositionAndLine() {
        ParsedLine line = new BasketLineParser(BasketLineParser.Separator.CSV).parse(17, "milk,,bread");
        assertTrue(line.isBad());
        assertEquals("line 17: item 2 is empty", line.describe());
    }

    @Test
    void reportsAnEmptyLine() {
        assertEquals("line 4: empty basket", new BasketLineParser(BasketLineParser.Separator.CSV).parse(4, "  ").describe());
    }
}
