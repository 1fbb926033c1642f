package io.aisle.serving.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.fusion.layout.StoreLayoutFiles;
import io.aisle.serving.tenancy.TenantId;
import io.aisle.serving.web.ApiProblem;
import io.aisle.serving.web.ProblemType;
import io.aisle.vision.frame.FrameLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Refusals of store input are one domain exception, with a reason the HTTP edge maps to a status. */
class StoreInputParserTest {

    private static final RegisteredStore STORE = new RegisteredStore(new StoreKey(new TenantId("acme"), "s1"),
            StoreLayoutFiles.parse(StoreScript.layoutJson("s1")), StoreScript.layoutJson("s1"), Optional.empty());
    private final StoreInputParser parser = new StoreInputParser(FrameLimits.DEFAULT, Duration.ofDays(1));

    private StoreInputException refusal(InputKind kind, String body) {
        return assertThrows(StoreInputException.class,
                () -> parser.parse(kind, body.getBytes(StandardCharsets.UTF_8), STORE, Optional.empty()));
    }

    @Test
    void refusesAReadingOfAnUnknownPlateAsInvalidNamingTheField() {
        StoreInputException e = refusal(InputKind.SHELF_READINGS,
                "{\"readings\":[{\"plate\":\"NOPE\",\"ts\":1767225600000,\"grams\":10}]}");

        assertEquals(StoreInputException.Reason.INVALID, e.reason());
        assertTrue(e.getMessage().contains("readings[0].plate"), e.getMessage());
        assertEquals(ProblemType.INVALID_REQUEST, StoreHandler.problemOf(e).type());
    }

    @Test
    void refusesABodyThatIsNotJsonAsMalformed() {
        StoreInputException e = refusal(InputKind.SHELF_READINGS, "{\"readings\": [");

        assertEquals(StoreInputException.Reason.MALFORMED, e.reason());
        assertEquals(ProblemType.MALFORMED_BODY, StoreHandler.problemOf(e).type());
    }

    @Test
    void refusesABatchOverItsBoundAsTooLarge() {
        StringBuilder body = new StringBuilder("{\"readings\":[");
        for (int i = 0; i <= StoreInputParser.MAX_READINGS; i++) {
            body.append(i == 0 ? "" : ",").append("{\"plate\":\"P1\",\"ts\":").append(1767225600000L + i)
                    .append(",\"grams\":10}");
        }
        StoreInputException e = refusal(InputKind.SHELF_READINGS, body.append("]}").toString());

        assertEquals(StoreInputException.Reason.TOO_LARGE, e.reason());
        ApiProblem problem = StoreHandler.problemOf(e);
        assertEquals(ProblemType.TOO_LARGE, problem.type());
        assertEquals(e.getMessage(), problem.detail());
    }
}
