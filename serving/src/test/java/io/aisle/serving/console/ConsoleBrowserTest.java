package io.aisle.serving.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aisle.serving.store.StoreScript;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestModels;
import io.aisle.serving.testing.TestTenants;
import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console in Debian's headless Chromium against a real server: every call the page makes is signed in the
 * browser. Saves a screenshot of each page to {@code docs/console/}.
 */
class ConsoleBrowserTest {

    private static final Path SCREENSHOTS = Path.of("..", "docs", "console");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = ConsoleBrowser.WAIT;
    /** 10 columns x 7 rows: racks on rows 1 and 4, stations on the top and bottom rows. */
    private static final String SMALL_MAP = """
            type octile
            height 7
            width 10
            map
            ..........
            .@@.@@.@@.
            ..........
            ..........
            .@@.@@.@@.
            ..........
            ..........
            """;
    private static final int SMALL_WIDTH = 10;
    private static final List<String> SMALL_ROBOTS = List.of("r-1", "r-2", "r-3");

    @TempDir
    static Path home;

    private static RunningServer server;
    private static SignedHttp http;
    private static IssuedKey acme;
    private static IssuedKey acmeStorefront;
    private static IssuedKey acmeOperator;
    private static IssuedKey globex;
    private static final List<IssuedKey> robotKeys = new ArrayList<>();
    private static String candidateVersion;
    private static ConsoleBrowser console;
    private static WebDriver browser;
    private static Thread robotDriver;
    private static final AtomicBoolean driving = new AtomicBoolean(true);

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(ConsoleBrowser.installed(),
                "Debian's chromium and chromium-driver are not installed (/usr/bin/chromium, /usr/bin/chromedriver)");
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        tenants.create("globex");
        acme = tenants.key("acme", Role.ADMIN, Role.WMS, Role.STORE_DEVICE);
        acmeStorefront = tenants.key("acme", Role.STOREFRONT);
        acmeOperator = tenants.key("acme", Role.STORE_DEVICE, Role.STORE_OPERATOR);
        globex = tenants.key("globex", Role.ADMIN, Role.WMS, Role.STORE_DEVICE);
        SMALL_ROBOTS.forEach(robot -> robotKeys.add(tenants.robotKey("acme", robot)));
        TestModels models = new TestModels(home.resolve("registry"));
        models.registry().approve("acme", "also-bought", models.publishAlsoBought("acme", List.of("milk"), "butter"));
        candidateVersion = models.publishAlsoBought("acme", List.of("milk"), "jam");
        Map<String, Object> properties = new HashMap<>(tenants.serverProperties());
        properties.put("aisle.registry", home.resolve("registry").toString());
        properties.put("aisle.quota.requests-per-second", 1_000_000);
        properties.put("aisle.quota.burst", 1_000_000);
        properties.put("aisle.warehouses.tick", "100ms");
        properties.put("aisle.warehouses.plan-budget", "50ms");
        properties.put("aisle.warehouses.telemetry-timeout", "10m");
        server = RunningServer.start(properties);
        http = new SignedHttp(server);

        registerWarehouses();
        registerStores();
        startRobots();
        console = ConsoleBrowser.start(server.baseUrl(), home.resolve("chromium-profile"));
        browser = console.driver();
    }

    @AfterAll
    static void stop() {
        driving.set(false);
        if (robotDriver != null) {
            robotDriver.interrupt();
        }
        if (console != null) {
            console.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void logsInWithAKeyAndKeepsTheSecretInTheTabOnly() {
        login(acme, "#/keys");

        wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-key='" + acme.key().keyId() + "']")));
        assertEquals(acme.key().keyId(), script("return sessionStorage.getItem('aisle.keyId')"));
        assertEquals(null, script("return localStorage.getItem('aisle.secret')"));
        screenshot("keys");
    }

    @Test
    void aWrongSecretShowsAnErrorAndOpensNoPage() {
        open("#/warehouse");
        browser.findElement(By.id("key-id")).sendKeys(acme.key().keyId());
        browser.findElement(By.id("secret")).sendKeys(acme.secret() + "x");
        browser.findElement(By.id("login-button")).click();

        WebElement error = wait(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        assertTrue(error.getText().contains("wrong"), error.getText());
        assertFalse(browser.findElement(By.id("nav")).isDisplayed());
        assertEquals(null, script("return sessionStorage.getItem('aisle.secret')"));
        screenshot("login");
    }

    @Test
    void aKeyWithoutTheRoleIsToldSo() {
        login(acmeStorefront, "#/warehouse/w1");

        WebElement error = wait(ExpectedConditions.visibilityOfElementLocated(By.id("warehouse-error")));
        assertTrue(error.getText().contains("role") && error.getText().contains("wms") && error.getText().contains("403"),
                error.getText());
    }

    @Test
    void showsTheRobotsMove() {
        login(acme, "#/warehouse/w1");
        WebElement map = wait(ExpectedConditions.presenceOfElementLocated(By.id("warehouse-map")));
        String first = waitForAttribute(map, "data-robots");

        new WebDriverWait(browser, WAIT).until(driver -> !first.equals(map.getDomAttribute("data-robots")));
    }

    @Test
    void aClickClosesACellTheNextStateHasItClosedAndRobotsRouteAroundIt() {
        // Fresh orders, so that the robots are still busy whatever ran before.
        for (int order = 1; order <= 12; order++) {
            HttpResponse<String> accepted = http.post(acme, "/v1/warehouses/w1/orders",
                    "{\"orderId\":\"around-" + order + "\",\"lines\":[{\"sku\":\"sku-" + (order % 4) + "\"}]}");
            assertEquals(202, accepted.statusCode(), accepted.body());
        }
        login(acme, "#/warehouse/w1");
        WebElement map = wait(ExpectedConditions.presenceOfElementLocated(By.id("warehouse-map")));
        waitForAttribute(map, "data-tick");
        // Row 3, column 4: the aisle between the two rows of racks that every trip to a middle rack passes.
        int cell = 3 * SMALL_WIDTH + 4;

        click(map, cell, SMALL_WIDTH, 7);

        new WebDriverWait(browser, WAIT).until(driver -> List.of(map.getDomAttribute("data-closed").split(",")).contains("" + cell));
        JsonNode closedState = state("w1");
        List<Integer> closed = new ArrayList<>();
        closedState.get("closedCells").forEach(node -> closed.add(node.asInt()));
        assertTrue(closed.contains(cell), closed.toString());
        screenshot("warehouse-small");

        // From the state that has it closed on: a robot standing on the cell may leave it, and once it is free
        // no robot enters it or is sent into it, while the fleet goes on moving and picking.
        int picksBefore = closedState.get("linesPicked").asInt();
        Map<String, Integer> cellsBefore = robotCells(closedState);
        Instant deadline = Instant.now().plusSeconds(20);
        boolean free = false;
        int moves = 0;
        JsonNode current = closedState;
        while (current.get("linesPicked").asInt() < picksBefore + 2 || moves < 10) {
            assertTrue(Instant.now().isBefore(deadline), "the fleet stopped: " + moves + " moves, lines picked "
                    + picksBefore + " -> " + current.get("linesPicked").asInt());
            current = state("w1");
            boolean occupied = false;
            for (JsonNode robot : current.get("robots")) {
                if (robot.get("cell").asInt() == cell) {
                    occupied = true;
                    assertFalse(free, robot.get("robotId").asString() + " entered closed cell " + cell + " at tick " + current.get("tick"));
                }
                if (free && robot.hasNonNull("commandTarget")) {
                    assertTrue(robot.get("commandTarget").asInt() != cell,
                            robot.get("robotId").asString() + " was sent into closed cell " + cell + " at tick " + current.get("tick"));
                }
            }
            free |= !occupied;
            Map<String, Integer> cells = robotCells(current);
            for (Map.Entry<String, Integer> robot : cells.entrySet()) {
                if (!robot.getValue().equals(cellsBefore.get(robot.getKey()))) {
                    moves++;
                }
            }
            cellsBefore = cells;
            sleep(100);
        }
        assertTrue(free, "the closed cell was never free");

        click(map, cell, SMALL_WIDTH, 7);
        new WebDriverWait(browser, WAIT).until(driver -> !List.of(map.getDomAttribute("data-closed").split(",")).contains("" + cell));
    }

    private static JsonNode state(String warehouse) {
        HttpResponse<String> state = http.get(acme, "/v1/warehouses/" + warehouse + "/state");
        assertEquals(200, state.statusCode(), state.body());
        return JSON.readTree(state.body());
    }

    private static Map<String, Integer> robotCells(JsonNode state) {
        Map<String, Integer> cells = new HashMap<>();
        state.get("robots").forEach(robot -> cells.put(robot.get("robotId").asString(), robot.get("cell").asInt()));
        return cells;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void drawsAWarehouseOfSixHundredRobots() {
        login(acme, "#/warehouse/big");
        WebElement map = wait(ExpectedConditions.presenceOfElementLocated(By.id("warehouse-map")));
        String robots = waitForAttribute(map, "data-robots");

        assertEquals(600, JSON.readTree(robots).size());
        screenshot("warehouse");
    }

    @Test
    void approvingAVersionMakesTheNextRecommendationNameIt() {
        login(acme, "#/models");
        WebElement row = wait(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#model-also-bought tr[data-version='" + candidateVersion + "']")));
        screenshot("models-test-tenant");

        row.findElement(By.cssSelector("button.approve")).click();

        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(By.id("approved-also-bought"), candidateVersion));
        HttpResponse<String> recommendation = http.get(acmeStorefront, "/v1/recommendations/also-bought?item=milk&k=5");
        assertEquals(200, recommendation.statusCode(), recommendation.body());
        assertEquals(candidateVersion, JSON.readTree(recommendation.body()).get("modelVersion").asString());
    }

    @Test
    void showsTheMeasuredLatencyOfTheVariantThatServed() {
        for (int call = 0; call < 5; call++) {
            assertEquals(200, http.get(acmeStorefront, "/v1/recommendations/also-bought?item=milk&k=5").statusCode());
        }
        login(acme, "#/models");

        WebElement row = wait(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#variant-latency tr[data-endpoint='also-bought'][data-variant='approved']")));
        int requests = Integer.parseInt(row.findElements(By.tagName("td")).get(2).getText());
        assertTrue(requests >= 5, row.getText());
    }

    @Test
    void aKeyOfAnotherTenantFindsNoWarehouseAndNoStore() {
        login(globex, "#/warehouse/w1");
        WebElement warehouseError = wait(ExpectedConditions.visibilityOfElementLocated(By.id("warehouse-error")));
        assertTrue(warehouseError.getText().contains("404"), warehouseError.getText());

        browser.get(server.baseUrl() + "/console/#/store/shoppers");
        WebElement storeError = wait(ExpectedConditions.visibilityOfElementLocated(By.id("store-error")));
        assertTrue(storeError.getText().contains("404"), storeError.getText());
    }

    @Test
    void showsShoppersWithTheirCartsAndAReceiptAsAShopperLeaves() {
        login(acme, "#/store/leaving");
        wait(ExpectedConditions.presenceOfElementLocated(By.id("store-map")));
        wait(ExpectedConditions.presenceOfElementLocated(By.id("receipts")));

        play("leaving", new StoreScript(Instant.now().toEpochMilli(), 5).picks("a", 0, 1, 4_000, 9_000).render(12_000, 100));

        WebElement receipt = wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#receipts tr[data-seq='1']")));
        assertTrue(receipt.getText().contains("OATS"), receipt.getText());

        browser.get(server.baseUrl() + "/console/#/store/shoppers");
        wait(ExpectedConditions.presenceOfElementLocated(By.id("receipts")));
        // Eight shoppers a second and a half apart, each taking one unit, all still in the store. The event stream
        // is live only: the page sees the carts that change while it is open.
        StoreScript eight = new StoreScript(Instant.now().toEpochMilli(), 8);
        for (int shopper = 0; shopper < 8; shopper++) {
            long enter = shopper * 1_500L;
            eight.picks("shopper-" + (shopper + 1), enter, 1 + shopper % 2, enter + 4_000, 120_000);
        }
        // Two more come in first, take one unit each a second before anyone else at the plate, and leave.
        eight.picks("shopper-9", 0, 2, 2_500, 7_000).picks("shopper-10", 500, 1, 3_000, 7_500);
        List<StoreScript.Batch> batches = eight.render(18_000, 100);
        WebElement floor = browser.findElement(By.id("store-map"));
        play("shoppers", batches.stream().filter(batch -> batch.fromMillis() < 9_000).toList());
        Map<String, double[]> early = new WebDriverWait(browser, WAIT).until(driver -> {
            Map<String, double[]> positions = positions(floor);
            return positions.containsKey("shopper-6") ? positions : null;
        });
        play("shoppers", batches.stream().filter(batch -> batch.fromMillis() >= 9_000).toList());

        // Shopper 6 came in at 7.5 s: at 9 s they were still walking to plate 2, by 18 s they stand at it.
        Map<String, double[]> late = new WebDriverWait(browser, WAIT).until(driver -> {
            Map<String, double[]> positions = positions(floor);
            return positions.size() == 8 && moved(early, positions, "shopper-6") > 0.5 ? positions : null;
        });
        assertEquals(StoreScript.plateX(2), late.get("shopper-6")[0], 0.1);
        new WebDriverWait(browser, WAIT).until(driver -> driver.findElements(By.cssSelector("#shoppers tr")).size() >= 8);
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sensors tr[data-plate='P1'][data-silent='false']")));
        wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#shoppers tr[data-shopper='shopper-8']"), "TEA"));
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#receipts tr[data-seq='2']")));
        console.screenshot(SCREENSHOTS, "store", new Dimension(1400, 1400));
    }

    @Test
    void aStoreOperatorCorrectsAFlaggedReceiptFromTheReviewQueue() {
        play("review", StoreScript.ambiguousPick(Instant.now().minusSeconds(60).toEpochMilli()));

        login(acme, "#/store/review");
        WebElement forbidden = wait(ExpectedConditions.visibilityOfElementLocated(By.id("reviews-forbidden")));
        assertTrue(forbidden.getText().contains("store-operator") && forbidden.getText().contains("403"), forbidden.getText());

        login(acmeOperator, "#/store/review");
        WebElement review = wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#reviews .review")));
        String id = review.getDomAttribute("data-review");
        // The evidence the engine kept: the plate, the weight change, the likeliest product, both shoppers near it.
        wait(ExpectedConditions.textToBePresentInElement(review, "P2"));
        String evidence = review.getText();
        assertTrue(evidence.contains("TEA") && evidence.contains("-12") && evidence.contains("a ") && evidence.contains("b "),
                evidence);
        console.screenshot(SCREENSHOTS, "store-review", new Dimension(1400, 1500));

        WebElement correction = review.findElement(By.className("correction"));
        correction.clear();
        review.findElement(By.className("note")).sendKeys("b took it");
        review.findElement(By.className("correct")).click();

        wait(ExpectedConditions.presenceOfElementLocated(By.id("reviews-empty")));
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("receipts"), "corrected #" + id + ": b took it"));
        JsonNode receipts = JSON.readTree(http.get(acme, "/v1/stores/review/receipts").body()).get("receipts");
        JsonNode adjusted = receipts.get(receipts.size() - 1);
        assertEquals(Long.parseLong(id), adjusted.get("adjusts").asLong(), receipts.toString());
        assertEquals(0, adjusted.get("lines").size(), adjusted.toString());
        assertEquals(200, http.get(acmeOperator, "/v1/stores/review/reviews").statusCode());
    }

    /** Shopper positions the store page last drew, from its canvas's {@code data-shoppers}. */
    private static Map<String, double[]> positions(WebElement floor) {
        String drawn = floor.getDomAttribute("data-shoppers");
        Map<String, double[]> positions = new HashMap<>();
        if (drawn != null) {
            JSON.readTree(drawn).forEach(shopper -> positions.put(shopper.get(0).asString(),
                    new double[] {shopper.get(1).asDouble(), shopper.get(2).asDouble()}));
        }
        return positions;
    }

    private static double moved(Map<String, double[]> before, Map<String, double[]> after, String shopper) {
        double[] from = before.get(shopper);
        double[] to = after.get(shopper);
        return from == null || to == null ? 0 : Math.hypot(to[0] - from[0], to[1] - from[1]);
    }

    @Test
    void drawsTenThousandRobotsAtTwoUpdatesASecond() throws IOException {
        browser.get(server.baseUrl() + "/console/bench.html?robots=10000&seconds=10");
        WebElement result = new WebDriverWait(browser, Duration.ofSeconds(40))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#result[data-done='true']")));

        JsonNode frames = JSON.readTree(result.getText());
        Files.writeString(Path.of("target", "console-frame-time.json"), result.getText());
        System.out.println("console frame time: " + result.getText());
        assertEquals(10_000, frames.get("robots").asInt());
        assertTrue(frames.get("frames").asInt() > 20 && frames.get("updates").asInt() >= 18, frames.toString());
        screenshot("bench");
    }

    // --- the server's data -----------------------------------------------------------------------------------

    private static void registerWarehouses() {
        String small = "{\"map\":" + JSON.writeValueAsString(SMALL_MAP)
                + ",\"robots\":[{\"id\":\"r-1\",\"cell\":23},{\"id\":\"r-2\",\"cell\":33},{\"id\":\"r-3\",\"cell\":36}],"
                + "\"skuCount\":4,\"skusPerPod\":4}";
        assertEquals(201, put(acme, "/v1/admin/warehouses/w1", small).statusCode());
        assertEquals(201, put(globex, "/v1/admin/warehouses/g1", small).statusCode());
        assertEquals(201, put(acme, "/v1/admin/warehouses/big", bigWarehouse()).statusCode());
        for (int order = 1; order <= 40; order++) {
            HttpResponse<String> accepted = http.post(acme, "/v1/warehouses/w1/orders",
                    "{\"orderId\":\"o-" + order + "\",\"lines\":[{\"sku\":\"sku-" + (order % 4) + "\"}]}");
            assertEquals(202, accepted.statusCode(), accepted.body());
        }
    }

    /** 60 x 42 with racks in rows 1-2 of every 4, and 600 robots on every other aisle cell. */
    private static String bigWarehouse() {
        int width = 60;
        int height = 42;
        StringBuilder map = new StringBuilder("type octile\nheight " + height + "\nwidth " + width + "\nmap\n");
        List<String> robots = new ArrayList<>();
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                boolean rack = row > 0 && row < height - 1 && (row % 4 == 1 || row % 4 == 2) && col % 6 >= 1 && col % 6 <= 4;
                map.append(rack ? '@' : '.');
                boolean aisle = row > 0 && row < height - 1 && (row % 4 == 0 || row % 4 == 3);
                if (aisle && col % 2 == 0 && robots.size() < 600) {
                    robots.add("{\"id\":\"b-" + robots.size() + "\",\"cell\":" + (row * width + col) + "}");
                }
            }
            map.append('\n');
        }
        return "{\"map\":" + JSON.writeValueAsString(map.toString()) + ",\"robots\":[" + String.join(",", robots) + "]}";
    }

    private static void registerStores() {
        for (String store : List.of("leaving", "shoppers", "review")) {
            assertEquals(201, put(acme, "/v1/admin/stores/" + store + "/layout", StoreScript.layoutJson(store)).statusCode());
        }
    }

    private static void play(String store, List<StoreScript.Batch> batches) {
        for (StoreScript.Batch batch : batches) {
            if (batch.observationsJson() != null) {
                assertEquals(202, http.post(acme, "/v1/stores/" + store + "/shopper-observations", batch.observationsJson()).statusCode());
            }
            assertEquals(202, http.post(acme, "/v1/stores/" + store + "/shelf-readings", batch.readingsJson()).statusCode());
        }
    }

    /** Plays the small warehouse's robots: each executes its command and reports the pose it reached. */
    private static void startRobots() {
        robotDriver = new Thread(() -> {
            while (driving.get()) {
                for (int r = 0; r < SMALL_ROBOTS.size(); r++) {
                    String robot = SMALL_ROBOTS.get(r);
                    HttpResponse<String> command = http.get(robotKeys.get(r), "/v1/warehouses/w1/robots/" + robot + "/commands");
                    if (command.statusCode() == 200) {
                        JsonNode body = JSON.readTree(command.body());
                        http.post(robotKeys.get(r), "/v1/warehouses/w1/robots/" + robot + "/telemetry",
                                "{\"cell\":" + body.get("targetCell").asInt() + ",\"heading\":" + body.get("targetHeading").asInt() + "}");
                    }
                }
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "console-test-robots");
        robotDriver.setDaemon(true);
        robotDriver.start();
    }

    private static HttpResponse<String> put(IssuedKey key, String path, String json) {
        return server.send(http.signed(key.key().keyId(), key.secret(), "PUT", path, json, Instant.now()).build());
    }

    // --- the browser -----------------------------------------------------------------------------------------

    private static void open(String hash) {
        console.open(hash);
    }

    private static void login(IssuedKey key, String hash) {
        console.login(key.key().keyId(), key.secret(), hash);
    }

    /** Clicks the middle of a cell of a grid canvas, whatever size the page gave the canvas. */
    private static void click(WebElement canvas, int cell, int width, int height) {
        Dimension size = canvas.getSize();
        int x = (int) (((cell % width) + 0.5) * size.getWidth() / width - size.getWidth() / 2.0);
        int y = (int) (((cell / width) + 0.5) * size.getHeight() / height - size.getHeight() / 2.0);
        new Actions(browser).moveToElement(canvas, x, y).click().perform();
    }

    private static String waitForAttribute(WebElement element, String name) {
        return new WebDriverWait(browser, WAIT).until(driver -> element.getDomAttribute(name));
    }

    private static <T> T wait(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return console.await(condition);
    }

    private static Object script(String javascript) {
        return console.script(javascript);
    }

    private static void screenshot(String page) {
        console.screenshot(SCREENSHOTS, page, ConsoleBrowser.WINDOW);
    }
}
