package io.aisle.fusion.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.testing.CodecRoundTrip;
import io.aisle.fusion.testing.TestStores;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountBindingTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final String GATE = StoreLayout.ENTRY_GATE;

    private final StoreLayout layout = TestStores.small();
    private final AccountBinding binding = new AccountBinding(layout.gates());

    /** A track first seen in the entry zone (0..1.5 x 0..1.5) at {@code atMillis}, then walking in. */
    private void walkIn(String trackId, long atMillis) {
        binding.observe(trackId, atMillis, 0.7, 0.7);
        binding.observe(trackId, atMillis + 1_000, 2.5, 3.0);
    }

    @Test
    void bindsTheOneTrackThatPassesTheGateAtTheEntry() {
        binding.accept(new EntryEvent(GATE, "acct-ana", T0));
        walkIn("t1", T0 + 300);

        assertEquals(new AccountOutcome.Bound("acct-ana"), binding.settle(List.of("t1")));
    }

    @Test
    void keepsAScanSentTwiceOnceSoItsShopperStaysBound() {
        binding.accept(new EntryEvent(GATE, "acct-ana", T0));
        binding.accept(new EntryEvent(GATE, "acct-ana", T0));
        walkIn("t1", T0 + 300);

        assertEquals(new AccountOutcome.Bound("acct-ana"), binding.settle(List.of("t1")));
        assertEquals(1, binding.entriesKept());
    }

    @Test
    void holdsTwoShoppersWhoEnterTogetherAsAmbiguousWithBothAccounts() {
        binding.accept(new EntryEvent(GATE, "acct-ana", T0));
        binding.accept(new EntryEvent(GATE, "acct-ben", T0 + 200));
        walkIn("t1", T0 + 300);
        walkIn("t2", T0 + 400);

        AccountOutcome first = binding.settle(List.of("t1"));
        AccountOutcome second = binding.settle(List.of("t2"));

        assertEquals(new AccountOutcome.Ambiguous(List.of("acct-ana", "acct-ben")), first);
        assertEquals(first, second, "settling one visit does not decide the other");
    }

    @Test
    void holdsAsAmbiguousOneEntryWithTwoTracksPassing() {
        binding.accept(new EntryEvent(GATE, "acct-ana", T0));
        walkIn("t1", T0 + 100);
        walkIn("t2", T0 + 500);

        assertEquals(new AccountOutcome.Ambiguous(List.of("acct-ana")), binding.settle(List.of("t1")));
    }

    @Test
    void bindsATrackThatAppearsAfterItsEntryWithinTheTolerance() {
        binding.accept(new EntryEvent(GATE, "acct-ana", T0));
        binding.observe("elsewhere", T0 + 300, 5, 5);
        walkIn("t1", T0 + AccountBinding.DEFAULT_TOLERANCE_MILLIS);

        assertEquals(new AccountOutcome.Bound("acct-ana"), binding.settle(List.of("t1")));
    }

    @Test
    void bindsAnEntryReportedAfterItsTrackPassed() {
        walkIn("t1", T0);
        binding.accept(new EntryEvent(GATE, "acct-ana", T0 + 400));

        assertEquals(new AccountOutcome.Bound("acct-ana"), binding.settle(List.of("t1")));
    }

    @Test
    void leavesATrackUnboundWhenItsEntryIsOutsideTheTolerance() {
        binding.accept(new EntryEvent(GATE, "acct-ana", T0));
        walkIn("t1", T0 + AccountBinding.DEFAULT_TOLERANCE_MILLIS + 1);

        assertEquals(new AccountOutcome.Unbound(), binding.settle(List.of("t1")));
    }

    @Test
    void leavesAnEntryPendingWhileNoTrackHasPassed() {
        binding.accept(new EntryEvent(GATE, "acct-ana", T0));
        binding.observe("inside", T0 + 200, 5, 5);

        assertEquals(new AccountOutcome.Unbound(), binding.settle(List.of("inside")), "a track first seen inside crossed no gate");
        assertEquals(1, binding.entriesKept());
        walkIn("t1", T0 + 450);
        assertEquals(new AccountOutcome.Bound("acct-ana"), binding.settle(List.of("t1")));
    }

    @Test
    void countsALaterTrackOfTheSameShopperAsThemNotAsSomeoneElse() {
        binding.accept(new EntryEvent(GATE, "acct-ana", T0));
        binding.observe("t1", T0 + 100, 0.7, 0.7);
        // An identity switch while still in the gate's cell: the registry links t9 to t1's visit.
        binding.observe("t9", T0 + 600, 0.9, 0.9);

        assertEquals(new AccountOutcome.Bound("acct-ana"), binding.settle(List.of("t1", "t9")));
    }

    @Test
    void refusesAnEntryAtAnUnknownGateAndKeepsNothing() {
        EntryEvent entry = new EntryEvent("back-door", "acct-ana", T0);

        assertTrue(binding.validate(entry).orElseThrow().contains("unknown gate back-door"));
        assertThrows(IllegalArgumentException.class, () -> binding.accept(entry));
        assertEquals(0, binding.entriesKept());
        assertFalse(binding.isBinding());
    }

    @Test
    void forgetsEntriesOlderThanTheRetention() {
        AccountBinding shortMemory = new AccountBinding(layout.gates(), 500, 60_000, 0.5);
        shortMemory.accept(new EntryEvent(GATE, "acct-ana", T0));
        shortMemory.observe("t1", T0 + 60_001, 5, 5);
        assertEquals(0, shortMemory.entriesKept());

        assertEquals(0, shortMemory.entriesKept());
        assertTrue(shortMemory.isBinding(), "the store's gates report, whatever is kept");
    }

    @Test
    void restoresFromItsCodecToTheSameBindingsAndBytes() {
        binding.accept(new EntryEvent(GATE, "acct-ana", T0));
        binding.accept(new EntryEvent(GATE, "acct-ben", T0 + 20_000));
        walkIn("t1", T0 + 100);
        binding.observe("t2", T0 + 19_900, 0.5, 0.5);

        AccountBinding restored = CodecRoundTrip.roundTrip(AccountBinding.codec(layout.gates()), binding);

        assertArrayEquals(CodecRoundTrip.bytes(AccountBinding.codec(layout.gates()), binding),
                CodecRoundTrip.bytes(AccountBinding.codec(layout.gates()), restored));
        assertEquals(new AccountOutcome.Bound("acct-ana"), restored.settle(List.of("t1")));
        assertEquals(new AccountOutcome.Bound("acct-ben"), restored.settle(List.of("t2")));
        assertTrue(restored.isBinding());
    }
}
