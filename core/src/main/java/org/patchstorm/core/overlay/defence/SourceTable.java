package org.patchstorm.core.overlay.defence;

import java.util.Arrays;

/**
 * Maps source ids to dense slots 0, 1, 2, ... in order of first appearance (open addressing,
 * linear probing). Callers keep per-source state in arrays indexed by slot; nothing iterates a
 * hash order, so results never depend on it.
 */
final class SourceTable {

  private int[] keys = new int[64];
  private int[] slots = new int[64];
  private int size;

  SourceTable() {
    Arrays.fill(keys, -1);
  }

  /** The slot of {@code source}, or -1 if it was never added. */
  int find(int source) {
    int mask = keys.length - 1;
    for (int i = hash(source) & mask; ; i = (i + 1) & mask) {
      if (keys[i] == source) {
        return slots[i];
      }
      if (keys[i] == -1) {
        return -1;
      }
    }
  }

  /** The slot of {@code source}, adding it (as slot {@link #size()}) if new. */
  int add(int source) {
    if (source < 0) {
      throw new IllegalArgumentException("source ids are >= 0");
    }
    int found = find(source);
    if (found >= 0) {
      return found;
    }
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    put(source, size);
    return size++;
  }

  int size() {
    return size;
  }

  private void put(int source, int slot) {
    int mask = keys.length - 1;
    int i = hash(source) & mask;
    while (keys[i] != -1) {
      i = (i + 1) & mask;
    }
    keys[i] = source;
    slots[i] = slot;
  }

  private void grow() {
    int[] oldKeys = keys;
    int[] oldSlots = slots;
    keys = new int[oldKeys.length * 2];
    slots = new int[oldKeys.length * 2];
    Arrays.fill(keys, -1);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != -1) {
        put(oldKeys[i], oldSlots[i]);
      }
    }
  }

  private static int hash(int source) {
    int h = source * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
