package org.patchstorm.core.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The charts of a sweep (PNG, JFreeChart, headless): each aggregated figure against the first
 * axis, one line per value of the other axes, the 95% interval as a band; and, for a sweep of
 * two axes, a heat map (phase diagram) of each figure's mean and of the share of runs that ended
 * in an outage over the two axes. Output depends only on the data.
 */
public final class SweepCharts {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  static final int WIDTH = 1000;
  static final int HEIGHT = 560;
  /** The pseudo-figure of heat maps: share of runs with verdict OUTAGE or METASTABLE_OUTAGE. */
  static final String OUTAGE_SHARE = "outage_share";

  private static final Color[] PALETTE = {
      new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
      new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000)};

  private SweepCharts() {}

  /** Writes every chart into {@code dir}; returns the files in the order the report shows them. */
  public static Map<String, byte[]> renderAll(SweepPlan plan, List<PointSummary> points) {
    System.setProperty("java.awt.headless", "true");
    Map<String, byte[]> written = new LinkedHashMap<>();
    Sweep sweep = plan.sweep();
    boolean twoAxes = sweep.dimensions().size() == 2;
    if (twoAxes && plan.verdicts()) {
      written.put("heatmap_" + OUTAGE_SHARE + ".png",
          png(heatMap(sweep, points, "Share of runs with an outage", PointSummary::outageShare, true)));
    }
    for (String figure : plan.aggregated()) {
      written.put("chart_" + fileSafe(figure) + ".png", png(lines(sweep, points, figure)));
      if (twoAxes) {
        written.put("heatmap_" + fileSafe(figure) + ".png",
            png(heatMap(sweep, points, figure + " (mean)", p -> p.figures().get(figure).mean(),
                false)));
      }
    }
    return written;
  }

  static String fileSafe(String figure) {
    return figure.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  private static byte[] png(JFreeChart chart) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(bytes, chart, WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a chart as PNG", e); // in memory: never
    }
    return bytes.toByteArray();
  }

  /** The figure's mean over the first axis, one line (with its CI band) per other-axes value. */
  static JFreeChart lines(Sweep sweep, List<PointSummary> points, String figure) {
    Axis first = sweep.axes().get(0);
    List<List<Integer>> dimensions = sweep.dimensions();
    Map<String, YIntervalSeries> series = new LinkedHashMap<>();
    for (PointSummary p : points) {
      String name = otherLabels(sweep, dimensions, p.point());
      YIntervalSeries s = series.computeIfAbsent(name, n -> new YIntervalSeries(n, false, true));
      FigureStats stats = p.figures().get(figure);
      if (stats.n() == 0) {
        continue;
      }
      int index = p.point().valueIndex(0);
      double x = first.numeric() ? first.number(index) : index;
      double low = stats.hasInterval() ? stats.ciLow() : stats.mean();
      double high = stats.hasInterval() ? stats.ciHigh() : stats.mean();
      s.add(x, stats.mean(), low, high);
    }
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    series.values().forEach(data::addSeries);
    DeviationRenderer renderer = new DeviationRenderer(true, true);
    renderer.setAlpha(0.18f);
    for (int s = 0; s < data.getSeriesCount(); s++) {
      Color colour = PALETTE[s % PALETTE.length];
      renderer.setSeriesPaint(s, colour);
      renderer.setSeriesFillPaint(s, colour);
      renderer.setSeriesStroke(s, new BasicStroke(2.0f));
    }
    NumberAxis y = new NumberAxis(figure + " (mean, 95% CI)");
    y.setAutoRangeIncludesZero(false);
    XYPlot plot =
        new XYPlot(data, xAxis(first, dimensionName(sweep, dimensions.get(0))), y, renderer);
    return styled(figure + " by " + dimensionName(sweep, dimensions.get(0)), plot,
        dimensions.size() > 1);
  }

  /**
   * {@code value} of each point over the first two axes, as coloured cells with the value
   * written; a {@code share} is coloured on the whole scale 0..1, anything else from its least
   * to its largest value.
   */
  static JFreeChart heatMap(Sweep sweep, List<PointSummary> points, String title,
      ToDoubleFunction<PointSummary> value, boolean share) {
    List<List<Integer>> dimensions = sweep.dimensions();
    int firstAxis = dimensions.get(0).get(0);
    int secondAxis = dimensions.get(1).get(0);
    List<double[]> cells = new ArrayList<>();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (PointSummary p : points) {
      double v = value.applyAsDouble(p);
      if (Double.isFinite(v)) {
        cells.add(new double[] {
            p.point().valueIndex(firstAxis), p.point().valueIndex(secondAxis), v});
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    double[][] xyz = new double[3][cells.size()];
    for (int i = 0; i < cells.size(); i++) {
      for (int k = 0; k < 3; k++) {
        xyz[k][i] = cells.get(i)[k];
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries(title, xyz);
    if (share) {
      min = 0;
      max = 1;
    } else if (!(min < max)) {
      min = cells.isEmpty() ? 0 : min - 0.5;
      max = cells.isEmpty() ? 1 : max + 0.5;
    }
    XYBlockRenderer renderer = new XYBlockRenderer();
    Gradient scale = new Gradient(min, max);
    renderer.setPaintScale(scale);
    XYPlot plot = new XYPlot(data,
        symbolAxis(sweep.axes().get(firstAxis), dimensionName(sweep, dimensions.get(0))),
        symbolAxis(sweep.axes().get(secondAxis), dimensionName(sweep, dimensions.get(1))),
        renderer);
    Font cellFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    for (double[] cell : cells) {
      XYTextAnnotation label = new XYTextAnnotation(format(cell[2]), cell[0], cell[1]);
      label.setFont(cellFont);
      plot.addAnnotation(label);
    }
    JFreeChart chart = styled(title + ": " + dimensionName(sweep, dimensions.get(1)) + " x "
        + dimensionName(sweep, dimensions.get(0)), plot, false);
    NumberAxis legendAxis = new NumberAxis();
    legendAxis.setNumberFormatOverride(NumberFormat.getNumberInstance(Locale.ROOT));
    PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setMargin(4, 4, 40, 4);
    chart.addSubtitle(legend);
    return chart;
  }

  private static ValueAxis xAxis(Axis axis, String name) {
    if (!axis.numeric()) {
      return symbolAxis(axis, name);
    }
    NumberAxis x = new NumberAxis(name);
    x.setAutoRangeIncludesZero(false);
    x.setNumberFormatOverride(NumberFormat.getNumberInstance(Locale.ROOT));
    return x;
  }

  private static SymbolAxis symbolAxis(Axis axis, String name) {
    SymbolAxis symbols = new SymbolAxis(name, axis.labels().toArray(new String[0]));
    symbols.setGridBandsVisible(false);
    return symbols;
  }

  /**
   * The line a point belongs to: the values of every dimension but the first, a zipped group
   * shown by its name and the label of its first axis.
   */
  private static String otherLabels(Sweep sweep, List<List<Integer>> dimensions,
      SweepPoint point) {
    if (dimensions.size() == 1) {
      return "all runs";
    }
    List<String> parts = new ArrayList<>();
    for (List<Integer> dim : dimensions.subList(1, dimensions.size())) {
      parts.add(dimensionName(sweep, dim) + "=" + sweep.label(point, dim.get(0)));
    }
    return String.join(", ", parts);
  }

  /** An axis's name, or for zipped axes the name of their group. */
  private static String dimensionName(Sweep sweep, List<Integer> dimension) {
    Axis axis = sweep.axes().get(dimension.get(0));
    return dimension.size() > 1 ? axis.zipGroup() : axis.name();
  }

  private static JFreeChart styled(String title, XYPlot plot, boolean legend) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xDDDDDD));
    plot.setRangeGridlinePaint(new Color(0xDDDDDD));
    plot.setOutlinePaint(Color.GRAY);
    Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    for (ValueAxis axis : new ValueAxis[] {plot.getDomainAxis(), plot.getRangeAxis()}) {
      axis.setTickLabelFont(tickFont);
      axis.setLabelFont(labelFont);
    }
    JFreeChart chart =
        new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, legend);
    chart.setBackgroundPaint(Color.WHITE);
    if (legend) {
      chart.getLegend().setItemFont(tickFont);
      chart.getLegend().setPosition(RectangleEdge.BOTTOM);
    }
    return chart;
  }

  static String format(double v) {
    double abs = Math.abs(v);
    String pattern = abs >= 100 ? "%.0f" : abs >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, pattern, v);
  }

  /** Light yellow (low) to dark blue (high), readable with black and white labels alike. */
  private record Gradient(double lower, double upper) implements PaintScale {
    private static final Color LOW = new Color(0xFFF7BC);
    private static final Color HIGH = new Color(0x2C7FB8);

    @Override
    public double getLowerBound() {
      return lower;
    }

    @Override
    public double getUpperBound() {
      return upper;
    }

    @Override
    public Paint getPaint(double value) {
      double t = Math.max(0, Math.min(1, (value - lower) / (upper - lower)));
      return new Color(
          (int) Math.round(LOW.getRed() + t * (HIGH.getRed() - LOW.getRed())),
          (int) Math.round(LOW.getGreen() + t * (HIGH.getGreen() - LOW.getGreen())),
          (int) Math.round(LOW.getBlue() + t * (HIGH.getBlue() - LOW.getBlue())));
    }
  }
}
