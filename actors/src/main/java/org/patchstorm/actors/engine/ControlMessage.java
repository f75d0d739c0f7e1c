package org.patchstorm.actors.engine;

/**
 * Marks the few, small control messages that may cross cluster members; they travel as Jackson
 * CBOR. The hot ones (batches, metric rows) have a hand-written binary serializer instead.
 */
public interface ControlMessage {}
