package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.report.Charts;
import org.patchstorm.core.report.StandardColumns;

class OverlayMetricsTest {

  private final List<String> columns = OverlayMetrics.SCHEMA.columns();

  @Test
  void usesEveryStandardColumnSoTheDefaultChartsApply() {
    for (String standard : StandardColumns.ALL) {
      assertTrue(columns.contains(standard), standard + " missing from " + columns);
    }
    // The online chart above all: it is the one a reader looks at first.
    assertTrue(
        Charts.defaultSpecs(new HashSet<>(columns)).stream()
            .anyMatch(spec -> spec.columns().contains(StandardColumns.ONLINE_PEERS)));
  }

  @Test
  void columnNamesAreUnique() {
    assertEquals(columns.size(), new HashSet<>(columns).size(), columns.toString());
  }
}
