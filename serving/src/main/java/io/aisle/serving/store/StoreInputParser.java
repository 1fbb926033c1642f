package io.aisle.serving.store;

import io.aisle.fusion.account.EntryEvent;
import io.aisle.fusion.cart.ReceiptLine;
import io.aisle.fusion.layout.Gate;
import io.aisle.fusion.layout.Plate;
import io.aisle.fusion.layout.Product;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.reading.ShelfReading;
import io.aisle.fusion.review.AdjustmentKind;
import io.aisle.fusion.review.ReviewRequest;
import io.aisle.vision.djl.CropPixels;
import io.aisle.vision.frame.CameraFrame;
import io.aisle.vision.frame.CameraFrameReader;
import io.aisle.vision.frame.FrameLimits;
import io.aisle.vision.frame.FrameTooLargeException;
import io.aisle.vision.frame.HandCrop;
import io.aisle.vision.json.InvalidFieldException;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.observation.ShopperObservation;
import io.aisle.vision.observation.StorePoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a request body into a {@link StoreInput}, checking the whole batch against the store's
 * layout before anything is applied, so a refused batch changes nothing. Every refusal is a
 * {@link StoreInputException} naming the field, with its reason (invalid, malformed, too large);
 * {@link StoreHandler} maps it to 400 or 413. Immutable and thread-safe.
 *
 * <p>Body formats (times are epoch milliseconds; coordinates meters in the store frame):
 * <pre>{@code
 * shelf-readings:       {"readings": [{"plate": "P1", "ts": 1767225600000, "grams": 8012.5}]}
 * shopper-observations: {"observations": [{"track": "t-7", "ts": 1767225600000, "position": [2.3, 3.6],
 *                                          "leftWrist": [2.1, 3.6, 0.9], "rightWrist": null}]}
 * camera-frames:        the store-vision frame batch ({"frames": [...]}, see CameraFrameReader)
 * entries:              {"entries": [{"gate": "entry", "account": "acct-1", "at": 1767225600000}]}, or one
 *                        entry alone: {"gate": "entry", "account": "acct-1", "at": 1767225600000}
 * review resolution:    {"decision": "confirm"} or {"decision": "correct", "lines": [{"sku": "A", "quantity": 2}],
 *                        "note": "two, not three"}, either with "account": "acct-1" to name the shopper's account
 * receipt dispute:      {"lines": [{"sku": "A", "quantity": 1}], "note": "I put one back"}
 * }</pre>
 *
 * <p>A resolution or dispute is checked by {@link #reviewRecord}, which adds the receipt number
 * of the path and the server clock; the store stream carries that record, which {@link #parse}
 * reads on the owner's side.
 */
public final class StoreInputParser {

    public static final int MAX_READINGS = 20_000;
    public static final int MAX_OBSERVATIONS = 5_000;
    public static final int MAX_ENTRIES = 1_000;
    public static final int MAX_REVIEW_LINES = 200;
    public static final int MAX_LINE_QUANTITY = 1_000;
    public static final int MAX_NOTE_CHARS = 500;
    /** Floor positions and wrists may lie this far outside the floor rectangle (cameras see the doorway). */
    private static final double FLOOR_MARGIN_METERS = 1.0;
    private static final double MAX_WRIST_HEIGHT_METERS = 3.0;
    private static final Pattern TRACK_ID = Pattern.compile("[\\p{Graph}&&[^\"\\\\]]{1,128}");
    /** An account id as a store's app names it; the same characters as a track id. */
    private static final Pattern ACCOUNT_ID = TRACK_ID;

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final CameraFrameReader frameReader;
    private final Duration maxEventSkew;

    /**
     * @param maxEventSkew how far an event time may lie from the server clock at the edge
     */
    public StoreInputParser(FrameLimits frameLimits, Duration maxEventSkew) {
        this.frameReader = new CameraFrameReader(frameLimits);
        this.maxEventSkew = maxEventSkew;
    }

    /**
     * @param now the server clock, for the "timestamp far off" check; empty when re-reading an
     *     input already accepted (a Kafka record consumed after an outage is old, not invalid)
     */
    public StoreInput parse(InputKind kind, byte[] body, RegisteredStore store, Optional<Instant> now) {
        return switch (kind) {
            case SHELF_READINGS -> shelfReadings(body, store.layout(), now);
            case SHOPPER_OBSERVATIONS -> observations(body, store.layout(), now);
            case CAMERA_FRAMES -> cameraFrames(body, store);
            case ENTRIES -> entries(body, store.layout(), now);
            case REVIEW_RESOLUTION, RECEIPT_DISPUTE -> review(kind, body, store.layout());
        };
    }

    /**
     * Checks a resolution ({@link InputKind#REVIEW_RESOLUTION}) or dispute ({@link InputKind#RECEIPT_DISPUTE})
     * request body against the store's products and returns the record the store stream carries.
     *
     * @param receiptNumber the review or receipt number of the path
     * @throws StoreInputException for a malformed body, an unknown decision or SKU, a quantity outside
     *     1-{@value #MAX_LINE_QUANTITY}, a SKU named twice, more than {@value #MAX_REVIEW_LINES} lines
     *     or a note over {@value #MAX_NOTE_CHARS} characters
     */
    public byte[] reviewRecord(InputKind kind, long receiptNumber, byte[] body, RegisteredStore store, Instant now) {
        ReviewRecord record;
        if (kind == InputKind.REVIEW_RESOLUTION) {
            ResolutionBody resolution = read(body, ResolutionBody.class,
                    "{\"decision\":\"confirm\"} or {\"decision\":\"correct\",\"lines\":[{\"sku\":...,\"quantity\":...}]}");
            AdjustmentKind decided = switch (String.valueOf(resolution.decision())) {
                case "confirm" -> AdjustmentKind.CONFIRMED;
                case "correct" -> AdjustmentKind.CORRECTED;
                default -> throw StoreInputException.invalid("decision must be 'confirm' or 'correct' but was "
                        + (resolution.decision() == null ? "missing" : "'" + resolution.decision() + "'"));
            };
            if (decided == AdjustmentKind.CONFIRMED && resolution.lines() != null) {
                throw StoreInputException.invalid("lines must be left out when the decision is 'confirm' (the receipt's lines stand)");
            }
            record = new ReviewRecord(receiptNumber, decided.wireName(), resolution.lines(), resolution.note(),
                    now.toEpochMilli(), resolution.account());
        } else if (kind == InputKind.RECEIPT_DISPUTE) {
            DisputeBody dispute = read(body, DisputeBody.class, "{\"lines\":[{\"sku\":...,\"quantity\":...}],\"note\":...}");
            record = new ReviewRecord(receiptNumber, AdjustmentKind.DISPUTED.wireName(), dispute.lines(), dispute.note(),
                    now.toEpochMilli(), null);
        } else {
            throw new IllegalArgumentException("kind must be a review resolution or a dispute but was " + kind);
        }
        review(kind, record, store.layout());
        return mapper.writeValueAsBytes(record);
    }

    /** The request body of a review resolution. */
    record ResolutionBody(String decision, List<LineBody> lines, String note, String account) {
    }

    /** The request body of a dispute. */
    record DisputeBody(List<LineBody> lines, String note) {
    }

    record LineBody(String sku, Integer quantity) {
    }

    /**
     * A resolution or dispute as the store stream carries it.
     *
     * @param receipt the review or receipt number
     * @param kind the {@link AdjustmentKind} wire name
     * @param decidedAt the server clock when it was accepted, epoch milliseconds
     * @param account the account a resolution names; null to keep the receipt's (and in records of
     *     an earlier release)
     */
    record ReviewRecord(Long receipt, String kind, List<LineBody> lines, String note, Long decidedAt, String account) {
    }

    private StoreInput.Review review(InputKind kind, byte[] body, StoreLayout layout) {
        return review(kind, read(body, ReviewRecord.class, "a review record"), layout);
    }

    private static StoreInput.Review review(InputKind kind, ReviewRecord record, StoreLayout layout) {
        if (record.receipt() == null || record.receipt() < 1 || record.decidedAt() == null) {
            throw StoreInputException.invalid("a review record needs receipt >= 1 and decidedAt");
        }
        AdjustmentKind adjustment = AdjustmentKind.fromWireName(String.valueOf(record.kind()))
                .filter(k -> (k == AdjustmentKind.DISPUTED) == (kind == InputKind.RECEIPT_DISPUTE))
                .orElseThrow(() -> StoreInputException.invalid("kind '" + record.kind() + "' is not a " + kind.wireName()));
        if (adjustment != AdjustmentKind.CONFIRMED && record.lines() == null) {
            throw StoreInputException.invalid("lines is missing: the lines the receipt should have, [] when nothing was bought");
        }
        if (record.note() != null && record.note().length() > MAX_NOTE_CHARS) {
            throw StoreInputException.invalid("note must be at most " + MAX_NOTE_CHARS + " characters but was "
                    + record.note().length());
        }
        if (record.account() != null && (adjustment == AdjustmentKind.DISPUTED || !ACCOUNT_ID.matcher(record.account()).matches())) {
            throw StoreInputException.invalid(adjustment == AdjustmentKind.DISPUTED
                    ? "account is named by a reviewer's resolution, not by a dispute"
                    : "account must be 1-128 printable characters without quotes or spaces");
        }
        List<LineBody> items = record.lines() == null ? List.of() : record.lines();
        if (items.size() > MAX_REVIEW_LINES) {
            throw StoreInputException.invalid("at most " + MAX_REVIEW_LINES + " lines, got " + items.size());
        }
        Map<String, Product> products = layout.productsBySku();
        Set<String> named = new HashSet<>();
        List<ReceiptLine> lines = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String at = "lines[" + i + "]";
            LineBody line = items.get(i);
            if (line == null || line.sku() == null) {
                throw StoreInputException.invalid(at + ".sku is missing");
            }
            if (!products.containsKey(line.sku())) {
                throw StoreInputException.invalid(at + ".sku: unknown product '" + line.sku() + "' in store " + layout.storeId());
            }
            if (!named.add(line.sku())) {
                throw StoreInputException.invalid(at + ".sku: '" + line.sku() + "' is named twice; give its total once");
            }
            if (line.quantity() == null || line.quantity() < 1 || line.quantity() > MAX_LINE_QUANTITY) {
                throw StoreInputException.invalid(at + ".quantity must be an integer in [1, " + MAX_LINE_QUANTITY + "] but was "
                        + line.quantity());
            }
            lines.add(new ReceiptLine(line.sku(), line.quantity(), 1.0));
        }
        return new StoreInput.Review(new ReviewRequest(record.receipt(), adjustment, lines,
                record.note() == null ? "" : record.note(), record.decidedAt(), record.account()));
    }

    /** The request body of entries: a batch, or the fields of one entry alone. */
    record EntriesBody(List<EntryBody> entries, String gate, String account, Long at) {
    }

    record EntryBody(String gate, String account, Long at) {
    }

    private StoreInput.EntryBatch entries(byte[] body, StoreLayout layout, Optional<Instant> now) {
        EntriesBody batch = read(body, EntriesBody.class,
                "{\"entries\":[{\"gate\":...,\"account\":...,\"at\":...}]} or one {\"gate\":...,\"account\":...,\"at\":...}");
        boolean single = batch.gate() != null || batch.account() != null || batch.at() != null;
        if (single && batch.entries() != null) {
            throw StoreInputException.invalid("send either entries or the fields of one entry, not both");
        }
        List<EntryBody> items = single ? List.of(new EntryBody(batch.gate(), batch.account(), batch.at()))
                : requireBatch(batch.entries(), "entries", MAX_ENTRIES);
        Set<String> gates = layout.gates().stream().map(Gate::id).collect(Collectors.toSet());
        List<EntryEvent> entries = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String at = single ? "" : "entries[" + i + "].";
            EntryBody item = items.get(i);
            if (item == null) {
                throw StoreInputException.invalid("entries[" + i + "] must be an object");
            }
            if (item.gate() == null) {
                throw StoreInputException.invalid(at + "gate is missing");
            }
            if (!gates.contains(item.gate())) {
                throw StoreInputException.invalid(at + "gate: unknown gate '" + item.gate() + "' in store " + layout.storeId()
                        + "; its gates are " + gates.stream().sorted().toList());
            }
            if (item.account() == null || !ACCOUNT_ID.matcher(item.account()).matches()) {
                throw StoreInputException.invalid(at + "account " + (item.account() == null ? "is missing"
                        : "must be 1-128 printable characters without quotes or spaces"));
            }
            long ts = timestamp(item.at(), at + "at", now);
            if (ts < 0) {
                throw StoreInputException.invalid(at + "at must be >= 0 (epoch milliseconds) but was " + ts);
            }
            entries.add(new EntryEvent(item.gate(), item.account(), ts));
        }
        return new StoreInput.EntryBatch(entries);
    }

    /** The request body of shelf-readings. */
    record ReadingsBody(List<ReadingBody> readings) {
    }

    record ReadingBody(String plate, Long ts, Double grams) {
    }

    /** The request body of shopper-observations. */
    record ObservationsBody(List<ObservationBody> observations) {
    }

    record ObservationBody(String track, Long ts, List<Double> position, List<Double> leftWrist, List<Double> rightWrist) {
    }

    private StoreInput.ShelfBatch shelfReadings(byte[] body, StoreLayout layout, Optional<Instant> now) {
        ReadingsBody batch = read(body, ReadingsBody.class, "{\"readings\":[{\"plate\":...,\"ts\":...,\"grams\":...}]}");
        List<ReadingBody> items = requireBatch(batch.readings(), "readings", MAX_READINGS);
        Map<String, Plate> plates = layout.plates().stream().collect(Collectors.toMap(Plate::id, p -> p));
        List<ShelfReading> readings = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String at = "readings[" + i + "]";
            ReadingBody item = items.get(i);
            if (item == null) {
                throw StoreInputException.invalid(at + " must be an object");
            }
            if (item.plate() == null) {
                throw StoreInputException.invalid(at + ".plate is missing");
            }
            Plate plate = plates.get(item.plate());
            if (plate == null) {
                throw StoreInputException.invalid(at + ".plate: unknown plate '" + item.plate() + "' in store " + layout.storeId());
            }
            long ts = timestamp(item.ts(), at + ".ts", now);
            if (item.grams() == null || !Double.isFinite(item.grams())) {
                throw StoreInputException.invalid(at + ".grams must be a finite number");
            }
            if (Math.abs(item.grams()) > plate.capacityGrams()) {
                throw StoreInputException.invalid(at + ".grams must be within +-" + plate.capacityGrams() + " (the capacity of plate "
                        + plate.id() + ") but was " + item.grams());
            }
            readings.add(new ShelfReading(plate.id(), ts, item.grams()));
        }
        return new StoreInput.ShelfBatch(readings);
    }

    private StoreInput.ObservationBatch observations(byte[] body, StoreLayout layout, Optional<Instant> now) {
        ObservationsBody batch = read(body, ObservationsBody.class,
                "{\"observations\":[{\"track\":...,\"ts\":...,\"position\":[x,y],\"leftWrist\":[x,y,z],\"rightWrist\":[x,y,z]}]}");
        List<ObservationBody> items = requireBatch(batch.observations(), "observations", MAX_OBSERVATIONS);
        List<ShopperObservation> observations = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String at = "observations[" + i + "]";
            ObservationBody item = items.get(i);
            if (item == null) {
                throw StoreInputException.invalid(at + " must be an object");
            }
            if (item.track() == null || !TRACK_ID.matcher(item.track()).matches()) {
                throw StoreInputException.invalid(at + ".track must be 1-128 printable characters without quotes or spaces");
            }
            long ts = timestamp(item.ts(), at + ".ts", now);
            List<Double> position = coordinates(item.position(), 2, at + ".position", layout);
            observations.add(new ShopperObservation(item.track(), ts, new FloorPoint(position.get(0), position.get(1)),
                    wrist(item.leftWrist(), at + ".leftWrist", layout), wrist(item.rightWrist(), at + ".rightWrist", layout)));
        }
        return new StoreInput.ObservationBatch(observations);
    }

    private StoreInput.CameraBatch cameraFrames(byte[] body, RegisteredStore store) {
        Set<String> cameraIds = store.cameras()
                .orElseThrow(() -> StoreInputException.invalid("store " + store.key().store()
                        + " has no cameras; register them with PUT /v1/admin/stores/" + store.key().store() + "/cameras"))
                .cameraIds();
        List<CameraFrame> frames;
        try {
            // Reading is pure; the owner thread reads the same bytes again into its tracker.
            frames = frameReader.read(body);
        } catch (FrameTooLargeException e) {
            throw new StoreInputException(StoreInputException.Reason.TOO_LARGE, e.getMessage());
        } catch (InvalidFieldException e) {
            throw StoreInputException.invalid(e.getMessage());
        }
        if (frames.isEmpty()) {
            throw StoreInputException.invalid("frames must be a non-empty array");
        }
        for (int i = 0; i < frames.size(); i++) {
            if (!cameraIds.contains(frames.get(i).cameraId())) {
                throw StoreInputException.invalid("field 'frames[" + i + "].cameraId' names camera '" + frames.get(i).cameraId()
                        + "', which is not calibrated for store " + store.key().store());
            }
            requireDecodableCrops(frames.get(i), i);
        }
        return new StoreInput.CameraBatch(body.clone(), frames.size());
    }

    /**
     * The reader checks a crop's size and its PNG or JPEG signature; a crop past its signature
     * that no decoder reads would fail the recognizer on the owner thread, after part of the
     * batch was applied, so it is refused here.
     */
    private static void requireDecodableCrops(CameraFrame frame, int frameIndex) {
        for (int p = 0; p < frame.persons().size(); p++) {
            List<HandCrop> crops = frame.persons().get(p).handCrops();
            for (int c = 0; c < crops.size(); c++) {
                try {
                    CropPixels.decode(crops.get(c).imageBytes());
                } catch (IllegalArgumentException e) {
                    throw StoreInputException.invalid("field 'frames[" + frameIndex + "].persons[" + p + "].handCrops["
                            + c + "].imageBase64' must hold a decodable PNG or JPEG image");
                }
            }
        }
    }

    private <T> T read(byte[] body, Class<T> type, String shape) {
        if (body.length == 0) {
            throw StoreInputException.invalid("the body must be " + shape);
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw StoreInputException.invalid("the body must be " + shape);
            }
            return value;
        } catch (JacksonException e) {
            throw new StoreInputException(StoreInputException.Reason.MALFORMED, "the body must be " + shape + ": " + e.getOriginalMessage());
        }
    }

    private static <T> List<T> requireBatch(List<T> items, String field, int max) {
        if (items == null || items.isEmpty()) {
            throw StoreInputException.invalid(field + " must be a non-empty array");
        }
        if (items.size() > max) {
            throw new StoreInputException(StoreInputException.Reason.TOO_LARGE, "at most " + max + " " + field + " per batch, got " + items.size());
        }
        return items;
    }

    private long timestamp(Long ts, String field, Optional<Instant> now) {
        if (ts == null) {
            throw StoreInputException.invalid(field + " is missing (epoch milliseconds)");
        }
        if (now.isPresent() && Math.abs(ts - now.get().toEpochMilli()) > maxEventSkew.toMillis()) {
            throw StoreInputException.invalid(field + " is " + Duration.ofMillis(Math.abs(ts - now.get().toEpochMilli())).toSeconds()
                    + " s from the server clock; at most " + maxEventSkew.toSeconds() + " s is accepted");
        }
        return ts;
    }

    private static Optional<StorePoint> wrist(List<Double> values, String field, StoreLayout layout) {
        if (values == null) {
            return Optional.empty();
        }
        List<Double> xyz = coordinates(values, 3, field, layout);
        if (xyz.get(2) < 0 || xyz.get(2) > MAX_WRIST_HEIGHT_METERS) {
            throw StoreInputException.invalid(field + " height must be within 0-" + MAX_WRIST_HEIGHT_METERS + " m but was " + xyz.get(2));
        }
        return Optional.of(new StorePoint(xyz.get(0), xyz.get(1), xyz.get(2)));
    }

    private static List<Double> coordinates(List<Double> values, int size, String field, StoreLayout layout) {
        if (values == null || values.size() != size || values.stream().anyMatch(v -> v == null || !Double.isFinite(v))) {
            throw StoreInputException.invalid(field + " must be " + size + " finite numbers (meters)");
        }
        if ((values.get(0) < -FLOOR_MARGIN_METERS || values.get(0) > layout.floorWidthMeters() + FLOOR_MARGIN_METERS
                || values.get(1) < -FLOOR_MARGIN_METERS || values.get(1) > layout.floorDepthMeters() + FLOOR_MARGIN_METERS)) {
            throw StoreInputException.invalid(field + " (" + values.get(0) + ", " + values.get(1) + ") lies outside the "
                    + layout.floorWidthMeters() + " x " + layout.floorDepthMeters() + " m floor of store " + layout.storeId());
        }
        return values;
    }
}
