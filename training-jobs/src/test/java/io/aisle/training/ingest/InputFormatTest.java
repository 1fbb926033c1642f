package io.aisle.training.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class InputFormatTest {

    @Test
    void parsesItsLabelsInAnyCase() {
        assertEquals(InputFormat.TSV, InputFormat.parse("TSV"));
        assertEquals(List.of("csv", "tsv", "ws", "auto"), InputFormat.labels());
    }

    @Test
    void refusesAnUnknownLabelNamingTheValidOnes() {
        assertEquals("expected one of csv, tsv, ws, auto but was 'bogus'",
                assertThrows(IllegalArgumentException.class, () -> InputFormat.parse("bogus")).getMessage());
    }

    @Test
    void keepsEmptyFieldsOfCsvAndTsvButNotOfWhitespace() {
        assertArrayEquals(new String[] {"a", "", "b"}, InputFormat.CSV.split("a,,b"));
        assertArrayEquals(new String[] {"a b", ""}, InputFormat.TSV.split("a b\t"));
        assertArrayEquals(new String[] {"a", "b"}, InputFormat.WS.split("  a \t b "));
    }

    @Test
    void refusesToSplitBeforeAutoIsResolved() {
        assertThrows(IllegalStateException.class, () -> InputFormat.AUTO.split("a,b"));
    }
}
