package org.wfmagentsync.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.wfmagentsync.sandbox.RequestLogEntry;

/** PNG charts of requests in flight and rejections over time, one line per strategy, from the simulator's request log. */
final class Charts {

    private static final Duration STEP = Duration.ofMillis(250);

    private Charts() {
    }

    static void write(String scenario, List<Figures> runs, Path inFlightPng, Path rejectionsPng) throws IOException {
        XYChart inFlight = chart(scenario + ": requests in flight", "requests in flight");
        XYChart rejections = chart(scenario + ": rejections (409 + 429) per second", "rejections per second");
        for (Figures run : runs) {
            if (run.log().isEmpty()) {
                continue;
            }
            Instant start = run.log().get(0).arrivalInstant();
            Instant end = run.log().stream().map(RequestLogEntry::answeredInstant).max(Instant::compareTo).orElse(start);
            List<Double> seconds = new ArrayList<>();
            List<Double> flying = new ArrayList<>();
            List<Double> refused = new ArrayList<>();
            for (Instant t = start; !t.isAfter(end); t = t.plus(STEP)) {
                Instant at = t;
                seconds.add(Duration.between(start, at).toMillis() / 1000.0);
                flying.add((double) run.log().stream().filter(entry -> !entry.arrivalInstant().isAfter(at)
                        && entry.answeredInstant().isAfter(at)).count());
                Instant secondAgo = at.minusSeconds(1);
                refused.add((double) run.log().stream().filter(entry -> (entry.status() == 409 || entry.status() == 429)
                        && entry.arrivalInstant().isAfter(secondAgo) && !entry.arrivalInstant().isAfter(at)).count());
            }
            inFlight.addSeries(run.strategy(), seconds, flying).setMarker(SeriesMarkers.NONE);
            rejections.addSeries(run.strategy(), seconds, refused).setMarker(SeriesMarkers.NONE);
        }
        BitmapEncoder.saveBitmap(inFlight, inFlightPng.toString(), BitmapEncoder.BitmapFormat.PNG);
        BitmapEncoder.saveBitmap(rejections, rejectionsPng.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(1400).height(500).title(title).xAxisTitle("seconds since the first request")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
        chart.getStyler().setXAxisTickMarkSpacingHint(80);
        return chart;
    }
}
