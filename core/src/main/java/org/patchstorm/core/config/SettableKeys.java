package org.patchstorm.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * The keys that a timeline event may change while a run goes, each with its value type, range
 * and setter: the one registry that the timeline reader, live injection, the error messages and
 * the reference test derive from. {@code T} is the settings object the keys change (immutable:
 * the setter returns a changed copy). Values travel as doubles: booleans 1/0, durations µs.
 */
public final class SettableKeys<T> {

  /** How a value is written in an experiment. */
  public enum Type {
    /** A duration with a unit ("10m"), kept in µs. */
    DURATION,
    /** true / false, kept as 1 / 0. */
    BOOLEAN,
    /** A number between 0 and 1. */
    FRACTION,
    INTEGER,
    NUMBER
  }

  /** One settable key; {@code code} is its index, the form it takes in messages. */
  public record Key<T>(int code, String name, Type type, double min, double max, BiFunction<T, Double, T> setter) {

    /** Reads this key's value at {@code valueKey} of {@code s}, by its type and range. */
    public double read(Settings s, String valueKey) {
      return switch (type) {
        case DURATION -> s.durationMicros(valueKey, (long) min, (long) max);
        case BOOLEAN -> s.bool(valueKey) ? 1 : 0;
        case FRACTION -> s.fraction(valueKey);
        case INTEGER -> s.intIn(valueKey, (int) min, (int) max);
        case NUMBER -> s.doubleIn(valueKey, min, max);
      };
    }

    /** The value as written in an experiment file (HOCON), e.g. {@code 10m}, {@code true}, {@code 0.5}. */
    public String render(double value) {
      return switch (type) {
        case DURATION -> Settings.formatMicros((long) value);
        case BOOLEAN -> value != 0 ? "true" : "false";
        case INTEGER -> Long.toString((long) value);
        case FRACTION, NUMBER -> java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
      };
    }
  }

  private final String what;
  private final List<Key<T>> keys;

  private SettableKeys(String what, List<Key<T>> keys) {
    this.what = what;
    this.keys = List.copyOf(keys);
  }

  /** Starts a registry; {@code what} names its keys in messages ("parameter", "defence"). */
  public static <T> Builder<T> of(String what) {
    return new Builder<>(what);
  }

  /** Collects keys in the order they are listed to the user. */
  public static final class Builder<T> {
    private final String what;
    private final List<Key<T>> keys = new ArrayList<>();

    private Builder(String what) {
      this.what = what;
    }

    public Builder<T> key(String name, Type type, double min, double max, BiFunction<T, Double, T> setter) {
      keys.add(new Key<>(keys.size(), name, type, min, max, setter));
      return this;
    }

    public Builder<T> bool(String name, BiFunction<T, Double, T> setter) {
      return key(name, Type.BOOLEAN, 0, 1, setter);
    }

    public Builder<T> fraction(String name, BiFunction<T, Double, T> setter) {
      return key(name, Type.FRACTION, 0, 1, setter);
    }

    public SettableKeys<T> build() {
      return new SettableKeys<>(what, keys);
    }
  }

  public List<Key<T>> keys() {
    return keys;
  }

  /** The names, in the order listed to the user. */
  public List<String> names() {
    return keys.stream().map(Key::name).toList();
  }

  public boolean contains(String name) {
    return find(name) != null;
  }

  /** The key of that name, or null. */
  public Key<T> find(String name) {
    for (Key<T> k : keys) {
      if (k.name().equals(name)) {
        return k;
      }
    }
    return null;
  }

  public Key<T> byCode(int code) {
    if (code < 0 || code >= keys.size()) {
      throw new IllegalArgumentException("no settable " + what + " with code " + code);
    }
    return keys.get(code);
  }

  /** {@code base} with key {@code name} set to {@code value}. */
  public T apply(T base, String name, double value) {
    Key<T> k = find(name);
    if (k == null) {
      throw new IllegalArgumentException(unknown(name));
    }
    return k.setter().apply(base, value);
  }

  /** The one-line refusal of an unknown key. */
  public String unknown(String name) {
    return String.format(Locale.ROOT, "unknown settable %s \"%s\"; settable are %s", what, name, names());
  }

  /**
   * Reads an event's {@code key} (one of these) and {@code value} (of that key's type and range),
   * each problem naming the file, line and key.
   */
  public Setting<T> read(Settings event) {
    String name = event.string("key");
    Key<T> k = find(name);
    if (k == null) {
      throw event.problem("key", unknown(name));
    }
    return new Setting<>(k, k.read(event, "value"));
  }

  /** A key with its new value. */
  public record Setting<T>(Key<T> key, double value) {}
}
