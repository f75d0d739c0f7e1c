package org.patchstorm.core.overlay;

import org.patchstorm.core.engine.EntityFactory;
import org.patchstorm.core.engine.Model;
import org.patchstorm.core.engine.PayloadCodec;
import org.patchstorm.core.metrics.MetricsSchema;
import org.patchstorm.core.overlay.attack.AttackParams;

/**
 * The two-tier overlay (peers, supernodes, login servers) as an engine model. Entity ids:
 * login servers [0, L), bootstrap supernodes [L, L+B), dedicated supernodes [L+B, L+B+D),
 * peers [L+B+D, P), bots [P, C), the coordinator C; see {@link OverlayWorld}.
 */
public final class OverlayModel implements Model {

  private final OverlayParams params;
  private final OverlayWorld world;
  private final OverlayCodec codec = new OverlayCodec();
  private final OverlayInjections injections;
  private final MetricsSchema schema;

  private OverlayModel(OverlayParams params, AttackParams attack, long seed, double timelineScale) {
    this.params = params;
    this.world = new OverlayWorld(params, attack, seed, timelineScale);
    this.injections = new OverlayInjections(world);
    this.schema = RegionMetrics.schema(params.geography().regions());
  }

  /** A model of the given parameters; {@code seed} is the experiment seed (fixes all traits). */
  public static OverlayModel create(OverlayParams params, long seed) {
    return new OverlayModel(params, AttackParams.none(), seed, 1);
  }

  /** A model with botnets, defences, service probes and the crash model of {@code attack}. */
  public static OverlayModel create(OverlayParams params, AttackParams attack, long seed) {
    return new OverlayModel(params, attack, seed, 1);
  }

  /**
   * The model of an experiment's {@code patchstorm.overlay} section. Bad values fail with a
   * {@link org.patchstorm.core.config.ConfigProblem} naming file, line and key.
   */
  public static OverlayModel fromSettings(org.patchstorm.core.config.Settings overlay, long seed) {
    OverlayParams params = OverlaySettings.read(overlay);
    AttackParams attack = org.patchstorm.core.overlay.attack.AttackSettings.read(overlay,
        params.geography().regions().size());
    double scale = overlay.bool("scale-capacity-to-peers") ? params.population().peers() / 100_000.0 : 1;
    if (overlay.bool("scale-capacity-to-peers")) {
      attack = OverlayScenarios.scaleBots(attack, params.population().peers());
    }
    return new OverlayModel(params, attack, seed, scale);
  }

  public OverlayParams params() {
    return params;
  }

  public OverlayWorld world() {
    return world;
  }

  @Override
  public int entityCount() {
    return world.entityCount();
  }

  @Override
  public long lookaheadMicros() {
    return world.lookaheadMicros();
  }

  @Override
  public int zones() {
    return world.regions();
  }

  @Override
  public int zoneOf(int entityId) {
    return world.region(entityId);
  }

  @Override
  public long zoneLatencyMicros(int from, int to) {
    return world.regionLatencyMicros(from, to);
  }

  @Override
  public MetricsSchema schema() {
    return schema;
  }

  @Override
  public EntityFactory factory() {
    return (id, random) -> world.isLoginServer(id) ? new LoginServerEntity(world)
        : world.isAttacker(id) ? new BotEntity(world, id)
        : world.isCoordinator(id) ? new CoordinatorEntity(world) : new PeerEntity(world, id);
  }

  @Override
  public PayloadCodec codec() {
    return codec;
  }

  /** Any timeline event, handed to the coordinator while the run goes. */
  @Override
  public org.patchstorm.core.engine.Injections injections() {
    return injections;
  }

  /**
   * When the scenario's trigger acts, for the outage analysis: from the first restart anywhere to
   * the end of the last restart window, in µs; empty when the timeline has no trigger.
   */
  public java.util.Optional<long[]> triggerWindowMicros() {
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (TimelineEvent.RestartBurst burst : params.timeline().restartBursts()) {
      int regions = params.geography().regions().size();
      for (int r = 0; r < regions; r++) {
        long first = burst.at();
        if (burst.localTimeOfDay() >= 0) {
          long day = 24 * OverlayParams.HOUR;
          long local = Math.floorMod(burst.at() + world.utcOffsetMicros(r), day);
          first = burst.at() + Math.floorMod(burst.localTimeOfDay() - local, day);
        }
        start = Math.min(start, first);
        end = Math.max(end, first + burst.window());
      }
    }
    // An attack's onset is its start until all bots have joined; the flood may last past the
    // run, and recovery under attack (the 2017 mitigation) is what the analysis should see.
    for (org.patchstorm.core.overlay.attack.Botnet b : world.attack().botnets()) {
      start = Math.min(start, b.start());
      end = Math.max(end, b.start() + b.ramp());
    }
    for (TimelineEvent e : params.timeline().events()) {
      if (e instanceof TimelineEvent.StartBotnet s) {
        start = Math.min(start, s.at());
        end = Math.max(end, s.at() + world.attack().botnets().get(world.botnetIndex(s.botnet())).ramp());
      }
    }
    return start == Long.MAX_VALUE ? java.util.Optional.empty() : java.util.Optional.of(new long[] {start, end});
  }
}
