package org.patchstorm.core.reality;

import java.util.List;

/**
 * What was seen of a real outage: online users as a fraction of normal at times after its
 * trigger, each point with the kind and text of its source. Read from a file by {@link
 * RealityCurveFile}; compared with a run by {@link RealityComparison}.
 *
 * @param name the file name, e.g. {@code skype-2007.csv}
 * @param points at least one, in strictly increasing time
 */
public record RealityCurve(String name, List<Point> points) {

  public RealityCurve {
    points = List.copyOf(points);
    if (points.isEmpty()) {
      throw new IllegalArgumentException("a reality curve needs at least one point");
    }
    for (int i = 1; i < points.size(); i++) {
      if (points.get(i).hoursAfterTrigger() <= points.get(i - 1).hoursAfterTrigger()) {
        throw new IllegalArgumentException("reality points must be in strictly increasing time");
      }
    }
  }

  /**
   * One observation.
   *
   * @param hoursAfterTrigger hours after the trigger (the scenario's incident start), at least 0
   * @param fractionOfNormal online users over the normal level at that time
   * @param tag how the value is known
   * @param source where the value comes from, in words
   */
  public record Point(double hoursAfterTrigger, double fractionOfNormal, Tag tag, String source) {}

  /** The tags of the outage notes: how a number is known. */
  public enum Tag {
    /** Measured or officially stated. */
    M,
    /** Reported by the press. */
    S,
    /** Derived from other numbers (say which in the source). */
    D,
    /** An assumption (say why in the source). */
    A
  }
}
