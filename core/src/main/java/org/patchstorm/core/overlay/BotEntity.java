package org.patchstorm.core.overlay;

import org.patchstorm.core.engine.Entity;
import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.overlay.OverlayMessage.BotStart;
import org.patchstorm.core.overlay.OverlayMessage.BotStop;
import org.patchstorm.core.overlay.OverlayMessage.ConnectReply;
import org.patchstorm.core.overlay.OverlayMessage.ConnectRequest;
import org.patchstorm.core.overlay.OverlayMessage.Disconnect;
import org.patchstorm.core.overlay.OverlayMessage.Flood;
import org.patchstorm.core.overlay.OverlayMessage.KeepAlive;
import org.patchstorm.core.overlay.OverlayMessage.LoginRequest;
import org.patchstorm.core.overlay.OverlayMessage.NotYourClient;
import org.patchstorm.core.overlay.OverlayMessage.Search;
import org.patchstorm.core.overlay.OverlayMessage.Timer;
import org.patchstorm.core.overlay.attack.BotSchedule;
import org.patchstorm.core.overlay.attack.Botnet;
import org.patchstorm.core.overlay.attack.FloodTargets;
import org.patchstorm.core.overlay.attack.TargetKind;

/**
 * One bot: dormant until the coordinator tells it to join its botnet's attack ({@link
 * BotStart}), then sends its requests at its own Poisson schedule (see {@link BotSchedule}) to
 * one of the botnet's targets, drawn in proportion to what it serves ({@link FloodTargets}),
 * until the coordinator stops it ({@link BotStop}). It never retries and ignores answers, except
 * that a supernode that accepted it as a client keeps the slot (connection exhaustion) until the
 * attack pauses or ends and the bot disowns it.
 *
 * <p>A bot attacking a region keeps its targets current, as a crawler would: every {@link
 * #CRAWL_INTERVAL} on average it asks a bootstrap supernode (known to every client) and one of its
 * targets for a connection, adds the region's supernodes of the list that comes back, drops a
 * target that no longer serves, and releases any slot it was given. Without it the attack hit only
 * the supernodes of its start, and the overlay healed around them within hours.
 */
public final class BotEntity implements Entity {

  static final int FIRE = 1;
  static final int CRAWL = 2;
  /** Mean time between a region bot's crawls. */
  static final long CRAWL_INTERVAL = 10 * OverlayParams.MINUTE;
  /** A bot's targets grow to at most this many times the botnet's first set (and at least 64). */
  private static final int GROWTH = 4;

  private final OverlayWorld world;
  private final Botnet botnet;
  private final boolean crawls;
  private final FloodTargets targets;
  private int attempt;
  /** The start of the attack the bot takes part in, or -1 while it does not attack. */
  private long campaignStart = -1;
  /** When the bot was last stopped: a start from an attack begun before that is stale. */
  private long stoppedAt = -1;
  /** Names the current stint, so that the fire timer of an earlier one is ignored. */
  private int stint;

  public BotEntity(OverlayWorld world, int id) {
    this.world = world;
    int b = world.botnetOf(id);
    this.botnet = world.attack().botnets().get(b);
    int[] first = world.botnetTargets(b);
    this.crawls = botnet.target() == TargetKind.REGION;
    this.targets = crawls
        ? FloodTargets.growing(first, Math.max(64, GROWTH * first.length), world::isBootstrap,
            world.bootstrapFloodWeight())
        : FloodTargets.fixed(first, world::isBootstrap, world.bootstrapFloodWeight());
  }

  @Override
  public void start(EntityContext ctx) {}

  @Override
  public void receive(EntityContext ctx, Object message) {
    if (message instanceof Timer t && t.kind() == FIRE) {
      if (t.gen() == stint && campaignStart >= 0) {
        fire(ctx);
        scheduleNext(ctx);
      }
    } else if (message instanceof Timer t && t.kind() == CRAWL) {
      if (t.gen() == stint && campaignStart >= 0) {
        crawl(ctx);
      }
    } else if (message instanceof BotStart m) {
      if (m.campaignStart() > stoppedAt && targets.count() > 0) {
        campaignStart = m.campaignStart();
        stint++;
        scheduleNext(ctx);
        if (crawls) {
          scheduleCrawl(ctx);
        }
      }
    } else if (message instanceof BotStop) {
      campaignStart = -1;
      stoppedAt = ctx.now();
      stint++;
    } else if (message instanceof ConnectReply r) {
      if (crawls) {
        learn(r);
      }
      if (r.status() == OverlayMessage.ACCEPTED && (crawls || !active(ctx.now()))) {
        ctx.send(r.supernode(), new Disconnect(ctx.self()), latency(ctx, r.supernode()));
      }
    } else if (message instanceof KeepAlive k && !active(ctx.now())) {
      ctx.send(k.supernode(), new NotYourClient(ctx.self()), latency(ctx, k.supernode()));
    }
    // Log-in replies, search replies and the rest: a bot does not care.
  }

  private boolean active(long now) {
    return campaignStart >= 0 && BotSchedule.pulseOn(botnet, campaignStart, now);
  }

  private void scheduleNext(EntityContext ctx) {
    long next = BotSchedule.nextRequestInCampaign(botnet, campaignStart, ctx.now(), ctx.random());
    ctx.schedule(next - ctx.now(), new Timer(FIRE, stint, 0));
  }

  private void scheduleCrawl(EntityContext ctx) {
    long gap = (long) (ctx.random().nextExponential() * CRAWL_INTERVAL);
    ctx.schedule(Math.max(1, gap), new Timer(CRAWL, stint, 0));
  }

  /** Asks a bootstrap supernode and one target for a connection, for their lists (and status). */
  private void crawl(EntityContext ctx) {
    int bootstrap = world.firstBootstrap() + ctx.random().nextInt(world.bootstrapCount());
    ctx.send(bootstrap, new ConnectRequest(ctx.self(), false, false), latency(ctx, bootstrap));
    int target = targets.anyTarget(ctx.random());
    if (target >= 0) {
      ctx.send(target, new ConnectRequest(ctx.self(), false, false), latency(ctx, target));
    }
    scheduleCrawl(ctx);
  }

  /** What a reply tells: the target stopped serving, or supernodes of the region to add. */
  private void learn(ConnectReply r) {
    if (r.status() == OverlayMessage.NOT_SUPERNODE) {
      targets.remove(r.supernode());
      return;
    }
    for (int sn : r.supernodes()) {
      if (world.region(sn) == botnet.region()) {
        targets.add(sn);
      }
    }
  }

  private void fire(EntityContext ctx) {
    int self = ctx.self();
    int target = targets.next(ctx.random());
    if (target < 0) {
      return; // every target stopped serving; the next crawl may find others
    }
    Object request = switch (botnet.request()) {
      case LOGIN -> new LoginRequest(self, ++attempt);
      case CONNECT -> new ConnectRequest(self, false, false);
      case SEARCH -> new Search(self, ctx.now(), 0);
      case RELAY -> new Flood(self, world.randomPeer(ctx.random()), botnet.unitsPerRequest());
    };
    ctx.metrics().add(OverlayMetrics.ATTACK_REQUESTS, 1);
    ctx.send(target, request, latency(ctx, target));
  }

  private long latency(EntityContext ctx, int to) {
    return world.latency(ctx.self(), to, ctx.random());
  }
}
