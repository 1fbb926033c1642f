package io.aisle.recommender.alsobought;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.recommender.catalog.ItemCatalog;
import io.aisle.recommender.format.ModelFormatException;
import io.aisle.recommender.scoring.ItemFilter;
import io.aisle.recommender.scoring.ScoredItem;
import io.aisle.recommender.testing.Catalogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlsoBoughtScorerTest {

    // 0 milk, 1 bread, 2 butter, 3 jam, 4 beer, 5 chips
    private static final ItemCatalog CATALOG = Catalogs.of("milk:dairy:90", "bread:bakery:80", "butter:dairy:40",
            "jam:spreads:30", "beer:drinks:70", "chips:snacks:20");
    private static final ItemNeighbours NEIGHBOURS = new ItemNeighbours(CATALOG, "test",
            new int[][] {{1, 2}, {2, 3}, {1}, {1}, {5}, {4}},
            new double[][] {{0.5, 0.2}, {0.4, 0.3}, {0.6}, {0.7}, {0.9}, {0.8}});
    private final AlsoBoughtScorer scorer = new AlsoBoughtScorer(NEIGHBOURS);

    private static List<String> ids(List<ScoredItem> items) {
        return items.stream().map(ScoredItem::itemId).toList();
    }

    @Test
    void ranksNeighboursOfOneItemBySimilarity() {
        assertEquals(List.of("bread", "butter"), ids(scorer.recommend(List.of("milk"), 2, ItemFilter.NONE)));
    }

    @Test
    void sumsSimilaritiesOverTheBasketAndNeverReturnsBasketItems() {
        // bread: 0.5 (milk) ; butter: 0.2 (milk) + 0.4 (bread) = 0.6 ; jam: 0.3 (bread)
        List<ScoredItem> result = scorer.recommend(List.of("milk", "bread"), 2, ItemFilter.NONE);
        assertEquals(List.of("butter", "jam"), ids(result));
        assertEquals(0.6, result.get(0).score(), 1e-12);
    }

    @Test
    void oneCallLeavesNothingBehindForTheNextOnTheSameThread() {
        List<ScoredItem> first = scorer.recommend(List.of("milk", "bread"), 3, ItemFilter.NONE);
        scorer.recommend(List.of("bread", "jam", "beer"), 6, ItemFilter.NONE);

        List<ScoredItem> again = scorer.recommend(List.of("milk", "bread"), 3, ItemFilter.NONE);

        assertEquals(first, again);
        assertEquals(0.6, again.get(0).score(), 1e-12);
    }

    @Test
    void oneItemIsAnsweredAsTheSameItemInABasketThatAddsNothing() {
        // Item 40 has no neighbours and is nobody's neighbour: adding it to a basket changes no sum, but takes
        // the general summing path instead of reading the one item's list directly.
        SplittableRandom random = new SplittableRandom(7);
        int size = 41;
        String[] entries = new String[size];
        for (int i = 0; i < size; i++) {
            entries[i] = "i" + i + ":c" + (i % 4) + ":" + (1 + random.nextInt(100));
        }
        ItemCatalog catalog = Catalogs.of(entries);
        int[][] indices = new int[size][];
        double[][] scores = new double[size][];
        for (int i = 0; i < size; i++) {
            List<Integer> others = new ArrayList<>();
            for (int j = 0; j < size - 1; j++) {
                if (j != i) {
                    others.add(j);
                }
            }
            Collections.shuffle(others, new Random(i));
            int length = i == size - 1 ? 0 : random.nextInt(12);
            indices[i] = others.subList(0, length).stream().mapToInt(Integer::intValue).toArray();
            // Few distinct values, so ties are common; one list may go below zero.
            scores[i] = new double[length];
            for (int n = 0; n < length; n++) {
                scores[i][n] = 0.25 * (4 - n / 3);
            }
        }
        AlsoBoughtScorer scorer = new AlsoBoughtScorer(new ItemNeighbours(catalog, "test", indices, scores));

        // The popularity top-up may name item 40 when it is not in the basket, so both leave it out.
        ItemFilter withoutIt = ItemFilter.NONE.withExcludedItems(Set.of("i40"));
        for (int i = 0; i < size - 1; i++) {
            for (ItemFilter filter : List.of(withoutIt, withoutIt.withCategory("c1"), ItemFilter.NONE.withExcludedItems(Set.of("i3", "i7", "i40")))) {
                int k = 1 + random.nextInt(10);
                assertEquals(scorer.recommend(List.of("i" + i, "i40"), k, filter), scorer.recommend(List.of("i" + i), k, filter), "item i" + i);
            }
        }
    }

    @Test
    void refusesAListThatNamesANeighbourTwice() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new ItemNeighbours(CATALOG, "test",
                new int[][] {{1, 2, 1}, {}, {}, {}, {}, {}}, new double[][] {{0.5, 0.2, 0.1}, {}, {}, {}, {}, {}}));
        assertEquals("item 'milk' lists neighbour 'bread' twice", error.getMessage());
    }

    @Test
    void dropsExcludedItemsAndKeepsOnlyTheRequestedCategory() {
        ItemFilter dairyOnly = ItemFilter.NONE.withCategory("dairy");
        assertEquals(List.of("butter", "milk"), ids(scorer.recommend(List.of("bread"), 2, dairyOnly)));
        ItemFilter noButter = ItemFilter.NONE.withExcludedItems(Set.of("butter"));
        assertEquals("jam", ids(scorer.recommend(List.of("bread"), 1, noButter)).get(0));
    }

    @Test
    void topsUpWithPopularItemsOfTheBasketCategoryThenOverall() {
        // butter's only neighbour is bread; then dairy by popularity (milk), then global (beer, jam...).
        assertEquals(List.of("bread", "milk", "beer"), ids(scorer.recommend(List.of("butter"), 3, ItemFilter.NONE)));
    }

    @Test
    void answersAnUnknownItemWithGlobalPopularity() {
        assertEquals(List.of("milk", "bread", "beer"), ids(scorer.recommend(List.of("caviar"), 3, ItemFilter.NONE)));
    }

    @Test
    void roundTripsThroughThePortableFile(@TempDir Path folder) {
        Path file = folder.resolve(ItemNeighboursFormat.FILE_NAME);
        ItemNeighboursFormat.write(NEIGHBOURS, file);
        AlsoBoughtScorer read = new AlsoBoughtScorer(ItemNeighboursFormat.read(file));
        assertEquals(scorer.recommend(List.of("milk", "beer"), 4, ItemFilter.NONE),
                read.recommend(List.of("milk", "beer"), 4, ItemFilter.NONE));
    }

    @Test
    void refusesAFileWhoseNeighbourNamesAnUnknownItem(@TempDir Path folder) throws IOException {
        Path file = folder.resolve(ItemNeighboursFormat.FILE_NAME);
        ItemNeighboursFormat.write(NEIGHBOURS, file);
        Files.writeString(file, Files.readString(file).replaceFirst("\"item\" : \"bread\",\n *\"score\"", "\"item\" : \"bred\", \"score\""));
        ModelFormatException error = assertThrows(ModelFormatException.class, () -> ItemNeighboursFormat.read(file));
        assertTrue(error.getMessage().startsWith("neighbours.json: items[0].neighbours[0].item names 'bred'"), error.getMessage());
    }

    @Test
    void refusesAFileWithANegativeCount(@TempDir Path folder) throws IOException {
        Path file = folder.resolve(ItemNeighboursFormat.FILE_NAME);
        ItemNeighboursFormat.write(NEIGHBOURS, file);
        Files.writeString(file, Files.readString(file).replaceFirst("\"count\" : 80", "\"count\" : -3"));
        ModelFormatException error = assertThrows(ModelFormatException.class, () -> ItemNeighboursFormat.read(file));
        assertEquals("neighbours.json: items[1].count must be an integer >= 0 but was -3", error.getMessage());
    }
}
