package io.aisle.training.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignalWeightsTest {

    @Test
    void readsBothWeightsAndKeepsTheDefaultOfOneLeftOut() {
        assertEquals(new SignalWeights(0.05, 0.5), SignalWeights.parse("view=0.05, cart=0.5"));
        assertEquals(new SignalWeights(0, SignalWeights.DEFAULT.cart()), SignalWeights.parse("view=0"));
        assertEquals(1.0, SignalWeights.parse("cart=1").weight(Signal.PURCHASE));
    }

    @Test
    void writesTheLabelItReads() {
        SignalWeights weights = new SignalWeights(0.25, 1);
        assertEquals("view=0.25,cart=1", weights.label());
        assertEquals(weights, SignalWeights.parse(weights.label()));
    }

    @Test
    void givesEachEventItsSignalsWeightAndSkipsEventsOfWeightZero() {
        JsonLineParser parser = new JsonLineParser("acme", Set.of("view", "cart", "purchase"), new SignalWeights(0, 0.4));
        ParsedLine view = parser.parse(1, "{\"tenant\":\"acme\",\"user\":\"u1\",\"item\":\"i2\",\"type\":\"view\",\"ts\":5}");
        ParsedLine cart = parser.parse(2, "{\"tenant\":\"acme\",\"user\":\"u1\",\"item\":\"i2\",\"type\":\"cart\",\"ts\":5}");

        assertTrue(!view.isBad() && view.interactions().isEmpty(), view.describe());
        List<Interaction> carts = cart.interactions();
        assertEquals(Signal.CART, carts.get(0).signal());
        assertEquals(0.4, carts.get(0).signalWeight());
        assertTrue(!carts.get(0).isPurchase());
    }
}
