package org.patchstorm.core.report;

/** The one-word outcome of a run, from the lowest online fraction after the incident started. */
public enum Verdict {
  /** The fraction never went below the recovered threshold. */
  NO_OUTAGE,
  /** It went below the recovered threshold but never below the outage threshold. */
  DEGRADED,
  /** It went below the outage threshold. */
  OUTAGE,
  /** An outage still going on more than the configured time after the trigger ended. */
  METASTABLE_OUTAGE
}
