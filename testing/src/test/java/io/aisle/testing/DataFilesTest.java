package io.aisle.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class DataFilesTest {

    @Test
    void abortsATestWhoseSharedDataIsAbsentNamingTheFullPath() {
        TestAbortedException e = assertThrows(TestAbortedException.class, () -> DataFiles.shared("no-such-set/file.csv"));
        // "needs {absolute path} (…)": the path named in full, whatever folder the clone is in.
        String message = e.getMessage();
        assertTrue(message.contains("needs "), message);
        Path named = Path.of(message.substring(message.indexOf("needs ") + "needs ".length(), message.indexOf(" (")));
        assertTrue(named.isAbsolute(), message);
        assertEquals(Path.of("data", "no-such-set", "file.csv"), named.subpath(named.getNameCount() - 3, named.getNameCount()), message);
    }

    @Test
    void findsATestResourceAsAFile() {
        Path self = DataFiles.resource("io/aisle/testing/DataFilesTest.class");
        assertEquals("DataFilesTest.class", self.getFileName().toString());
    }

    @Test
    void refusesAMissingTestResourceNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataFiles.resource("no/such.map"));
        assertTrue(e.getMessage().contains("no/such.map"), e.getMessage());
    }
}
