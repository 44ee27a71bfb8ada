package io.pilotlight.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The report a person reads: the HTML page's header, its timeline chart as SVG, and the page as headless Chromium renders it. */
class DrillReportsTest {
    private static final long FAULT = Instant.parse("2026-12-05T07:10:03Z").toEpochMilli();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ReportContext CONTEXT = new ReportContext(Instant.parse("2026-12-05T07:09:40Z"), "pilotlight 0.9.0-test",
            Path.of("examples/pilot-light-lab.yaml"), Path.of(".pilotlight/drills/2026-12-05T07-09-40Z"));

    /** A region outage: 7 s with no success at all, two seconds of partial recovery, then 31 s of full success. */
    private static List<Double> outage() {
        List<Double> seconds = new ArrayList<>(List.of(0.6, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.4, 0.9));
        while (seconds.size() < 40) {
            seconds.add(1.0);
        }
        return seconds;
    }

    private static List<Milestone> milestones(long... at) {
        String[] names = {"detected", "decided", "promoted", "compute ready", "DNS answer changed", "first client success", "sustained"};
        List<Milestone> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            out.add(new Milestone(names[i], at[i], "evidence of " + names[i]));
        }
        return out;
    }

    private static DrillReport report(long objectiveRtoMillis, List<Milestone> milestones) {
        List<RtoBreakdown.Term> terms = List.of(new RtoBreakdown.Term("detection", 2_800, 2_000, "fault → detected"),
                new RtoBreakdown.Term("decision delay", 1_000, 1_100, "detected → decided"));
        return new DrillReport("shop-api-lab", "region-outage", "us-east-1", FAULT, objectiveRtoMillis, 18_800, 9_000, 300_000, 632,
                List.of(new AckedWrite("k1", "v1", FAULT - 40), new AckedWrite("k2", "v2", FAULT - 10)), 40, milestones, outage(),
                List.of(), terms, null);
    }

    private static DrillReport typical() {
        return report(30_000, milestones(2_000, 3_100, 3_300, 3_800, 4_800, 5_800, 9_000));
    }

    private static Document svg(DrillReport report) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(TimelineChart.svg(report).getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> rects(Document svg, String cssClass) {
        List<Element> out = new ArrayList<>();
        NodeList all = svg.getElementsByTagName("rect");
        for (int i = 0; i < all.getLength(); i++) {
            Element rect = (Element) all.item(i);
            if (cssClass.equals(rect.getAttribute("class"))) {
                out.add(rect);
            }
        }
        return out;
    }

    private static double attr(Element element, String name) {
        return Double.parseDouble(element.getAttribute(name));
    }

    @Test
    void milestonesAtTheSameSecondGetLabelsThatNeverOverlapAndStayInsideTheChart() {
        DrillReport sameSecond = report(30_000, milestones(3_000, 3_000, 3_000, 3_000, 3_000, 3_000, 3_000));
        List<TimelineChart.LabelBox> labels = TimelineChart.placeLabels(sameSecond.milestones(), TimelineChart.scale(sameSecond), 200);
        assertThat(labels).hasSize(7);
        for (TimelineChart.LabelBox a : labels) {
            assertThat(a.x()).isGreaterThanOrEqualTo(0);
            assertThat(a.x() + a.width()).isLessThanOrEqualTo(TimelineChart.WIDTH);
            assertThat(a.y()).isGreaterThanOrEqualTo(0);
            for (TimelineChart.LabelBox b : labels) {
                if (a != b) {
                    assertThat(a.overlaps(b)).as(a + " overlaps " + b).isFalse();
                }
            }
        }
    }

    @Test
    void noLeaderLineRunsThroughAnotherMilestonesLabel() {
        DrillReport report = typical();
        List<TimelineChart.LabelBox> labels = TimelineChart.placeLabels(report.milestones(), TimelineChart.scale(report), 200);
        for (TimelineChart.LabelBox upper : labels) {
            for (TimelineChart.LabelBox lower : labels) {
                if (lower.y() > upper.y()) { // the upper label's leader runs down past the lower label's row
                    assertThat(upper.markerX() > lower.x() && upper.markerX() < lower.x() + lower.width())
                            .as(upper.text() + "'s leader crosses " + lower.text()).isFalse();
                }
            }
        }
    }

    @Test
    void labelsOfMilestonesNearTheRightEdgeOrCloseTogetherNeverOverlapEither() {
        DrillReport crowded = report(30_000, milestones(39_000, 39_100, 39_200, 1_000, 1_050, 1_100, 39_900));
        List<TimelineChart.LabelBox> labels = TimelineChart.placeLabels(crowded.milestones(), TimelineChart.scale(crowded), 200);
        for (TimelineChart.LabelBox a : labels) {
            assertThat(a.x() + a.width()).as(a.text()).isLessThanOrEqualTo(TimelineChart.WIDTH);
            labels.stream().filter(b -> b != a).forEach(b -> assertThat(a.overlaps(b)).as(a + " / " + b).isFalse());
        }
    }

    @Test
    void everySecondIsABarAndASecondWithNoSuccessIsAFullHeightRedBar() throws Exception {
        Document svg = svg(typical());
        List<Element> failed = rects(svg, "failed");
        List<Element> succeeded = rects(svg, "succeeded");
        // 9 seconds had failures (0.6, six 0.0, 0.4, 0.9); 33 had successes (0.6, 0.4, 0.9 and 31 full)
        assertThat(failed).hasSize(9);
        assertThat(succeeded).hasSize(34);
        Element second1 = failed.get(1);
        assertThat(second1.getAttribute("fill")).isEqualTo(TimelineChart.RED);
        assertThat(attr(second1, "height")).as("0 % success is drawn, not left blank").isEqualTo(TimelineChart.PLOT_HEIGHT);
        assertThat(attr(second1, "width")).isPositive();
        assertThat(succeeded.get(1).getAttribute("fill")).as("40 % success").isEqualTo(TimelineChart.AMBER);
        assertThat(succeeded.get(succeeded.size() - 1).getAttribute("fill")).isEqualTo(TimelineChart.GREEN);
    }

    @Test
    void theChartHasAxesFromT0TheRtoSpanTheObjectiveAndALegend() throws Exception {
        String svg = TimelineChart.svg(typical());
        Document doc = svg(typical());
        Element root = doc.getDocumentElement();
        assertThat(root.getAttribute("viewBox")).startsWith("0 0 1000 ");
        assertThat(root.getAttribute("width")).isEqualTo("100%");
        assertThat(svg).contains(">t0<").contains(">10s<").contains(">40s<").contains("seconds after the fault (t0)")
                .contains(">0 %<").contains(">100 %<").contains("RTO measured 9s").contains("RTO objective 30s")
                .contains("≥ 99 % succeeded").contains("milestone");
        assertThat(rects(doc, "rto")).hasSize(1);
        assertThat(doc.getElementsByTagName("line").getLength()).isGreaterThan(20);
    }

    @Test
    void anObjectiveFarBeyondTheDrillIsNamedAtTheEdgeInsteadOfSquashingTheChart() {
        DrillReport report = report(1_800_000, milestones(2_000, 3_100, 3_300, 3_800, 4_800, 5_800, 9_000));
        assertThat(TimelineChart.scale(report).seconds()).isEqualTo(40);
        assertThat(TimelineChart.svg(report)).contains("RTO objective 30m, beyond this chart");
    }

    @Test
    void clientsThatNeverRecoveredAreShownAsAnUnfinishedRtoSpanAndMilestonesNotReached() {
        List<Milestone> milestones = new ArrayList<>(milestones(2_000, 3_100, 3_300, 3_800, 4_800, -1, -1));
        DrillReport report = new DrillReport("shop-api-lab", "region-outage", "us-east-1", FAULT, 30_000, 18_800, -1, 300_000, 10,
                List.of(), 0, milestones, java.util.Collections.nCopies(20, 0.0), List.of(), List.of(), null);
        String svg = TimelineChart.svg(report);
        assertThat(svg).contains("not recovered within 20s").contains("not reached: first client success, sustained");
        assertThat(DrillReports.html(report, CONTEXT)).contains("not recovered");
    }

    @Test
    void theHeaderNamesWhenWhatAndWithWhichVersionAndTheObjectivesAsWritten() {
        String html = DrillReports.html(report(1_800_000, typical().milestones()), CONTEXT);
        assertThat(html).contains("2026-12-05 07:10:03 UTC").contains("pilotlight 0.9.0-test")
                .contains("examples/pilot-light-lab.yaml").contains("region-outage of us-east-1")
                .contains("2 of 632 acknowledged writes").contains("<td>30m</td>").contains("<td>5m</td>")
                .doesNotContain("1800.0").doesNotContain("300.0 s");
        Map<String, Object> json = DrillReports.json(typical(), CONTEXT);
        assertThat(json).containsEntry("at", "2026-12-05T07:10:03Z").containsEntry("pilotlight_version", "pilotlight 0.9.0-test")
                .containsEntry("report", Map.of("html", CONTEXT.html().toString(), "json", CONTEXT.json().toString()));
    }

    /**
     * The page as a person sees it: rendered by headless Chromium to a PNG, which must show the outage
     * as red bars left of the green recovery. The PNG stays in target/ to be looked at.
     */
    @Test
    void headlessChromiumRendersTheOutageAsRedBarsBeforeTheGreenRecovery(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: " + CHROMIUM + " is missing; install Debian's chromium"
                + " (apt-get install chromium, as .ci/run does) to render the report in a browser");
        Path html = dir.resolve("report.html");
        Files.writeString(html, DrillReports.html(typical(), CONTEXT));
        Path png = Path.of("target", "drill-report-screenshot.png").toAbsolutePath();
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile"), "--screenshot=" + png, "--window-size=1280,900",
                html.toUri().toString()).redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        assertThat(chromium.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(png).as(Files.readString(dir.resolve("chromium.log"))).exists();

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        long red = 0;
        long green = 0;
        long amber = 0;
        long nonWhite = 0;
        double redX = 0;
        double greenX = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                nonWhite += r + g + b < 720 ? 1 : 0;
                if (near(r, g, b, 0xd9, 0x30, 0x25)) {
                    red++;
                    redX += x;
                } else if (near(r, g, b, 0x2e, 0x9d, 0x46)) {
                    green++;
                    greenX += x;
                } else if (near(r, g, b, 0xf0, 0xa0, 0x20)) {
                    amber++;
                }
            }
        }
        assertThat(nonWhite).as("not a blank page").isGreaterThan(20_000);
        assertThat(red).as("the outage's seconds are red bars").isGreaterThan(5_000);
        assertThat(green).as("the recovery is green").isGreaterThan(20_000);
        assertThat(amber).as("partial seconds are amber").isGreaterThan(500);
        assertThat(redX / red).as("the outage (red) comes before the recovery (green)").isLessThan(greenX / green);
    }

    private static boolean near(int r, int g, int b, int wr, int wg, int wb) {
        return Math.abs(r - wr) < 24 && Math.abs(g - wg) < 24 && Math.abs(b - wb) < 24;
    }
}
