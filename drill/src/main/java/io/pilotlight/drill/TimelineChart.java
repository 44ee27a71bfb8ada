package io.pilotlight.drill;

import io.pilotlight.topology.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The drill's timeline as a self-contained SVG that scales to the page (viewBox): a time axis in
 * seconds from the fault (t0), a success-rate axis from 0 to 100 %, one stacked bar per second
 * (the share that succeeded in green when at least 99 %, amber when less; the share that failed in
 * red, so an outage is a red block, not white space), the measured RTO as a shaded, labelled span,
 * the RTO objective as a dashed vertical line, every milestone as a marker whose label sits in the
 * first row above the plot where it overlaps no other label, and a legend.
 */
final class TimelineChart {
    static final double WIDTH = 1000;
    static final double LEFT = 56;
    static final double RIGHT = 24;
    static final double PLOT_HEIGHT = 220;
    static final double ROW_HEIGHT = 18;
    static final double LABEL_HEIGHT = 15;
    static final double FONT_SIZE = 11;
    static final double CHAR_WIDTH = 6.4; // generous for 11 px sans-serif, so estimated boxes are never narrower than the text
    static final String GREEN = "#2e9d46";
    static final String AMBER = "#f0a020";
    static final String RED = "#d93025";
    static final String RTO_SHADE = "#3b78e7";

    /** A milestone label as placed: its box in viewBox units, and the marker it belongs to. */
    record LabelBox(String text, double markerX, double x, double y, double width, double height) {
        boolean overlaps(LabelBox other) {
            return x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height;
        }

        /** Whether the leader line of a label placed higher up runs down through this box. */
        boolean crossedBy(LabelBox higher) {
            return higher.y < y && higher.markerX > x && higher.markerX < x + width;
        }
    }

    /** The time scale: seconds from t0 to viewBox x. */
    record Scale(double seconds) {
        double x(double at) {
            return LEFT + at / seconds * (WIDTH - LEFT - RIGHT);
        }
    }

    private TimelineChart() {
    }

    /** How many seconds the axis spans: the data and the milestones, and the objective when it is not far beyond them. */
    static Scale scale(DrillReport report) {
        double span = Math.max(1, report.successPerSecond().size());
        for (Milestone m : report.milestones()) {
            span = Math.max(span, Math.ceil(m.atMillis() / 1000.0));
        }
        span = Math.max(span, Math.ceil(report.measuredRtoMillis() / 1000.0));
        double objective = report.objectiveRtoMillis() / 1000.0;
        if (objective > span && objective <= span * 1.5) {
            span = Math.ceil(objective) + 1;
        }
        return new Scale(span);
    }

    /**
     * Each milestone's label in the first row (counted upwards from the plot) where its box overlaps
     * no label placed before it. Labels are placed from the latest milestone to the earliest, and each
     * box starts just right of its marker (or ends at the chart's right edge when it would run past
     * it), so an earlier milestone's leader line, which runs down from a higher row, passes left of
     * every box below it instead of through it.
     */
    static List<LabelBox> placeLabels(List<Milestone> milestones, Scale scale, double plotTop) {
        List<Milestone> seen = milestones.stream().filter(m -> m.atMillis() >= 0)
                .sorted(Comparator.comparingLong(Milestone::atMillis).reversed()).toList();
        List<LabelBox> placed = new ArrayList<>();
        for (Milestone m : seen) {
            String text = m.name() + " " + seconds(m.atMillis());
            double markerX = scale.x(m.atMillis() / 1000.0);
            double width = text.length() * CHAR_WIDTH + 8;
            double x = Math.min(markerX + 1, WIDTH - width);
            x = Math.max(0, x);
            for (int row = 0; ; row++) {
                double y = plotTop - 24 - (row + 1) * ROW_HEIGHT;
                LabelBox candidate = new LabelBox(text, markerX, x, y, width, LABEL_HEIGHT);
                boolean leadersClear = row > seen.size() || placed.stream().noneMatch(other -> candidate.crossedBy(other) || other.crossedBy(candidate));
                if (placed.stream().noneMatch(candidate::overlaps) && leadersClear) {
                    placed.add(candidate);
                    break;
                }
            }
        }
        return placed;
    }

    /** How many rows the labels need, to size the chart before drawing it. */
    private static int rows(List<LabelBox> labels, double plotTop) {
        return labels.stream().mapToInt(l -> (int) Math.round((plotTop - 24 - l.y()) / ROW_HEIGHT)).max().orElse(0);
    }

    static String svg(DrillReport report) {
        Scale scale = scale(report);
        int rows = rows(placeLabels(report.milestones(), scale, 0), 0);
        double plotTop = 30 + rows * ROW_HEIGHT + 24;
        List<LabelBox> labels = placeLabels(report.milestones(), scale, plotTop);
        double plotBottom = plotTop + PLOT_HEIGHT;
        double height = plotBottom + 78;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"100%%\""
                + " preserveAspectRatio=\"xMidYMid meet\" role=\"img\" font-family=\"sans-serif\" font-size=\"%.0f\" class=\"timeline\">",
                WIDTH, height, FONT_SIZE));
        svg.append("<title>Request success per second after the fault, with the milestones and the RTO</title>");
        svg.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"#fff\"/>", WIDTH, height));
        yAxis(svg, scale, plotTop, plotBottom);
        bars(svg, report.successPerSecond(), scale, plotTop);
        rtoSpan(svg, report, scale, plotTop, plotBottom);
        xAxis(svg, scale, plotBottom);
        milestones(svg, labels, plotTop, plotBottom);
        objective(svg, report, scale, plotTop, plotBottom);
        legend(svg, report, plotBottom + 46);
        return svg.append("</svg>").toString();
    }

    private static void yAxis(StringBuilder svg, Scale scale, double top, double bottom) {
        for (int percent = 0; percent <= 100; percent += 25) {
            double y = bottom - percent / 100.0 * PLOT_HEIGHT;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>",
                    LEFT, WIDTH - RIGHT, y, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#444\">%d %%</text>",
                    LEFT - 6, y + 4, percent));
        }
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(12 %.1f) rotate(-90)\" text-anchor=\"middle\" fill=\"#444\">"
                + "requests succeeded</text>", (top + bottom) / 2));
    }

    /** One stacked bar per second: the share that succeeded at the bottom, the share that failed above it in red. */
    private static void bars(StringBuilder svg, List<Double> success, Scale scale, double top) {
        double slot = scale.x(1) - scale.x(0);
        double gap = slot >= 4 ? Math.min(2, slot * 0.15) : 0;
        for (int i = 0; i < success.size(); i++) {
            double ratio = success.get(i) == null ? 0 : Math.max(0, Math.min(1, success.get(i)));
            double x = scale.x(i) + gap / 2;
            double ok = ratio * PLOT_HEIGHT;
            String color = ratio >= RtoMeasure.SUCCESS_RATIO ? GREEN : AMBER;
            String tip = String.format(Locale.ROOT, "<title>%d–%d s: %.0f %% succeeded</title>", i, i + 1, ratio * 100);
            if (ratio < 1) {
                svg.append(String.format(Locale.ROOT, "<rect class=\"failed\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\">%s</rect>",
                        x, top, slot - gap, PLOT_HEIGHT - ok, RED, tip));
            }
            if (ratio > 0) {
                svg.append(String.format(Locale.ROOT, "<rect class=\"succeeded\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\">%s</rect>",
                        x, top + PLOT_HEIGHT - ok, slot - gap, ok, color, tip));
            }
        }
    }

    /** From t0 to the end of the measured RTO (or to the last second measured when clients never recovered): a shaded band. */
    private static void rtoSpan(StringBuilder svg, DrillReport report, Scale scale, double top, double bottom) {
        boolean recovered = report.measuredRtoMillis() >= 0;
        long measured = Math.max(1, report.successPerSecond().size());
        double end = recovered ? scale.x(report.measuredRtoMillis() / 1000.0) : scale.x(measured);
        String label = recovered ? "RTO measured " + Durations.format(Duration.ofMillis(report.measuredRtoMillis()))
                : "not recovered within " + Durations.format(Duration.ofSeconds(measured));
        double bandY = top - 20;
        svg.append(String.format(Locale.ROOT, "<rect class=\"rto\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"16\" fill=\"%s\" fill-opacity=\"0.18\""
                + " stroke=\"%s\"/>", LEFT, bandY, Math.max(1, end - LEFT), RTO_SHADE, RTO_SHADE));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\" fill-opacity=\"0.08\"/>",
                LEFT, top, Math.max(1, end - LEFT), bottom - top, RTO_SHADE));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.2f\" x2=\"%.2f\" y1=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" stroke-width=\"2\"/>",
                end, end, bandY, bottom, RTO_SHADE));
        double textX = Math.min(LEFT + 4, end);
        svg.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.2f\" font-weight=\"bold\" fill=\"#1a4fa8\">%s</text>",
                textX, bandY + 12, TimelineChart.escape(label)));
    }

    private static void xAxis(StringBuilder svg, Scale scale, double bottom) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>",
                LEFT, WIDTH - RIGHT, bottom, bottom));
        double step = tickStep(scale.seconds());
        for (double s = 0; s <= scale.seconds() + 1e-9; s += step) {
            double x = scale.x(s);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.2f\" x2=\"%.2f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>", x, x, bottom, bottom + 5));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#333\">%s</text>", x, bottom + 18,
                    s == 0 ? "t0" : tick(s)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#444\">seconds after the fault (t0)</text>",
                (LEFT + WIDTH - RIGHT) / 2, bottom + 34));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.2f\" x2=\"%.2f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#000\" stroke-width=\"2\"/>",
                LEFT, LEFT, bottom - PLOT_HEIGHT, bottom));
    }

    /** About ten ticks, on round numbers of seconds. */
    static double tickStep(double seconds) {
        for (double step : new double[] {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600}) {
            if (seconds / step <= 12) {
                return step;
            }
        }
        return Math.ceil(seconds / 12 / 3600) * 3600;
    }

    /** In seconds throughout, as the axis says (mixing 150s with 3m on one axis reads badly). */
    private static String tick(double seconds) {
        return String.format(Locale.ROOT, "%.0fs", seconds);
    }

    private static void milestones(StringBuilder svg, List<LabelBox> labels, double top, double bottom) {
        for (LabelBox label : labels) {
            // leader line from the label down to the plot, then the marker through the plot
            svg.append(String.format(Locale.ROOT, "<line class=\"leader\" x1=\"%.2f\" x2=\"%.2f\" y1=\"%.2f\" y2=\"%.2f\" stroke=\"#555\" stroke-dasharray=\"2 2\"/>",
                    label.markerX(), label.markerX(), label.y() + label.height(), top));
            svg.append(String.format(Locale.ROOT, "<line class=\"milestone\" x1=\"%.2f\" x2=\"%.2f\" y1=\"%.2f\" y2=\"%.2f\" stroke=\"#222\" stroke-width=\"1.5\"/>",
                    label.markerX(), label.markerX(), top, bottom));
            svg.append(String.format(Locale.ROOT, "<g class=\"label\"><rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" rx=\"3\" fill=\"#f4f4f4\" stroke=\"#888\"/>"
                    + "<text x=\"%.2f\" y=\"%.2f\" fill=\"#111\">%s</text></g>", label.x(), label.y(), label.width(), label.height(),
                    label.x() + 4, label.y() + 11.5, escape(label.text())));
        }
    }

    /** The RTO objective: a dashed line where it falls on the axis, or a note at the right edge when it lies beyond. */
    private static void objective(StringBuilder svg, DrillReport report, Scale scale, double top, double bottom) {
        double seconds = report.objectiveRtoMillis() / 1000.0;
        String text = "RTO objective " + Durations.format(Duration.ofMillis(report.objectiveRtoMillis()));
        if (seconds <= scale.seconds()) {
            double x = scale.x(seconds);
            svg.append(String.format(Locale.ROOT, "<line class=\"objective\" x1=\"%.2f\" x2=\"%.2f\" y1=\"%.2f\" y2=\"%.2f\" stroke=\"#7b1fa2\""
                    + " stroke-width=\"2.5\" stroke-dasharray=\"8 4\"/>", x, x, top, bottom));
            boolean leftOfLine = x > WIDTH - RIGHT - 140;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"%s\" fill=\"#7b1fa2\" font-weight=\"bold\""
                    + " stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">%s</text>", leftOfLine ? x - 4 : x + 4, top + 14,
                    leftOfLine ? "end" : "start", escape(text)));
        } else {
            svg.append(String.format(Locale.ROOT, "<text class=\"objective\" x=\"%.2f\" y=\"%.2f\" text-anchor=\"end\" fill=\"#7b1fa2\" font-weight=\"bold\""
                    + " stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">%s, beyond this chart →</text>", WIDTH - RIGHT - 2, top + 14, escape(text)));
        }
    }

    private static void legend(StringBuilder svg, DrillReport report, double y) {
        String[][] items = {
            {"rect", GREEN, "≥ 99 % succeeded"},
            {"rect", AMBER, "share that succeeded (< 99 %)"},
            {"rect", RED, "share that failed or got no answer"},
            {"band", RTO_SHADE, "measured RTO"},
            {"dash", "#7b1fa2", "RTO objective"},
            {"line", "#222", "milestone"}};
        double x = LEFT;
        for (String[] item : items) {
            switch (item[0]) {
                case "rect" -> svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>", x, y - 10, item[1]));
                case "band" -> svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\" fill-opacity=\"0.25\""
                        + " stroke=\"%s\"/>", x, y - 10, item[1], item[1]));
                case "dash" -> svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2.5\""
                        + " stroke-dasharray=\"4 2\"/>", x + 6, x + 6, y - 12, y + 3, item[1]));
                default -> svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.5\"/>",
                        x + 6, x + 6, y - 12, y + 3, item[1]));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#333\">%s</text>", x + 17, y, escape(item[2])));
            x += 17 + item[2].length() * 5.9 + 18;
        }
        List<String> missing = report.milestones().stream().filter(m -> m.atMillis() < 0).map(Milestone::name).toList();
        if (!missing.isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#b00\">not reached: %s</text>", LEFT, y + 20,
                    escape(String.join(", ", missing))));
        }
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
