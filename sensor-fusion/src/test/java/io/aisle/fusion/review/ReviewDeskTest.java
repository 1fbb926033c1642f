package io.aisle.fusion.review;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.cart.ReceiptLine;
import io.aisle.fusion.cart.ReviewEvidence;
import io.aisle.fusion.testing.CodecRoundTrip;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReviewDeskTest {

    private static final long DECIDED_AT = 1_767_225_700_000L;

    private static Receipt flagged(String shopper) {
        ReviewEvidence evidence = new ReviewEvidence(4, "P2", 1_767_225_604_000L, -121.5,
                List.of(new ReviewEvidence.Candidate(Map.of("TEA", 1), 0.97)), Map.of(shopper, 0.55, "other", 0.45));
        return new Receipt(shopper, List.of(shopper), 1_767_225_609_000L, 1_767_225_610_000L,
                List.of(new ReceiptLine("TEA", 1, 0.53)), true,
                List.of("a pick could not be attributed with certainty between shoppers"), List.of(evidence));
    }

    private static Receipt clean(String shopper) {
        return new Receipt(shopper, List.of(shopper), 1_767_225_609_000L, 1_767_225_610_000L,
                List.of(new ReceiptLine("OATS", 2, 0.99)), false, List.of());
    }

    private static ReviewRequest confirm(long number) {
        return new ReviewRequest(number, AdjustmentKind.CONFIRMED, List.of(), "", DECIDED_AT);
    }

    private static ReviewRequest correct(long number, ReceiptLine... lines) {
        return new ReviewRequest(number, AdjustmentKind.CORRECTED, List.of(lines), "seen on camera 2", DECIDED_AT);
    }

    private static ReviewRequest dispute(long number, ReceiptLine... lines) {
        return new ReviewRequest(number, AdjustmentKind.DISPUTED, List.of(lines), "I put one back", DECIDED_AT);
    }

    @Test
    void opensAReviewForAFlaggedReceiptOnly() {
        ReviewDesk desk = new ReviewDesk(10);
        desk.issued(1, clean("a"));
        desk.issued(2, flagged("b"));

        assertEquals(List.of(2L), List.copyOf(desk.openReviews().keySet()));
        assertEquals(flagged("b"), desk.openReviews().get(2L));
    }

    @Test
    void confirmingAReviewIssuesTheSameLinesAsADecidedReceiptAndClosesIt() {
        ReviewDesk desk = new ReviewDesk(10);
        desk.issued(1, flagged("b"));

        ReviewDecision decision = desk.decide(confirm(1), 2);

        Adjustment adjustment = assertInstanceOf(ReviewDecision.Adjusted.class, decision).adjustment();
        assertEquals(2, adjustment.number());
        assertEquals(1, adjustment.adjusts());
        assertEquals(AdjustmentKind.CONFIRMED, adjustment.kind());
        assertEquals(List.of(new ReceiptLine("TEA", 1, 1.0)), adjustment.receipt().lines());
        assertEquals("b", adjustment.receipt().shopperId());
        assertFalse(adjustment.receipt().needsReview());
        assertEquals(DECIDED_AT, adjustment.receipt().issuedAtMillis());
        assertTrue(desk.openReviews().isEmpty());
        assertEquals(Optional.of(2L), desk.findAdjustment(1));
    }

    @Test
    void correctingAReviewReplacesTheLinesInSkuOrder() {
        ReviewDesk desk = new ReviewDesk(10);
        desk.issued(1, flagged("b"));

        Adjustment adjustment = ((ReviewDecision.Adjusted) desk.decide(
                correct(1, new ReceiptLine("TEA", 2, 1.0), new ReceiptLine("OATS", 1, 1.0)), 2)).adjustment();

        assertEquals(List.of(new ReceiptLine("OATS", 1, 1.0), new ReceiptLine("TEA", 2, 1.0)), adjustment.receipt().lines());
        assertEquals("seen on camera 2", adjustment.note());
    }

    @Test
    void refusesASecondResolutionOfTheSameReviewNamingTheFirstAdjustment() {
        ReviewDesk desk = new ReviewDesk(10);
        desk.issued(1, flagged("b"));
        desk.decide(confirm(1), 2);

        ReviewDecision again = desk.decide(correct(1, new ReceiptLine("TEA", 2, 1.0)), 3);

        assertEquals(new ReviewDecision.AlreadyAdjusted(2), again);
    }

    @Test
    void knowsNoReviewOfAReceiptThatWasNotFlagged() {
        ReviewDesk desk = new ReviewDesk(10);
        desk.issued(1, clean("a"));

        assertEquals(new ReviewDecision.Unknown(), desk.decide(confirm(1), 2));
        assertEquals(new ReviewDecision.Unknown(), desk.decide(confirm(7), 2));
    }

    @Test
    void answersADisputeOfAnUnflaggedReceiptWithTheShoppersLines() {
        ReviewDesk desk = new ReviewDesk(10);
        desk.issued(1, clean("a"));

        Adjustment adjustment = ((ReviewDecision.Adjusted) desk.decide(dispute(1, new ReceiptLine("OATS", 1, 1.0)), 2))
                .adjustment();

        assertEquals(AdjustmentKind.DISPUTED, adjustment.kind());
        assertEquals(List.of(new ReceiptLine("OATS", 1, 1.0)), adjustment.receipt().lines());
    }

    @Test
    void aDisputeOfAFlaggedReceiptClosesItsReview() {
        ReviewDesk desk = new ReviewDesk(10);
        desk.issued(1, flagged("b"));

        desk.decide(dispute(1), 2);

        assertTrue(desk.openReviews().isEmpty());
        assertEquals(new ReviewDecision.AlreadyAdjusted(2), desk.decide(confirm(1), 3));
    }

    @Test
    void anAdjustedReceiptMayItselfBeDisputed() {
        ReviewDesk desk = new ReviewDesk(10);
        desk.issued(1, flagged("b"));
        desk.decide(confirm(1), 2);

        ReviewDecision decision = desk.decide(dispute(2), 3);

        assertEquals(2, assertInstanceOf(ReviewDecision.Adjusted.class, decision).adjustment().adjusts());
    }

    @Test
    void forgetsOldReceiptsButKeepsOpenReviewsAndAdjustments() {
        ReviewDesk desk = new ReviewDesk(2);
        desk.issued(1, flagged("a"));
        desk.issued(2, clean("b"));
        desk.decide(dispute(2), 3);
        desk.issued(4, clean("c"));
        desk.issued(5, clean("d"));

        assertEquals(new ReviewDecision.Unknown(), desk.decide(dispute(3), 6));
        assertEquals(List.of(1L), List.copyOf(desk.openReviews().keySet()));
        assertEquals(new ReviewDecision.AlreadyAdjusted(3), desk.decide(dispute(2), 6));
        assertInstanceOf(ReviewDecision.Adjusted.class, desk.decide(confirm(1), 6));
    }

    @Test
    void readsBackFromItsCodecWithEveryReviewAndAdjustment() {
        ReviewDesk desk = new ReviewDesk(3);
        desk.issued(1, flagged("a"));
        desk.issued(2, flagged("b"));
        desk.decide(confirm(2), 3);

        ReviewDesk read = CodecRoundTrip.roundTrip(ReviewDesk.codec(3), desk);

        assertArrayEquals(CodecRoundTrip.bytes(ReviewDesk.codec(3), desk), CodecRoundTrip.bytes(ReviewDesk.codec(3), read));
        assertEquals(desk.openReviews(), read.openReviews());
        assertEquals(new ReviewDecision.AlreadyAdjusted(3), read.decide(confirm(2), 4));
    }

    @Test
    void refusesAConfirmationThatNamesLines() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReviewRequest(1, AdjustmentKind.CONFIRMED, List.of(new ReceiptLine("TEA", 1, 1.0)), "", DECIDED_AT));

        assertTrue(e.getMessage().contains("confirmation"), e.getMessage());
    }

    private static Receipt ambiguousEntry(String shopper) {
        return clean(shopper).withAccount(null, List.of("acct-ben", "acct-cy")).withReviewReason("ambiguous entry");
    }

    @Test
    void resolvingAnAmbiguousEntryAssignsTheAccountTheReviewerNamed() {
        ReviewDesk desk = new ReviewDesk(10);
        desk.issued(1, ambiguousEntry("b"));

        ReviewDecision decision = desk.decide(new ReviewRequest(1, AdjustmentKind.CONFIRMED, List.of(), "", DECIDED_AT,
                "acct-cy"), 2);

        Receipt adjusted = assertInstanceOf(ReviewDecision.Adjusted.class, decision).adjustment().receipt();
        assertEquals("acct-cy", adjusted.account());
        assertEquals(List.of(), adjusted.candidateAccounts());
        assertEquals(2, adjusted.quantityOf("OATS"));
        assertTrue(desk.openReviews().isEmpty());
    }

    @Test
    void correctionWithoutAnAccountKeepsTheReceiptsAccount() {
        ReviewDesk desk = new ReviewDesk(10);
        desk.issued(1, flagged("a").withAccount("acct-ana", List.of()));

        Adjustment adjustment = ((ReviewDecision.Adjusted) desk.decide(correct(1, new ReceiptLine("TEA", 2, 1)), 2))
                .adjustment();

        assertEquals("acct-ana", adjustment.receipt().account());
    }

    @Test
    void refusesAnAccountOnADispute() {
        assertThrows(IllegalArgumentException.class,
                () -> new ReviewRequest(1, AdjustmentKind.DISPUTED, List.of(), "", DECIDED_AT, "acct-ana"));
    }

    @Test
    void keepsAccountsAndCandidatesAcrossItsCodec() {
        ReviewDesk desk = new ReviewDesk(10);
        desk.issued(1, ambiguousEntry("b"));
        desk.issued(2, clean("a").withAccount("acct-ana", List.of()));

        ReviewDesk restored = CodecRoundTrip.roundTrip(ReviewDesk.codec(10), desk);

        assertEquals(ambiguousEntry("b"), restored.openReviews().get(1L));
        assertInstanceOf(ReviewDecision.Adjusted.class, restored.decide(dispute(2), 3));
    }
}
