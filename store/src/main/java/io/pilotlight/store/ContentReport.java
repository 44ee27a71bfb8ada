package io.pilotlight.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nodes compared by content: nodes at the same last index must hold the same data (their
 * {@link ContentDigest}s agree in every range); a node at another index is not comparable yet.
 * Each group of nodes at one index is compared with the writer when it is in the group, else with its first node.
 */
public record ContentReport(List<Divergence> divergences, List<Agreement> agreements, List<Lagging> notComparable) {

    /** A node whose data differs from the reference node's at the same last index. */
    public record Divergence(String region, String reference, long lastIndex, List<String> ranges, long keys, long referenceKeys) {
        public String describe() {
            return region + " differs from " + reference + " in ranges " + ranges + " (" + keys + " keys vs " + referenceKeys + " keys"
                    + ") at index " + lastIndex;
        }
    }

    /** Nodes at one index with the same data. */
    public record Agreement(List<String> regions, long lastIndex) {
        public String describe() {
            return "identical across " + regions.size() + " nodes at index " + lastIndex + " " + regions;
        }
    }

    /** A node alone at its index: behind (or ahead of) the others, so not comparable until it catches up. */
    public record Lagging(String region, long lastIndex, String reference, long referenceIndex) {
        public String describe() {
            return region + " at index " + lastIndex + " is not comparable yet (lag: " + reference + " is at " + referenceIndex + ")";
        }
    }

    public ContentReport {
        divergences = List.copyOf(divergences);
        agreements = List.copyOf(agreements);
        notComparable = List.copyOf(notComparable);
    }

    public boolean diverged() {
        return !divergences.isEmpty();
    }

    /** @param digests by region, in display order; {@code writer} may be null or absent from them */
    public static ContentReport compare(Map<String, ContentDigest> digests, String writer) {
        Map<Long, List<String>> byIndex = new LinkedHashMap<>();
        digests.forEach((region, digest) -> byIndex.computeIfAbsent(digest.lastIndex(), i -> new ArrayList<>()).add(region));
        String head = writer != null && digests.containsKey(writer) ? writer
                : digests.entrySet().stream().max(Map.Entry.comparingByValue(java.util.Comparator.comparingLong(ContentDigest::lastIndex)))
                        .map(Map.Entry::getKey).orElse(null);
        List<Divergence> divergences = new ArrayList<>();
        List<Agreement> agreements = new ArrayList<>();
        List<Lagging> lagging = new ArrayList<>();
        for (Map.Entry<Long, List<String>> group : byIndex.entrySet()) {
            List<String> regions = group.getValue();
            if (regions.size() == 1) {
                if (!regions.get(0).equals(head)) {
                    lagging.add(new Lagging(regions.get(0), group.getKey(), head, digests.get(head).lastIndex()));
                }
                continue;
            }
            String reference = regions.contains(head) ? head : regions.get(0);
            ContentDigest expected = digests.get(reference);
            List<String> same = new ArrayList<>(List.of(reference));
            for (String region : regions) {
                if (region.equals(reference)) {
                    continue;
                }
                ContentDigest digest = digests.get(region);
                List<String> ranges = digest.differingFrom(expected).stream().map(ContentDigest.Range::range).toList();
                if (ranges.isEmpty()) {
                    same.add(region);
                } else {
                    divergences.add(new Divergence(region, reference, group.getKey(), ranges, digest.keys(), expected.keys()));
                }
            }
            if (same.size() > 1) {
                agreements.add(new Agreement(same, group.getKey()));
            }
        }
        return new ContentReport(divergences, agreements, lagging);
    }
}
