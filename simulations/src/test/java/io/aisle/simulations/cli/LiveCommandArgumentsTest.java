package io.aisle.simulations.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Bad arguments of the live commands are usage errors (exit code 2) before anything is sent. */
class LiveCommandArgumentsTest {

    private final StringWriter errors = new StringWriter();

    private int run(String... args) {
        return CliRun.execute(errors, args);
    }

    @Test
    void storeLiveRefusesANonPositiveSpeed() {
        assertEquals(2, run("simulate", "store-live", "--key-id", "k", "--secret", "s", "--speed", "0"));
        assertTrue(errors.toString().contains("--speed must be > 0"), errors.toString());
    }

    @Test
    void storeLiveRefusesAnUnknownScenario() {
        assertEquals(2, run("simulate", "store-live", "--key-id", "k", "--secret", "s", "--scenario", "busy", "--from-cameras"));
    }

    @Test
    void storeLiveRefusesAServerThatIsNotAnHttpUrl() {
        assertEquals(2, run("simulate", "store-live", "--key-id", "k", "--secret", "s", "--server", "localhost:8080"));
        assertTrue(errors.toString().contains("--server must be an http(s) URL"), errors.toString());
    }

    @Test
    void warehouseLiveRefusesAnEmptyFleet() {
        assertEquals(2, run("simulate", "warehouse-live", "--key-id", "k", "--secret", "s", "--robots", "0"));
        assertTrue(errors.toString().contains("robots must be >= 1"), errors.toString());
    }

    @Test
    void warehouseLiveRefusesAnInvalidWarehouseId() {
        assertEquals(2, run("simulate", "warehouse-live", "--key-id", "k", "--secret", "s", "--warehouse", "no/slash"));
    }

    @Test
    void warehouseLiveRefusesAMissingMapFile() {
        assertEquals(2, run("simulate", "warehouse-live", "--key-id", "k", "--secret", "s", "--map", "/no/such.map"));
        assertTrue(errors.toString().contains("cannot read"), errors.toString());
    }

    @Test
    void warehouseLiveRefusesMoreRobotsThanTheMapHasAisleCellsBeforeContactingTheServer() {
        assertEquals(2, run("simulate", "warehouse-live", "--key-id", "k", "--secret", "s", "--robots", "1000",
                "--server", "http://127.0.0.1:9"));
        assertTrue(errors.toString().contains("robots must be in [0, "), errors.toString());
    }

    @Test
    void warehouseLiveRefusesANonNumericDuration() {
        assertEquals(2, run("simulate", "warehouse-live", "--key-id", "k", "--secret", "s", "--seconds", "soon"));
    }

    @Test
    void warehouseLiveOverVda5050RefusesAMissingOrMalformedBroker() {
        assertEquals(2, run("simulate", "warehouse-live", "--key-id", "k", "--secret", "s", "--protocol", "vda5050"));
        assertTrue(errors.toString().contains("--protocol vda5050 needs --broker tcp://HOST:PORT"), errors.toString());
        assertEquals(2, run("simulate", "warehouse-live", "--key-id", "k", "--secret", "s", "--protocol", "vda5050",
                "--broker", "mqtt.example"));
    }

    @Test
    void warehouseLiveRefusesAnUnknownProtocol() {
        assertEquals(2, run("simulate", "warehouse-live", "--key-id", "k", "--secret", "s", "--protocol", "opcua"));
    }
}
