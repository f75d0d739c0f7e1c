package org.patchstorm.core.overlay.attack;

import org.patchstorm.core.engine.Entity;
import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.overlay.OverlayMessage;
import org.patchstorm.core.overlay.OverlayMessage.ConnectReply;
import org.patchstorm.core.overlay.OverlayMessage.ConnectRequest;
import org.patchstorm.core.overlay.OverlayMessage.Disconnect;
import org.patchstorm.core.overlay.OverlayMessage.Flood;
import org.patchstorm.core.overlay.OverlayMessage.KeepAlive;
import org.patchstorm.core.overlay.OverlayMessage.LoginRequest;
import org.patchstorm.core.overlay.OverlayMessage.NotYourClient;
import org.patchstorm.core.overlay.OverlayMessage.Search;
import org.patchstorm.core.overlay.OverlayMessage.Timer;
import org.patchstorm.core.overlay.OverlayMetrics;
import org.patchstorm.core.overlay.OverlayWorld;

/**
 * One bot: dormant until it joins its botnet's attack, then sends its requests at its own
 * Poisson schedule (see {@link BotSchedule}) to a random one of the botnet's targets. It never
 * retries and ignores answers, except that a supernode that accepted it as a client keeps the
 * slot (connection exhaustion) until the attack pauses or ends and the bot disowns it.
 */
public final class BotEntity implements Entity {

  static final int FIRE = 1;

  private final OverlayWorld world;
  private final Botnet botnet;
  private final int bot;
  private final int[] targets;
  private int attempt;

  public BotEntity(OverlayWorld world, int id) {
    this.world = world;
    int b = world.botnetOf(id);
    this.botnet = world.attack().botnets().get(b);
    this.bot = world.botIndex(id);
    this.targets = world.botnetTargets(b);
  }

  @Override
  public void start(EntityContext ctx) {
    if (targets.length > 0) {
      scheduleNext(ctx);
    }
  }

  @Override
  public void receive(EntityContext ctx, Object message) {
    if (message instanceof Timer t && t.kind() == FIRE) {
      fire(ctx);
      scheduleNext(ctx);
    } else if (message instanceof ConnectReply r) {
      if (r.status() == OverlayMessage.ACCEPTED && !botnet.active(bot, ctx.now())) {
        ctx.send(r.supernode(), new Disconnect(ctx.self()), latency(ctx, r.supernode()));
      }
    } else if (message instanceof KeepAlive k && !botnet.active(bot, ctx.now())) {
      ctx.send(k.supernode(), new NotYourClient(ctx.self()), latency(ctx, k.supernode()));
    }
    // Log-in replies, search replies and the rest: a bot does not care.
  }

  private void scheduleNext(EntityContext ctx) {
    long next = BotSchedule.nextRequest(botnet, bot, ctx.now(), ctx.random());
    if (next != Long.MAX_VALUE) {
      ctx.schedule(next - ctx.now(), new Timer(FIRE, 0, 0));
    }
  }

  private void fire(EntityContext ctx) {
    int self = ctx.self();
    int target = targets[ctx.random().nextInt(targets.length)];
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
