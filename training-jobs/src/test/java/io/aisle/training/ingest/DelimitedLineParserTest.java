package io.aisle.training.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DelimitedLineParserTest {

    private final DelimitedLineParser ordered = new DelimitedLineParser(
            DelimitedLineParser.parseColumns("user,item,order,timestamp,category"), InputFormat.CSV, false);
    private final DelimitedLineParser rated = new DelimitedLineParser(
            DelimitedLineParser.parseColumns("user,item,rating,timestamp"), InputFormat.TSV, false);

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
        assertEquals("line 2: expected 5 csv columns (user,item,order,timestamp,category) but found 3",
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
        assertThrows(IllegalArgumentException.class, () -> new DelimitedLineParser(DelimitedLineParser.parseColumns("item,rating"), InputFormat.CSV, false));
    }

    private static final List<String> RATED = DelimitedLineParser.parseColumns("user,item,rating,timestamp");

    @Test
    void detectsTabsInAMovieLensStyleLog() {
        DelimitedLineParser parser = DelimitedLineParser.forSample(RATED, InputFormat.AUTO,
                List.of("196\t242\t3\t881250949", "186\t302\t3\t891717742"));
        assertEquals("tsv, columns user,item,rating,timestamp, no header line", parser.toString());
        assertEquals("242", parser.parse(1, "196\t242\t3\t881250949").interactions().get(0).item());
    }

    @Test
    void detectsCommasAndSkipsAHeaderLineWhoseRatingIsNotANumber() {
        List<String> sample = List.of("userId,movieId,rating,timestamp", "1,31,2.5,1260759144", "1,1029,3.0,1260759179");
        DelimitedLineParser parser = DelimitedLineParser.forSample(RATED, InputFormat.AUTO, sample);
        assertEquals("csv, columns user,item,rating,timestamp, header line skipped", parser.toString());
        ParsedLine header = parser.parse(1, sample.get(0));
        assertFalse(header.isBad());
        assertTrue(header.interactions().isEmpty());
        assertEquals("31", parser.parse(2, sample.get(1)).interactions().get(0).item());
    }

    @Test
    void skipsAHeaderLineThatNamesTheColumns() {
        DelimitedLineParser parser = DelimitedLineParser.forSample(DelimitedLineParser.parseColumns("user,item"), InputFormat.CSV,
                List.of("User,Item", "u1,i1"));
        assertEquals("csv, columns user,item, header line skipped", parser.toString());
    }

    @Test
    void detectsRunsOfWhitespace() {
        DelimitedLineParser parser = DelimitedLineParser.forSample(RATED, InputFormat.AUTO, List.of("1  31 2.5\t1260759144", " 2 7 4 1260759179"));
        assertEquals("ws, columns user,item,rating,timestamp, no header line", parser.toString());
        assertEquals("7", parser.parse(2, " 2 7 4 1260759179").interactions().get(0).item());
    }

    @Test
    void detectsTheDelimiterThatFitsMostLinesDespiteAFewMalformedOnes() {
        DelimitedLineParser parser = DelimitedLineParser.forSample(RATED, InputFormat.AUTO,
                List.of("1\t31\t2.5\t1260759144", "garbage", "2\t7\t4\t1260759179"));
        assertEquals("tsv, columns user,item,rating,timestamp, no header line", parser.toString());
    }

    @Test
    void refusesToGuessWhenNoDelimiterGivesTheNamedColumns() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> DelimitedLineParser.forSample(
                DelimitedLineParser.parseColumns("user,item,order,timestamp,category"), InputFormat.AUTO, List.of("196\t242\t3\t881250949")));
        assertEquals("cannot tell its delimiter: --columns names 5 (user,item,order,timestamp,category), but of its first 1 lines"
                + " 0 split into 5 fields by tab, 0 by comma and 0 by whitespace (line '196\\t242\\t3\\t881250949' splits into 4, 1"
                + " and 4); fix --columns or pass --format csv, tsv or ws", error.getMessage());
    }

    @Test
    void refusesToGuessBetweenTabAndCommaWhenBothFit() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> DelimitedLineParser.forSample(
                DelimitedLineParser.parseColumns("user,item"), InputFormat.AUTO, List.of("a,b\tc")));
        assertTrue(error.getMessage().contains("by tab and by comma alike"), error.getMessage());
    }

    @Test
    void refusesToGuessFromASampleOfBlankLines() {
        assertEquals("has no line to tell its delimiter from", assertThrows(IllegalArgumentException.class,
                () -> DelimitedLineParser.forSample(RATED, InputFormat.AUTO, List.of("", "  "))).getMessage());
    }

    @Test
    void reportsAWrongColumnCountUnderTheChosenDelimiter() {
        assertEquals("line 1: expected 4 csv columns (user,item,rating,timestamp) but found 1",
                new DelimitedLineParser(RATED, InputFormat.CSV, false).parse(1, "196\t242\t3\t881250949").describe());
    }

    @Test
    void reportsAnEmptyLine() {
        assertEquals("line 6: empty line", rated.parse(6, " \t ").describe());
    }

    @Test
    void rejectsAColumnNamedTwice() {
        assertEquals("--columns names 'item' twice in user,item,item", assertThrows(IllegalArgumentException.class,
                () -> new DelimitedLineParser(DelimitedLineParser.parseColumns("user,item,item"), InputFormat.CSV, false)).getMessage());
    }

    @Test
    void acceptsSeveralIgnoredColumns() {
        DelimitedLineParser parser = new DelimitedLineParser(DelimitedLineParser.parseColumns("_,user,_,item"), InputFormat.CSV, false);
        assertEquals("i", parser.parse(1, "x,u,y,i").interactions().get(0).item());
    }

    @Test
    void rejectsAnUnknownColumnNamingTheKnownOnes() {
        assertEquals("--columns names unknown column 'movie'; known: _, category, ignore, item, order, rating, timestamp, user",
                assertThrows(IllegalArgumentException.class,
                        () -> new DelimitedLineParser(DelimitedLineParser.parseColumns("user,movie"), InputFormat.CSV, false)).getMessage());
    }
}
