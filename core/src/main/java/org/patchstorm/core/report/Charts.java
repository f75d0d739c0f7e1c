package org.patchstorm.core.report;

import static org.patchstorm.core.report.StandardColumns.*;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * PNG line charts of a run's time series with JFreeChart: x in hours of virtual time, 1200x600,
 * rendered headless. The output depends only on the data (no dates, fixed colours, locale-free
 * number formats).
 */
public final class Charts {

  static {
    // Before any AWT class needs a display: reports are rendered on servers and in CI.
    System.setProperty("java.awt.headless", "true");
  }

  public static final int WIDTH = 1200;
  public static final int HEIGHT = 600;

  // Colour-blind-friendly palette (Okabe-Ito), in series order.
  private static final Color[] PALETTE = {
      new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
      new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000)};

  private Charts() {}

  /**
   * Renders each spec into {@code dir} (created if needed). Columns missing from the series, or
   * without a single plottable value, are left out; a chart left with no column is not written.
   *
   * @return the files written, in spec order
   */
  public static List<Path> renderAll(TimeSeries ts, Path dir, List<ChartSpec> specs)
      throws IOException {
    return renderAll(ts, dir, specs, List.of(), List.of());
  }

  /**
   * As {@link #renderAll(TimeSeries, Path, List)}, with each overlay drawn dashed on the chart
   * it names, after the columns (an overlay without points is left out), and {@code markers}
   * drawn on every chart.
   */
  public static List<Path> renderAll(TimeSeries ts, Path dir, List<ChartSpec> specs,
      List<ChartOverlay> overlays, List<ChartMarker> markers) throws IOException {
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, byte[]> png : renderPngs(ts, specs, overlays, markers).entrySet()) {
      Path file = dir.resolve(png.getKey());
      Files.write(file, png.getValue());
      written.add(file);
    }
    return written;
  }

  /**
   * Each chart as PNG bytes by file name, in spec order, for the caller to write (the results
   * folder writes them atomically); the same rules as {@link #renderAll}.
   */
  public static Map<String, byte[]> renderPngs(TimeSeries ts, List<ChartSpec> specs,
      List<ChartOverlay> overlays, List<ChartMarker> markers) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Map<String, byte[]> pngs = new LinkedHashMap<>();
    double[] hours = ts.timeSeconds();
    for (int i = 0; i < hours.length; i++) {
      hours[i] /= 3600;
    }
    for (ChartSpec spec : specs) {
      XYSeriesCollection data = new XYSeriesCollection();
      for (String column : spec.columns()) {
        if (ts.hasColumn(column)) {
          XYSeries series = toSeries(column, hours, ts.column(column), spec.logY());
          if (series != null) {
            data.addSeries(series);
          }
        }
      }
      if (data.getSeriesCount() == 0) {
        continue;
      }
      int columnSeries = data.getSeriesCount();
      List<Boolean> overlayMarkers = new ArrayList<>();
      for (ChartOverlay overlay : overlays) {
        if (overlay.chartFile().equals(spec.fileName()) && overlay.hours().length > 0) {
          XYSeries series = toSeries(overlay.name(), overlay.hours(), overlay.values(), spec.logY());
          if (series != null) {
            data.addSeries(series);
            overlayMarkers.add(overlay.markers());
          }
        }
      }
      JFreeChart chart = chart(spec, data, columnSeries, overlayMarkers);
      mark(chart.getXYPlot(), markers);
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
      pngs.put(spec.fileName(), png.toByteArray());
    }
    return pngs;
  }

  /**
   * The standard charts that apply to the given columns (see {@link StandardColumns}), then the
   * charts by region; each keeps only the columns present, and charts with none are dropped.
   */
  public static List<ChartSpec> defaultSpecs(Set<String> availableColumns) {
    List<ChartSpec> candidates = new ArrayList<>(List.of(
        new ChartSpec("online.png", "Online and connected peers", "peers",
            List.of(ONLINE_PEERS, CONNECTED_PEERS), false),
        new ChartSpec("logins.png", "Log-ins per interval", "log-ins (log scale)",
            List.of(LOGIN_ATTEMPTS, LOGIN_SUCCESSES, LOGIN_TIMEOUTS), true),
        new ChartSpec("login_latency.png", "Log-in latency", "latency, ms (log scale)",
            List.of(LOGIN_LATENCY_P50, LOGIN_LATENCY_P99), true),
        new ChartSpec("supernodes.png", "Supernodes", "supernodes",
            List.of(SUPERNODES), false),
        new ChartSpec("supernode_load.png", "Supernode load", "clients per supernode",
            List.of(SUPERNODE_CLIENTS_MEAN, SUPERNODE_CLIENTS_MAX), false),
        new ChartSpec("login_queue.png", "Log-in queue", "queued requests",
            List.of(LOGIN_QUEUE_DEPTH), false),
        new ChartSpec("messages.png", "Messages per interval", "messages",
            List.of(MESSAGES_DELIVERED, MESSAGES_DROPPED), false),
        new ChartSpec("retries.png", "Retries per interval", "retries",
            List.of(RETRIES), false)));
    for (String[] region : new String[][] {
        {"regions_online.png", "Online peers by region", "peers", REGION_ONLINE},
        {"regions_presence_lost.png", "Presence / call-indicator updates lost, by region",
            "updates lost per interval", REGION_STATUS_FAILED},
        {"regions_im_latency.png", "IM latency by region", "latency, ms", REGION_IM_LATENCY},
        {"regions_search_latency.png", "Contact-search latency by region", "latency, ms",
            REGION_SEARCH_LATENCY}}) {
      List<String> columns = byRegion(availableColumns, region[3]);
      if (!columns.isEmpty()) {
        candidates.add(new ChartSpec(region[0], region[1], region[2], columns, false));
      }
    }
    List<ChartSpec> specs = new ArrayList<>();
    for (ChartSpec c : candidates) {
      List<String> present = c.columns().stream().filter(availableColumns::contains).toList();
      if (!present.isEmpty()) {
        specs.add(new ChartSpec(c.fileName(), c.title(), c.yLabel(), present, c.logY()));
      }
    }
    return specs;
  }

  /**
   * The regions' columns of a measure: those ending with {@code ending} with a region name before
   * it, sorted by name (the set has no order, and the legend's must not vary).
   */
  private static List<String> byRegion(Set<String> availableColumns, String ending) {
    return availableColumns.stream()
        .filter(c -> c.endsWith(ending))
        .sorted()
        .toList();
  }

  /** Dashed grey vertical lines at the markers' times (in hours, as the x axis), labelled. */
  private static void mark(XYPlot plot, List<ChartMarker> markers) {
    for (ValueMarker line : markerLines(markers)) {
      plot.addDomainMarker(line);
    }
  }

  /** Label rows the markers take in turn, so that labels of close events do not overwrite. */
  static final int MARKER_LABEL_ROWS = 3;

  static List<ValueMarker> markerLines(List<ChartMarker> markers) {
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    List<ValueMarker> lines = new ArrayList<>();
    for (int i = 0; i < markers.size(); i++) {
      ChartMarker m = markers.get(i);
      ValueMarker line = new ValueMarker(m.timeSeconds() / 3600, new Color(0x777777),
          new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
              new float[] {6, 4}, 0));
      line.setLabel(m.label());
      line.setLabelFont(font);
      line.setLabelPaint(new Color(0x444444));
      line.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
      line.setLabelTextAnchor(TextAnchor.TOP_LEFT);
      line.setLabelOffset(new RectangleInsets(3 + 16 * (i % MARKER_LABEL_ROWS), 3, 3, 3));
      lines.add(line);
    }
    return lines;
  }

  /** A series with NaN (and, on a log axis, non-positive values) as gaps; null if all are. */
  private static XYSeries toSeries(String name, double[] hours, double[] values, boolean logY) {
    XYSeries series = new XYSeries(name, false, true);
    boolean any = false;
    for (int i = 0; i < values.length; i++) {
      boolean plottable = Double.isFinite(values[i]) && (!logY || values[i] > 0);
      series.add(hours[i], plottable ? (Number) values[i] : null);
      any |= plottable;
    }
    return any ? series : null;
  }

  /** Series from {@code columnSeries} on are overlays, dashed, with markers as given. */
  private static JFreeChart chart(
      ChartSpec spec, XYSeriesCollection data, int columnSeries, List<Boolean> overlayMarkers) {
    NumberAxis x = new NumberAxis("virtual time (h)");
    x.setAutoRangeIncludesZero(false);
    x.setNumberFormatOverride(NumberFormat.getNumberInstance(Locale.ROOT));
    ValueAxis y;
    if (spec.logY()) {
      LogAxis log = new LogAxis(spec.yLabel());
      log.setBase(10);
      // One labelled tick per decade: automatic units label values like 3,162,277.66.
      log.setAutoTickUnitSelection(false);
      log.setTickUnit(new NumberTickUnit(1.0, NumberFormat.getNumberInstance(Locale.ROOT), 9));
      log.setMinorTickMarksVisible(true);
      // Whole decades (plus a margin so lines on a decade stay off the frame), so that even a
      // narrow range shows at least two labelled ticks.
      double low = Double.POSITIVE_INFINITY;
      double high = 0;
      for (int s = 0; s < data.getSeriesCount(); s++) {
        XYSeries series = data.getSeries(s);
        for (int i = 0; i < series.getItemCount(); i++) {
          Number v = series.getY(i);
          if (v != null) {
            low = Math.min(low, v.doubleValue());
            high = Math.max(high, v.doubleValue());
          }
        }
      }
      double lowDecade = Math.floor(Math.log10(low));
      double highDecade = Math.max(lowDecade + 1, Math.ceil(Math.log10(high)));
      log.setRange(Math.pow(10, lowDecade) / 1.25, Math.pow(10, highDecade) * 1.25);
      log.setNumberFormatOverride(NumberFormat.getNumberInstance(Locale.ROOT));
      y = log;
    } else {
      NumberAxis linear = new NumberAxis(spec.yLabel());
      linear.setNumberFormatOverride(NumberFormat.getNumberInstance(Locale.ROOT));
      y = linear;
    }
    Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
    for (ValueAxis axis : new ValueAxis[] {x, y}) {
      axis.setTickLabelFont(tickFont);
      axis.setLabelFont(labelFont);
    }

    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    // One path per series, so dashes run on across points instead of restarting at each one.
    renderer.setDrawSeriesLineAsPath(true);
    for (int s = 0; s < data.getSeriesCount(); s++) {
      renderer.setSeriesPaint(s, PALETTE[s % PALETTE.length]);
      renderer.setSeriesStroke(s, new BasicStroke(2.0f));
      if (s >= columnSeries) {
        renderer.setSeriesStroke(s, new BasicStroke(2.0f, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_MITER, 10.0f, new float[] {8.0f, 6.0f}, 0.0f));
        renderer.setSeriesShapesVisible(s, overlayMarkers.get(s - columnSeries));
      }
    }
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xDDDDDD));
    plot.setRangeGridlinePaint(new Color(0xDDDDDD));
    plot.setDomainGridlineStroke(new BasicStroke(1.0f));
    plot.setRangeGridlineStroke(new BasicStroke(1.0f));
    plot.setOutlinePaint(Color.GRAY);
    if (spec.logY()) {
      // Fainter lines at 2..9 x each decade, so values between the labels can be read.
      plot.setRangeMinorGridlinesVisible(true);
      plot.setRangeMinorGridlinePaint(new Color(0xEEEEEE));
      plot.setRangeMinorGridlineStroke(new BasicStroke(1.0f));
    }

    JFreeChart chart = new JFreeChart(spec.title(), new Font(Font.SANS_SERIF, Font.BOLD, 20),
        plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    LegendTitle legend = chart.getLegend();
    legend.setItemFont(tickFont);
    legend.setPosition(RectangleEdge.BOTTOM);
    return chart;
  }
}
