package io.aisle.training.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DelimitedLineParserTest {

    private final DelimitedLineParser ordered = new DelimitedLineParser(
            DelimitedLineParser.parseColumns("user,item,order,timestamp,category"), false);
    private final DelimitedLineParser rated = new DelimitedLineParser(
            DelimitedLineParser.parseColumns("user,item,rating,timestamp"), true);

    @Test
    void readsOrderTimestampAndCategory() {
        Interaction interaction = ordered.parse(1, "u1,i9,o5,1767225600000,c3").interactions().get(0);
        assertEquals(new Interaction("u1", "i9", "o:o5", 1_767_225_600_000L, "c3", Double.NaN), interaction);
    }

    @Test
    void readsEpochSecondsAsMillisAndGroupsADaysEventsIntoASession() {
        Interaction interaction = rated.parse(1, "7\t42\t4.5\t86401").interactions().get(0);
        assertEquals(86_401_000L, interaction.timestampMillis());
        assertEquals("s:7:1", interaction.basket());
        assertEquals(4.5, interaction.rating());
    }

    @Test
    void reportsAWrongColumnCount() {
        assertEquals("line 2: expected 5 columns (user,item,order,timestamp,category) but found 3",
                ordered.parse(2, "u1,i9,o5").describe());
    }

    @Test
    void reportsAnUnparsableRatingNamingTheField() {
        assertEquals("line 9: rating 'five' is not a number", rated.parse(9, "7\t42\tfive\t86401").describe());
    }

    @Test
    void reportsAnUnparsableTimestamp() {
        assertEquals("line 3: timestamp 'yesterday' is neither epoch seconds, epoch milliseconds nor ISO-8601",
                ordered.parse(3, "u1,i9,o5,yesterday,c3").describe());
    }

    @Test
    void reportsAnEmptyUser() {
        assertEquals("line 5: user is empty", ordered.parse(5, " ,i9,o5,0,c3").describe());
    }

    @Test
    void rejectsColumnsWithoutUserOrItem() {
        assertThrows(IllegalArgumentException.class, () -> new DelimitedLineParser(DelimitedLineParser.parseColumns("item,rating"), false));
    }
}
