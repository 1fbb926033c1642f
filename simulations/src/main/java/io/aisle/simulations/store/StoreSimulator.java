package io.aisle.simulations.store;

import io.aisle.fusion.account.EntryEvent;
import io.aisle.fusion.layout.Facing;
import io.aisle.fusion.layout.Plate;
import io.aisle.fusion.layout.PlateBox;
import io.aisle.fusion.layout.Product;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.reading.ShelfReading;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.observation.ShopperObservation;
import io.aisle.vision.observation.StorePoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Simulates a checkout-free store session at 60 Hz and streams what the sensors would report.
 *
 * <p>Shoppers enter, walk the aisles, reach into plates and take one or more units, sometimes
 * touch without taking or lean on a shelf, put some items back (on the same plate or another
 * one), come in groups whose members may reach into the same plate within a second and hand
 * items to each other, and leave through the exit. Load cells report the absolute plate weight
 * (tare, items, hand forces, slow drift, Gaussian noise); observations report noisy floor and
 * wrist positions at 15 Hz with lost frames, identity switches and a clock skew. Both streams
 * are delivered in arrival order (readings up to 20 ms late, observations 30-150 ms late).
 *
 * <p>Shoppers keep a personal distance ({@value #PERSONAL_DISTANCE} m centre to centre) as people
 * do: walkers keep to one lane of a corridor by direction, a walker does not step closer to anyone
 * already nearer than that, steps to its right around someone in the way, waits behind a shopper
 * standing where it is going, takes a free spot beside a plate column someone else already stands
 * at, and nobody enters while the entry is crowded.
 *
 * <p>Deterministic: the same layout, scenario and seed give the same streams and ground truth.
 */
public final class StoreSimulator {

    private static final int HZ = 60;
    private static final int OBSERVATION_EVERY = 4;
    private static final long START_MILLIS = 1_767_225_600_000L;
    private static final double WALK_SPEED = 1.1;
    private static final double STAND_OFFSET = 0.6;
    /**
     * Closest two shoppers come, centre to centre: about a shoulder width plus a little room, the
     * distance strangers keep when they pass in an aisle or wait at a shelf.
     */
    static final double PERSONAL_DISTANCE = 0.6;
    /** A second shopper at a plate column stands this far to its side, within arm's reach of it. */
    private static final double SIDE_SPOT_OFFSET = 0.65;
    /** How long a walker waits for a blocked way before it steps around the one in the way. */
    private static final long PATIENCE_TICKS = 2 * HZ;
    /**
     * How long a walker may go without getting nearer its waypoint before it squeezes past whoever
     * is in the way: two walkers who each want the other's place could otherwise dance around each
     * other forever, and the session must end.
     */
    private static final long GIVE_UP_TICKS = 5 * HZ;
    private static final long QUEUE_GIVE_UP_TICKS = 30 * HZ;
    /** A gate scan lies up to this long before a shopper's first sighting ... */
    private static final int SCAN_LEAD_MILLIS = 300;
    /** ... and at most this much later than that lead, so within 300 ms either side of the sighting. */
    private static final int SCAN_SPREAD_MILLIS = 600;

    private final StoreLayout layout;
    private final StoreScenario scenario;
    private final long seed;
    private final Map<String, Product> products;
    private final List<Plate> plates;

    public StoreSimulator(StoreLayout layout, StoreScenario scenario, long seed) {
        this.layout = layout;
        this.scenario = scenario;
        this.seed = seed;
        this.products = layout.productsBySku();
        this.plates = layout.plates();
    }

    /** Where a leader and its companion appear in the entry zone, a personal distance apart. */
    private static final double[] LEADER_START = {0.9, 0.75};
    private static final double[] COMPANION_START = {0.25, 0.75};
    /** Step directions a blocked walker tries, relative to its way: right turns first. */
    private static final double[] STEP_TURNS = {0, -Math.PI / 4, -Math.PI / 2, Math.PI / 4, Math.PI / 2};

    /** The account a simulated shopper scans in with: one per shopper, named apart from any track id. */
    static String accountOf(Shopper shopper) {
        return String.format("acct-%05d", shopper.number);
    }

    private List<PlateBox> gondolaFootprints() {
        return List.copyOf(StoreLayoutGenerator.gondolaBlocks(layout).values());
    }

    /** Runs the whole session, delivering streams (and true poses) to the sink; returns the ground truth. */
    public GroundTruth run(StoreEventSink sink) {
        return new Session(sink).run();
    }

    /**
     * Runs the whole session for its ground-truth poses only (at the 15 Hz observation instants),
     * for simulating cameras; the sensor streams are discarded. Same seed, same poses as {@link #run}.
     */
    public GroundTruth runPoses(Consumer<ShopperPose> poses) {
        return run(new StoreEventSink() {
            @Override
            public void reading(ShelfReading reading) {
            }

            @Override
            public void observation(ShopperObservation observation) {
            }

            @Override
            public void pose(ShopperPose pose) {
                poses.accept(pose);
            }
        });
    }

    private enum Motion { PICK, PUT, TOUCH, LEAN }

    /** One plate visit of a plan. */
    private static final class Visit {
        final int plate;
        final Motion motion;
        int units;
        List<Unit> returning = List.of();
        Visit(int plate, Motion motion, int units) {
            this.plate = plate;
            this.motion = motion;
            this.units = units;
        }
    }

    private record Unit(String sku, double grams, boolean handedOver) {
    }

    private static final class Shopper {
        final String id;
        final int number;
        String trackId;
        int switches;
        double x;
        double y;
        final Deque<double[]> waypoints = new ArrayDeque<>();
        final Deque<Visit> plan = new ArrayDeque<>();
        /** Where this shopper stands for its visits to {@code spotPlate}, claimed so others stand apart. */
        double[] spot;
        int spotPlate = -1;
        int blockedTicks;
        /** The nearest this walker has come to its current waypoint; progress is a new record. */
        double closestToWaypoint = Double.MAX_VALUE;
        /** Gave up waiting: walks straight to the waypoint, through the jam, as people say "excuse me". */
        boolean squeezing;
        final List<Unit> held = new ArrayList<>();
        final Map<String, Integer> pays = new TreeMap<>();
        final List<String> trackIds = new ArrayList<>();
        Shopper companion;
        boolean isCompanion;
        Visit current;
        long motionStart;
        long liftAt;
        long motionEnd;
        long holdMillis;
        double forceGrams;
        boolean lifted;
        double[] reachTarget;
        boolean leaving;
        long exitMillis = Long.MIN_VALUE;
        long goneAt = Long.MAX_VALUE;
        double lx;
        double ly;
        double lz;
        double rx;
        double ry;
        double rz;

        Shopper(int number, double x, double y) {
            this.number = number;
            this.id = String.format("s-%05d", number);
            this.trackId = id;
            this.x = x;
            this.y = y;
            trackIds.add(id);
        }
    }

    private record Ramp(int plate, long start, long durationMillis, double grams) {
    }

    private record Pending(long arrivalMillis, long sequence, Object event) {
    }

    private final class Session {
        final StoreEventSink sink;
        final Random random = new Random(seed);
        final Random noise = new Random(seed * 31 + 7);
        /** The gate's own draws, so the shoppers' and sensors' draws are those of a session without entries. */
        final Random gate = new Random(seed * 131 + 17);
        final double[] base;
        final double[] driftPerMilli;
        final double[] inTransit;
        final List<TreeMap<String, List<Double>>> stock = new ArrayList<>();
        final List<Ramp> ramps = new ArrayList<>();
        final List<Shopper> shoppers = new ArrayList<>();
        final List<Shopper> everyone = new ArrayList<>();
        final List<TrueEvent> events = new ArrayList<>();
        final PriorityQueue<Pending> inFlight = new PriorityQueue<>((a, b) -> a.arrivalMillis != b.arrivalMillis
                ? Long.compare(a.arrivalMillis, b.arrivalMillis) : Long.compare(a.sequence, b.sequence));
        final double width = layout.floorWidthMeters();
        final List<PlateBox> gondolaFootprints = gondolaFootprints();
        final Map<Double, List<Integer>> platesByWeight = new LinkedHashMap<>();
        long sequence;
        int nextShopper = 1;
        int targetShoppers;

        Session(StoreEventSink sink) {
            this.sink = sink;
            base = new double[plates.size()];
            driftPerMilli = new double[plates.size()];
            inTransit = new double[plates.size()];
            for (int i = 0; i < plates.size(); i++) {
                Plate plate = plates.get(i);
                TreeMap<String, List<Double>> units = new TreeMap<>();
                double grams = 800 + random.nextDouble() * 1700;
                for (Facing facing : plate.facings()) {
                    Product product = products.get(facing.sku());
                    List<Double> list = new ArrayList<>();
                    for (int u = 0; u < facing.count(); u++) {
                        double w = unitWeight(product);
                        list.add(w);
                        grams += w;
                    }
                    units.put(facing.sku(), list);
                }
                stock.add(units);
                base[i] = grams;
                driftPerMilli[i] = (random.nextDouble() * 2 - 1) * scenario.driftGramsPerMinute() / 60_000.0;
                double firstWeight = products.get(plate.facings().get(0).sku()).unitWeightGrams();
                platesByWeight.computeIfAbsent(firstWeight, w -> new ArrayList<>()).add(i);
            }
        }

        double unitWeight(Product product) {
            return product.unitWeightGrams() + random.nextGaussian() * product.weightStdDevGrams();
        }

        GroundTruth run() {
            long arrivalsEnd = START_MILLIS + (long) (scenario.minutes() * 60_000);
            long tick = 0;
            long t = START_MILLIS;
            while (t < arrivalsEnd || !shoppers.isEmpty()) {
                t = START_MILLIS + tick * 1000 / HZ;
                if (t < arrivalsEnd && tick % HZ == 0) {
                    if (tick % (HZ * 60) == 0) {
                        targetShoppers = scenario.minShoppers()
                                + random.nextInt(scenario.maxShoppers() - scenario.minShoppers() + 1);
                    }
                    long inside = shoppers.stream().filter(s -> !s.leaving).count();
                    if (inside < targetShoppers) {
                        spawn(t);
                    }
                }
                for (Shopper shopper : shoppers) {
                    step(shopper, t);
                }
                emitReadings(t);
                if (tick % OBSERVATION_EVERY == 0) {
                    emitObservations(t);
                }
                long now = t;
                shoppers.removeIf(s -> now >= s.goneAt);
                deliver(t);
                tick++;
            }
            deliver(Long.MAX_VALUE);
            Map<String, Map<String, Integer>> receipts = new LinkedHashMap<>();
            Map<String, List<String>> tracks = new LinkedHashMap<>();
            Map<String, Long> exits = new LinkedHashMap<>();
            Map<String, String> accounts = new LinkedHashMap<>();
            for (Shopper s : everyone) {
                accounts.put(s.id, accountOf(s));
                Map<String, Integer> lines = new TreeMap<>(s.pays);
                lines.values().removeIf(n -> n <= 0);
                receipts.put(s.id, lines);
                tracks.put(s.id, List.copyOf(s.trackIds));
                exits.put(s.id, s.exitMillis);
            }
            return new GroundTruth(receipts, tracks, exits, events, START_MILLIS, t, accounts);
        }

        void spawn(long t) {
            if (crowdedAt(LEADER_START) || crowdedAt(COMPANION_START)) {
                return;
            }
            Shopper leader = new Shopper(nextShopper++, LEADER_START[0], LEADER_START[1]);
            planVisits(leader);
            admit(leader, t);
            if (random.nextDouble() < scenario.groupRate()) {
                Shopper companion = new Shopper(nextShopper++, COMPANION_START[0], COMPANION_START[1]);
                companion.isCompanion = true;
                leader.companion = companion;
                for (Visit v : leader.plan) {
                    if (v.motion == Motion.PICK) {
                        boolean contend = random.nextDouble() < scenario.contentionRate();
                        companion.plan.add(new Visit(v.plate, contend ? Motion.PICK : Motion.TOUCH, contend ? 1 : 0));
                    }
                }
                companion.plan.removeIf(v -> v.motion == Motion.TOUCH && random.nextDouble() < 0.8);
                admit(companion, t);
            }
        }

        void admit(Shopper s, long t) {
            // The scan at the gate comes a moment before or after the shopper steps into the cameras' view;
            // a companion scans in with its leader, so the two entries come together.
            long scannedAt = t + scenario.skewMillis() - SCAN_LEAD_MILLIS + gate.nextInt(SCAN_SPREAD_MILLIS + 1);
            send(t + 30 + gate.nextInt(121), new EntryEvent(StoreLayout.ENTRY_GATE, accountOf(s), scannedAt));
            restWrists(s);
            shoppers.add(s);
            everyone.add(s);
            s.motionEnd = t;
        }

        void planVisits(Shopper s) {
            int visits = 1 + random.nextInt(scenario.maxItemsPerShopper());
            List<Integer> chosen = new ArrayList<>();
            for (int i = 0; i < visits; i++) {
                chosen.add(random.nextInt(plates.size()));
            }
            chosen.sort(Integer::compare);
            for (int plate : chosen) {
                if (random.nextDouble() < scenario.touchRate()) {
                    s.plan.add(new Visit(plate, Motion.TOUCH, 0));
                }
                if (random.nextDouble() < scenario.leanRate()) {
                    s.plan.add(new Visit(plate, Motion.LEAN, 0));
                }
                int units = random.nextDouble() < scenario.multiGrabRate() ? 2 + random.nextInt(2) : 1;
                s.plan.add(new Visit(plate, Motion.PICK, units));
            }
        }

        void step(Shopper s, long t) {
            if (s.current != null) {
                move(s, t);
                return;
            }
            if (!s.waypoints.isEmpty()) {
                walk(s);
                return;
            }
            if (t < s.motionEnd) {
                return;
            }
            if (s.leaving) {
                if (s.goneAt == Long.MAX_VALUE) {
                    s.goneAt = t + 600;
                }
                return;
            }
            Visit next = s.plan.peekFirst();
            if (next == null) {
                s.leaving = true;
                s.spot = null;
                s.spotPlate = -1;
                routeTo(s, width - 1.0, s.y);
                s.waypoints.add(new double[] {width - 1.0, 0.75});
                s.waypoints.add(new double[] {width - 0.6, 0.7});
                return;
            }
            double[] spot = standSpot(s, next.plate);
            if (Math.hypot(spot[0] - s.x, spot[1] - s.y) > 0.05) {
                routeTo(s, spot[0], spot[1]);
                return;
            }
            s.plan.removeFirst();
            begin(s, next, t);
        }

        /**
         * The spot in front of a plate's column where the shopper stands for it: the column's
         * centre, else a side spot, whichever no other shopper has claimed (a companion tries its
         * side first). When all are taken the shopper queues for the centre.
         */
        double[] standSpot(Shopper s, int plate) {
            if (s.spotPlate == plate) {
                return s.spot;
            }
            PlateBox box = plates.get(plate).box();
            double cx = (box.min().xMeters() + box.max().xMeters()) / 2;
            double y = box.max().yMeters() + STAND_OFFSET;
            double[] sides = s.isCompanion ? new double[] {SIDE_SPOT_OFFSET, 0, -SIDE_SPOT_OFFSET}
                    : new double[] {0, SIDE_SPOT_OFFSET, -SIDE_SPOT_OFFSET};
            double[] chosen = null;
            for (double side : sides) {
                double[] candidate = {cx + side, y};
                if (walkable(candidate[0], candidate[1]) && !claimedByAnother(s, candidate)) {
                    chosen = candidate;
                    break;
                }
            }
            s.spot = chosen != null ? chosen : new double[] {cx + sides[0], y};
            s.spotPlate = plate;
            return s.spot;
        }

        private boolean claimedByAnother(Shopper s, double[] spot) {
            for (Shopper o : shoppers) {
                if (o != s && o.spot != null && Math.hypot(o.spot[0] - spot[0], o.spot[1] - spot[1]) < PERSONAL_DISTANCE) {
                    return true;
                }
            }
            return false;
        }

        private boolean crowdedAt(double[] at) {
            for (Shopper o : shoppers) {
                if (Math.hypot(o.x - at[0], o.y - at[1]) < PERSONAL_DISTANCE) {
                    return true;
                }
            }
            return false;
        }

        /** Waypoints through the left corridor when the target lies in another aisle. */
        void routeTo(Shopper s, double tx, double ty) {
            if (Math.abs(ty - s.y) > 0.3) {
                // Two lanes per corridor, one per direction, as people keep to one side.
                double lane = ty > s.y ? -0.35 : 0.35;
                double corridor = (tx > width - 1.5 ? width - 1.0 : 1.0) + lane;
                s.waypoints.add(new double[] {corridor, s.y});
                s.waypoints.add(new double[] {corridor, ty});
            }
            s.waypoints.add(new double[] {tx, ty});
        }

        /**
         * One 60 Hz step towards the next waypoint. Straight on if that keeps the personal distance;
         * after waiting {@link #PATIENCE_TICKS}, or at once when the waypoint is not where someone
         * stands, the walker tries turning right by 45 then 90 degrees, then left (people pass on
         * one side, so two walkers meeting head-on both step aside the same way and get past each
         * other).
         */
        void walk(Shopper s) {
            double[] w = s.waypoints.peekFirst();
            double dx = w[0] - s.x;
            double dy = w[1] - s.y;
            double d = Math.hypot(dx, dy);
            double stepLength = WALK_SPEED / HZ;
            if (d <= stepLength && (s.squeezing || keepsDistance(s, w[0], w[1]))) {
                s.x = w[0];
                s.y = w[1];
                s.waypoints.removeFirst();
                s.blockedTicks = 0;
                s.closestToWaypoint = Double.MAX_VALUE;
                s.squeezing = false;
                restWrists(s);
                return;
            }
            if (d < s.closestToWaypoint - 0.5 * stepLength) {
                s.closestToWaypoint = d;
                s.blockedTicks = 0;
            }
            double ux = dx / d;
            double uy = dy / d;
            if (s.squeezing) {
                s.x += ux * stepLength;
                s.y += uy * stepLength;
                restWrists(s);
                return;
            }
            boolean queueing = occupied(s, w);
            boolean mayStepAside = s.blockedTicks >= PATIENCE_TICKS || !queueing;
            double[] turns = mayStepAside ? STEP_TURNS : new double[] {0};
            for (double turn : turns) {
                double cos = Math.cos(turn);
                double sin = Math.sin(turn);
                double nx = s.x + (ux * cos - uy * sin) * stepLength;
                double ny = s.y + (ux * sin + uy * cos) * stepLength;
                if ((turn == 0 || walkable(nx, ny)) && keepsDistance(s, nx, ny)) {
                    s.x = nx;
                    s.y = ny;
                    s.blockedTicks++;
                    restWrists(s);
                    return;
                }
            }
            // Someone standing where the walker is going is waited for, not walked into; only a wait
            // far beyond any visit's length (two walkers wanting each other's place) ends in a squeeze.
            if (++s.blockedTicks >= (queueing ? QUEUE_GIVE_UP_TICKS : GIVE_UP_TICKS)) {
                s.squeezing = true;
            }
        }

        /** True when a step to (x, y) brings the walker closer to nobody already within the personal distance. */
        private boolean keepsDistance(Shopper s, double x, double y) {
            for (Shopper o : shoppers) {
                if (o == s) {
                    continue;
                }
                double after = Math.hypot(o.x - x, o.y - y);
                if (after < PERSONAL_DISTANCE && after < Math.hypot(o.x - s.x, o.y - s.y)) {
                    return false;
                }
            }
            return true;
        }

        /** True when someone stands within the personal distance of the waypoint: the walker queues for it. */
        private boolean occupied(Shopper s, double[] waypoint) {
            for (Shopper o : shoppers) {
                if (o != s && Math.hypot(o.x - waypoint[0], o.y - waypoint[1]) < PERSONAL_DISTANCE) {
                    return true;
                }
            }
            return false;
        }

        /** Inside the floor and off every gondola's footprint, with a hand's breadth to spare. */
        private boolean walkable(double x, double y) {
            double margin = 0.15;
            if (x < margin || y < margin || x > width - margin || y > layout.floorDepthMeters() - margin) {
                return false;
            }
            for (PlateBox g : gondolaFootprints) {
                if (x > g.min().xMeters() - margin && x < g.max().xMeters() + margin
                        && y > g.min().yMeters() - margin && y < g.max().yMeters() + margin) {
                    return false;
                }
            }
            return true;
        }

        void restWrists(Shopper s) {
            s.lx = s.x - 0.22;
            s.ly = s.y;
            s.lz = 0.85;
            s.rx = s.x + 0.22;
            s.ry = s.y;
            s.rz = 0.85;
        }

        void begin(Shopper s, Visit visit, long t) {
            PlateBox box = plates.get(visit.plate).box();
            StorePoint c = box.center();
            s.current = visit;
            s.motionStart = t;
            s.lifted = false;
            s.reachTarget = new double[] {c.xMeters() + (random.nextDouble() - 0.5) * 0.2,
                    c.yMeters() + (random.nextDouble() - 0.5) * 0.2, c.zMeters() + (random.nextDouble() - 0.5) * 0.1};
            long approach = 300;
            long dwell = 200 + random.nextInt(300);
            s.liftAt = t + approach + dwell;
            s.holdMillis = 0;
            s.forceGrams = random.nextDouble() * 12;
            if (visit.motion == Motion.LEAN) {
                s.holdMillis = 1500 + random.nextInt(2500);
                s.forceGrams = 300 + random.nextDouble() * 600;
                ramps.add(new Ramp(visit.plate, t + approach, 300, s.forceGrams));
                ramps.add(new Ramp(visit.plate, t + approach + s.holdMillis, 300, -s.forceGrams));
            } else if (visit.motion == Motion.TOUCH) {
                s.forceGrams = 5 + random.nextDouble() * 15;
                ramps.add(new Ramp(visit.plate, t + approach, 100, s.forceGrams));
                ramps.add(new Ramp(visit.plate, s.liftAt, 100, -s.forceGrams));
            } else {
                ramps.add(new Ramp(visit.plate, t + approach - 50, 100, s.forceGrams));
                ramps.add(new Ramp(visit.plate, s.liftAt, 150, -s.forceGrams));
            }
            s.motionEnd = s.liftAt + s.holdMillis + 150 + 300 + 200 + random.nextInt(600);
        }

        void move(Shopper s, long t) {
            Visit v = s.current;
            long approach = 300;
            long retractStart = s.liftAt + s.holdMillis + 100;
            double f;
            if (t < s.motionStart + approach) {
                f = (t - s.motionStart) / (double) approach;
            } else if (t < retractStart) {
                f = 1;
            } else {
                f = Math.max(0, 1 - (t - retractStart) / 300.0);
            }
            restWrists(s);
            double[] target = s.reachTarget;
            s.rx = s.rx + (target[0] - s.rx) * f;
            s.ry = s.ry + (target[1] - s.ry) * f;
            s.rz = s.rz + (target[2] - s.rz) * f;
            if (!s.lifted && t >= s.liftAt) {
                s.lifted = true;
                lift(s, v, t);
            }
            if (t >= s.motionEnd) {
                s.current = null;
                restWrists(s);
            }
        }

        void lift(Shopper s, Visit v, long t) {
            String plateId = plates.get(v.plate).id();
            if (v.motion == Motion.PICK) {
                TreeMap<String, List<Double>> units = stock.get(v.plate);
                String sku = chooseSku(units);
                List<Double> available = units.get(sku);
                int n = Math.min(v.units, available.size());
                if (n == 0) {
                    return;
                }
                double grams = 0;
                List<Unit> taken = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    double w = available.remove(available.size() - 1);
                    grams += w;
                    taken.add(new Unit(sku, w, false));
                }
                ramps.add(new Ramp(v.plate, t, 150, -grams));
                s.pays.merge(sku, n, Integer::sum);
                events.add(new TrueEvent(t, "pick", s.id, plateId, sku, n));
                afterPick(s, v, taken, t);
            } else if (v.motion == Motion.PUT) {
                double grams = 0;
                for (Unit u : v.returning) {
                    grams += u.grams();
                    stock.get(v.plate).computeIfAbsent(u.sku(), k -> new ArrayList<>()).add(u.grams());
                    s.held.remove(u);
                    s.pays.merge(u.sku(), -1, Integer::sum);
                }
                ramps.add(new Ramp(v.plate, t, 150, grams));
                boolean home = plates.get(v.plate).facings().stream()
                        .anyMatch(f -> f.sku().equals(v.returning.get(0).sku()));
                events.add(new TrueEvent(t, home ? "put-back" : "misplaced", s.id, plateId, v.returning.get(0).sku(),
                        -v.returning.size()));
            }
        }

        String chooseSku(TreeMap<String, List<Double>> units) {
            int total = units.values().stream().mapToInt(List::size).sum();
            if (total == 0) {
                return units.firstKey();
            }
            int k = random.nextInt(total);
            for (Map.Entry<String, List<Double>> e : units.entrySet()) {
                if (k < e.getValue().size()) {
                    return e.getKey();
                }
                k -= e.getValue().size();
            }
            return units.lastKey();
        }

        void afterPick(Shopper s, Visit v, List<Unit> taken, long t) {
            Unit unit = taken.get(0);
            double roll = random.nextDouble();
            if (roll < scenario.misplacedRate()) {
                int target = misplacedPlate(v.plate, unit.sku());
                Visit put = new Visit(target, Motion.PUT, 1);
                put.returning = List.of(unit);
                s.held.addAll(taken);
                insertLater(s, put);
                return;
            }
            if (roll < scenario.putBackRate()) {
                Visit put = new Visit(v.plate, Motion.PUT, 1);
                put.returning = List.of(unit);
                s.held.addAll(taken);
                s.plan.addFirst(put);
                return;
            }
            if (s.companion != null && random.nextDouble() < scenario.handOffRate()) {
                s.companion.held.add(new Unit(unit.sku(), unit.grams(), true));
                events.add(new TrueEvent(t, "hand-off", s.id, plates.get(v.plate).id(), unit.sku(), 1));
                s.held.addAll(taken.subList(1, taken.size()));
                return;
            }
            s.held.addAll(taken);
        }

        int misplacedPlate(int from, String sku) {
            double weight = products.get(sku).unitWeightGrams();
            if (random.nextDouble() < scenario.sameWeightMisplacedRate()) {
                List<Integer> twins = new ArrayList<>(platesByWeight.getOrDefault(weight, List.of()));
                twins.remove(Integer.valueOf(from));
                if (!twins.isEmpty()) {
                    return twins.get(random.nextInt(twins.size()));
                }
            }
            int target = from;
            while (target == from) {
                target = random.nextInt(plates.size());
            }
            return target;
        }

        void insertLater(Shopper s, Visit put) {
            List<Visit> rest = new ArrayList<>(s.plan);
            int at = rest.isEmpty() ? 0 : 1 + random.nextInt(rest.size());
            rest.add(Math.min(at, rest.size()), put);
            s.plan.clear();
            s.plan.addAll(rest);
        }

        void emitReadings(long t) {
            for (Iterator<Ramp> it = ramps.iterator(); it.hasNext(); ) {
                Ramp r = it.next();
                if (t >= r.start() + r.durationMillis()) {
                    base[r.plate()] += r.grams();
                    it.remove();
                }
            }
            double minutesIn = (t - START_MILLIS) / 60_000.0;
            for (Ramp r : ramps) {
                if (t > r.start()) {
                    inTransit[r.plate()] += r.grams() * (t - r.start()) / (double) r.durationMillis();
                }
            }
            for (int i = 0; i < base.length; i++) {
                double grams = base[i] + inTransit[i] + driftPerMilli[i] * (t - START_MILLIS)
                        + Math.sin(minutesIn / 3 + i) * 1.5 + noise.nextGaussian() * scenario.noiseGrams();
                inTransit[i] = 0;
                send(t + random.nextInt(21), new ShelfReading(plates.get(i).id(), t, grams));
            }
        }

        void emitObservations(long t) {
            for (Shopper s : shoppers) {
                if (s.exitMillis == Long.MIN_VALUE && layout.exit().contains(s.x, s.y)) {
                    s.exitMillis = t;
                }
                sink.pose(new ShopperPose(s.id, t, new FloorPoint(s.x, s.y), new StorePoint(s.lx, s.ly, s.lz),
                        new StorePoint(s.rx, s.ry, s.rz)));
                if (random.nextDouble() < scenario.dropRate()) {
                    continue;
                }
                boolean nearEntry = s.x < 3.5 && s.y < 3.5;
                if (!nearEntry && random.nextDouble() < scenario.idSwitchesPerMinute() / (60.0 * HZ / OBSERVATION_EVERY)) {
                    s.trackId = s.id + "~" + (++s.switches);
                    s.trackIds.add(s.trackId);
                }
                double pn = scenario.positionNoiseMeters();
                double wn = scenario.wristNoiseMeters();
                FloorPoint position = new FloorPoint(s.x + random.nextGaussian() * pn, s.y + random.nextGaussian() * pn);
                Optional<StorePoint> left = random.nextDouble() < scenario.dropRate() ? Optional.empty()
                        : Optional.of(new StorePoint(s.lx + random.nextGaussian() * wn, s.ly + random.nextGaussian() * wn,
                        s.lz + random.nextGaussian() * wn));
                Optional<StorePoint> right = random.nextDouble() < scenario.dropRate() ? Optional.empty()
                        : Optional.of(new StorePoint(s.rx + random.nextGaussian() * wn, s.ry + random.nextGaussian() * wn,
                        s.rz + random.nextGaussian() * wn));
                long observedAt = t + scenario.skewMillis();
                send(t + 30 + random.nextInt(121), new ShopperObservation(s.trackId, observedAt, position, left, right));
            }
        }

        void send(long arrivalMillis, Object event) {
            inFlight.add(new Pending(arrivalMillis, sequence++, event));
        }

        void deliver(long now) {
            while (!inFlight.isEmpty() && inFlight.peek().arrivalMillis() <= now) {
                Object event = inFlight.poll().event();
                if (event instanceof ShelfReading reading) {
                    sink.reading(reading);
                } else if (event instanceof EntryEvent entry) {
                    sink.entry(entry);
                } else {
                    sink.observation((ShopperObservation) event);
                }
            }
        }
    }
}
