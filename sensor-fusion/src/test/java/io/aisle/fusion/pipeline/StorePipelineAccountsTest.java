package io.aisle.fusion.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.fusion.account.EntryEvent;
import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.engine.FusionSettings;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.reading.ShelfReading;
import io.aisle.fusion.testing.Replays;
import io.aisle.fusion.testing.ScriptedSession;
import io.aisle.fusion.testing.TestStores;
import io.aisle.vision.observation.ShopperObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StorePipelineAccountsTest {

    private static final long T0 = ScriptedSession.T0;
    private final StoreLayout layout = TestStores.small();

    /** Ana enters alone and buys tea; later Ben and Cy enter together, Ben buys oats and Cy soup. */
    private List<Object> session() {
        return new ScriptedSession(layout, 2.0, 42)
                .enter("a", 0, 2).reach("a", "P2", 3_500, 4_150).weight("P2", 4_000, -120).exit("a", 9_000)
                .enter("b", 20_000, 1).enter("c", 20_200, 4)
                .reach("b", "P1", 23_500, 24_150).weight("P1", 24_000, -350)
                .reach("c", "P4", 25_500, 26_150).weight("P4", 26_000, -500)
                .exit("b", 30_000).exit("c", 31_000).render(36_000);
    }

    private static List<EntryEvent> entries() {
        return List.of(new EntryEvent(StoreLayout.ENTRY_GATE, "acct-ana", T0 + 200),
                new EntryEvent(StoreLayout.ENTRY_GATE, "acct-ben", T0 + 20_000),
                new EntryEvent(StoreLayout.ENTRY_GATE, "acct-cy", T0 + 20_100));
    }

    private static void feed(StorePipeline pipeline, List<Object> inputs, List<EntryEvent> entries) {
        List<EntryEvent> waiting = new ArrayList<>(entries);
        for (Object input : inputs) {
            while (!waiting.isEmpty() && waiting.get(0).atMillis() <= ScriptedSession.timestampOf(input)) {
                pipeline.accept(waiting.remove(0));
            }
            if (input instanceof ShelfReading reading) {
                pipeline.accept(reading);
            } else {
                pipeline.accept((ShopperObservation) input);
            }
        }
    }

    private List<Receipt> receipts(List<EntryEvent> entries) {
        StorePipeline pipeline = new StorePipeline(layout, FusionSettings.defaults(), Optional.empty());
        feed(pipeline, session(), entries);
        pipeline.finish();
        return Replays.receiptsIn(pipeline.drainOutputs());
    }

    @Test
    void receiptOfAShopperWhoEnteredAloneCarriesTheirAccount() {
        Receipt ana = Replays.receiptOf(receipts(entries()), "a");

        assertEquals("acct-ana", ana.account());
        assertFalse(ana.needsReview(), ana.reviewReasons().toString());
        assertEquals(1, ana.quantityOf("TEA"));
    }

    @Test
    void receiptsOfShoppersWhoEnteredTogetherAreHeldWithBothCandidates() {
        List<Receipt> receipts = receipts(entries());

        for (String shopper : List.of("b", "c")) {
            Receipt receipt = Replays.receiptOf(receipts, shopper);
            assertNull(receipt.account());
            assertTrue(receipt.needsReview());
            assertTrue(receipt.reviewReasons().contains(StorePipeline.AMBIGUOUS_ENTRY), receipt.reviewReasons().toString());
            assertEquals(List.of("acct-ben", "acct-cy"), receipt.candidateAccounts());
        }
    }

    @Test
    void receiptOfAShopperWithoutAnEntryIsHeldAsUnbound() {
        Receipt ana = Replays.receiptOf(receipts(entries().subList(1, 3)), "a");

        assertNull(ana.account());
        assertEquals(List.of(StorePipeline.UNBOUND), ana.reviewReasons());
    }

    @Test
    void storeWhoseGatesReportNoEntriesBindsNothingAndHoldsNothing() {
        for (Receipt receipt : receipts(List.of())) {
            assertNull(receipt.account());
            assertFalse(receipt.reviewReasons().contains(StorePipeline.UNBOUND));
        }
    }

    @Test
    void restoredPipelineBindsAsAnUninterruptedOne() {
        List<Object> inputs = session();
        List<EntryEvent> entries = entries();
        int cut = inputs.size() / 3;
        StorePipeline first = new StorePipeline(layout, FusionSettings.defaults(), Optional.empty());
        feed(first, inputs.subList(0, cut), entries.subList(0, 1));
        PipelineSnapshot snapshot = first.snapshot();
        StorePipeline restored = StorePipeline.restore(layout, FusionSettings.defaults(), Optional.empty(), snapshot,
                () -> {
                    throw new AssertionError("no cameras");
                });
        assertArrayEquals(snapshot.accountSnapshot(), restored.snapshot().accountSnapshot());
        List<Receipt> drained = Replays.receiptsIn(restored.drainOutputs());
        feed(restored, inputs.subList(cut, inputs.size()), entries.subList(1, 3));
        restored.finish();
        drained.addAll(Replays.receiptsIn(restored.drainOutputs()));

        assertEquals(receipts(entries), drained);
    }
}
