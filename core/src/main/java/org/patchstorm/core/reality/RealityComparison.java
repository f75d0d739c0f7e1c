package org.patchstorm.core.reality;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How far a run is from a reality curve. The curve is aligned at the run's trigger: a point
 * {@code h} hours after the trigger is compared with the run at {@code trigger + h}. The run's
 * value there is its online fraction (online over the expected level, as the outage analysis
 * takes it) linearly interpolated between the two report rows around that time; points outside
 * the rows are not compared. The one-number distance is the root mean square of (run - reality)
 * over the compared points, in fraction of normal.
 *
 * @param triggerSeconds the virtual time the curve is aligned at
 * @param points one per curve point, in curve order
 * @param rmsDifference null when no point lies within the run
 * @param meanDifference mean of (run - reality): below 0 the run is deeper than reality; null
 *     when no point lies within the run
 */
public record RealityComparison(
    RealityCurve curve,
    double triggerSeconds,
    List<PointDistance> points,
    Double rmsDifference,
    Double meanDifference) {

  /** The method, as summary.json names it. */
  public static final String METHOD =
      "curve aligned at the trigger; run fraction = online / expected level, linearly interpolated"
          + " between report rows at trigger + hours_after_trigger; difference = run - reality;"
          + " rms_difference = sqrt(mean(difference^2)) over the points within the run";

  /**
   * One curve point against the run.
   *
   * @param atSeconds the virtual time the point falls on
   * @param run the run's fraction there, or null when the point is outside the run
   * @param expectedOnline the expected level there (to draw the point in peers), or null
   */
  public record PointDistance(
      RealityCurve.Point point, double atSeconds, Double run, Double expectedOnline) {

    /** run - reality, or null when the point was not compared. */
    public Double difference() {
      return run == null ? null : run - point.fractionOfNormal();
    }
  }

  /**
   * Compares a run with a curve.
   *
   * @param timeSeconds end of each report row, strictly increasing
   * @param online online peers per row
   * @param expected the expected level per row (the reference of the outage analysis)
   */
  public static RealityComparison of(
      RealityCurve curve, double triggerSeconds, double[] timeSeconds, double[] online, double[] expected) {
    if (online.length != timeSeconds.length || expected.length != timeSeconds.length) {
      throw new IllegalArgumentException("times, online and expected need one value per row");
    }
    double[] fraction = new double[timeSeconds.length];
    for (int i = 0; i < fraction.length; i++) {
      fraction[i] = expected[i] > 0 ? online[i] / expected[i] : Double.NaN;
    }
    List<PointDistance> points = new ArrayList<>();
    double sumSquares = 0;
    double sum = 0;
    int compared = 0;
    for (RealityCurve.Point p : curve.points()) {
      double at = triggerSeconds + p.hoursAfterTrigger() * 3600;
      Double run = interpolate(timeSeconds, fraction, at);
      points.add(new PointDistance(p, at, run, interpolate(timeSeconds, expected, at)));
      if (run != null) {
        double d = run - p.fractionOfNormal();
        sumSquares += d * d;
        sum += d;
        compared++;
      }
    }
    return new RealityComparison(curve, triggerSeconds, points,
        compared == 0 ? null : Math.sqrt(sumSquares / compared), compared == 0 ? null : sum / compared);
  }

  /** Linear interpolation of {@code values} at {@code t}; null outside the rows or over a gap. */
  static Double interpolate(double[] times, double[] values, double t) {
    if (times.length == 0 || t < times[0] || t > times[times.length - 1]) {
      return null;
    }
    int hi = 0;
    while (times[hi] < t) {
      hi++;
    }
    double v;
    if (times[hi] == t) {
      v = values[hi];
    } else {
      int lo = hi - 1;
      double w = (t - times[lo]) / (times[hi] - times[lo]);
      v = values[lo] + w * (values[hi] - values[lo]);
    }
    return Double.isFinite(v) ? v : null;
  }

  /** The points within the run, for the online chart: x in hours of virtual time, y in peers. */
  public double[][] chartPoints() {
    List<double[]> xy = new ArrayList<>();
    for (PointDistance d : points) {
      if (d.expectedOnline() != null) {
        xy.add(new double[] {d.atSeconds() / 3600, d.point().fractionOfNormal() * d.expectedOnline()});
      }
    }
    double[][] out = new double[2][xy.size()];
    for (int i = 0; i < xy.size(); i++) {
      out[0][i] = xy.get(i)[0];
      out[1][i] = xy.get(i)[1];
    }
    return out;
  }

  /** The {@code reality} object of summary.json. */
  public ObjectNode toJson() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("curve", curve.name());
    root.put("aligned_at_seconds", triggerSeconds);
    root.put("method", METHOD);
    putNumber(root, "rms_difference", rmsDifference);
    putNumber(root, "mean_difference", meanDifference);
    long compared = points.stream().filter(p -> p.run() != null).count();
    root.put("points_compared", compared);
    root.put("points_outside_run", points.size() - compared);
    ArrayNode list = root.putArray("points");
    for (PointDistance d : points) {
      ObjectNode o = list.addObject();
      o.put("hours_after_trigger", d.point().hoursAfterTrigger());
      o.put("at_seconds", d.atSeconds());
      o.put("reality", d.point().fractionOfNormal());
      putNumber(o, "run", d.run());
      putNumber(o, "difference", d.difference());
      o.put("tag", d.point().tag().name());
      o.put("source", d.point().source());
    }
    return root;
  }

  /** One line for the terminal. */
  public String human() {
    long compared = points.stream().filter(p -> p.run() != null).count();
    if (rmsDifference == null) {
      return "Reality (" + curve.name() + "): no point of the curve falls within the run.";
    }
    return String.format(java.util.Locale.ROOT,
        "Reality (%s): RMS difference %.3f of normal over %d of %d points (run %s on average).",
        curve.name(), rmsDifference, compared, points.size(),
        meanDifference < 0 ? "below reality" : "above reality");
  }

  private static void putNumber(ObjectNode node, String field, Double value) {
    if (value == null || !Double.isFinite(value)) {
      node.putNull(field);
    } else {
      node.put(field, value.doubleValue());
    }
  }
}
