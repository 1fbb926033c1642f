package io.aisle.training.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BasketLineParserTest {

    private static List<String> items(ParsedLine line) {
        return line.interactions().stream().map(Interaction::item).toList();
    }

    @Test
    void trimsStraySpacesAroundCommaSeparatedLabels() {
        ParsedLine line = new BasketLineParser(InputFormat.CSV).parse(3, "whole milk,cream cheese ,yogurt");
        assertEquals(List.of("whole milk", "cream cheese", "yogurt"), items(line));
        assertEquals("3", line.interactions().get(0).basket());
    }

    @Test
    void keepsAOneItemBasketWithASpaceInItsLabelWhole() {
        ParsedLine line = new BasketLineParser(InputFormat.CSV).parse(1, "whole milk");
        assertEquals(List.of("whole milk"), items(line));
    }

    @Test
    void splitsOnWhitespaceInWsFormatAndCountsRepeatsOnce() {
        ParsedLine line = new BasketLineParser(InputFormat.WS).parse(1, " 12  7\t12 ");
        assertEquals(List.of("12", "7"), items(line));
    }

    @Test
    void detectsCommasFromASampleOfLines() {
        assertEquals(InputFormat.CSV, BasketLineParser.detect(List.of("whole milk", "a,b")));
        assertEquals(InputFormat.WS, BasketLineParser.detect(List.of("1 2 3", "4")));
        assertEquals(InputFormat.TSV, BasketLineParser.detect(List.of("whole milk\tbutter", "eggs")));
    }

    @Test
    void reportsAnEmptyLabelWithItsPositionAndLine() {
        ParsedLine line = new BasketLineParser(InputFormat.CSV).parse(17, "milk,,bread");
        assertTrue(line.isBad());
        assertEquals("line 17: item 2 is empty", line.describe());
    }

    @Test
    void splitsOnTabsOnlyInTsvFormat() {
        assertEquals(List.of("whole milk", "cream cheese"), items(new BasketLineParser(InputFormat.TSV).parse(1, "whole milk\tcream cheese")));
    }

    @Test
    void reportsAnEmptyTabSeparatedLabel() {
        assertEquals("line 8: item 2 is empty", new BasketLineParser(InputFormat.TSV).parse(8, "milk\t\tbread").describe());
    }

    @Test
    void refusesAnUnresolvedAutoFormat() {
        assertThrows(IllegalArgumentException.class, () -> new BasketLineParser(InputFormat.AUTO));
    }

    @Test
    void reportsAnEmptyLine() {
        assertEquals("line 4: empty basket", new BasketLineParser(InputFormat.CSV).parse(4, "  ").describe());
    }
}
