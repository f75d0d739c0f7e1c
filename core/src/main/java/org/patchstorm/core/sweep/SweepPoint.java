package org.patchstorm.core.sweep;

import java.util.List;

/**
 * One combination of axis values: {@code valueIndex.get(a)} is the index into axis {@code a}'s
 * values. {@code index} numbers points in sweep order, from 0.
 */
public record SweepPoint(int index, List<Integer> valueIndex) {
  public SweepPoint {
    valueIndex = List.copyOf(valueIndex);
  }

  public int valueIndex(int axis) {
    return valueIndex.get(axis);
  }
}
