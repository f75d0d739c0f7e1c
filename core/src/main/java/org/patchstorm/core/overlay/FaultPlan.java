package org.patchstorm.core.overlay;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.patchstorm.core.config.SettableKeys;
import org.patchstorm.core.overlay.OverlayMessage.Activate;
import org.patchstorm.core.overlay.OverlayMessage.BotStart;
import org.patchstorm.core.overlay.OverlayMessage.BotStop;
import org.patchstorm.core.overlay.OverlayMessage.ChangeDefence;
import org.patchstorm.core.overlay.OverlayMessage.ChangeParameter;
import org.patchstorm.core.overlay.OverlayMessage.Restart;
import org.patchstorm.core.overlay.attack.Botnet;
import org.patchstorm.core.overlay.defence.Defences;

/**
 * What the coordinator does for one timeline event, as a pure function: which entities get which
 * command, arriving when. Targets are drawn from the event's own stream ({@link #stream}), so an
 * event selects the same peers whether it was in the experiment file or injected while the run
 * went, and whatever other events there are.
 */
final class FaultPlan {

  private static final long SALT_EVENT = 0x61C8864680B583EBL;

  /** Receives the commands of a plan, in the order they are to be sent. */
  interface Orders {
    /** {@code command} for {@code target}, to arrive at {@code at} (µs). */
    void order(int target, Object command, long at);
  }

  private final OverlayWorld world;

  FaultPlan(OverlayWorld world) {
    this.world = world;
  }

  /**
   * The random stream of the event at {@code at} that is {@code position}-th (from 0) among the
   * events of that time, in timeline order.
   */
  static RandomGenerator stream(long seed, long at, int position) {
    return new SplittableRandom(mix(seed ^ SALT_EVENT ^ mix(at) ^ (position * 0xBF58476D1CE4E5B9L)));
  }

  /**
   * The commands of {@code event}. {@code firstDedicated}: the first dormant dedicated supernode
   * an add-supernodes event wakes (they are taken in event order).
   */
  void plan(TimelineEvent event, RandomGenerator random, int firstDedicated, Orders out) {
    long at = event.at();
    if (event instanceof TimelineEvent.RestartBurst b) {
      restartBurst(b, random, out);
    } else if (event instanceof TimelineEvent.AddSupernodes a) {
      Activate wake = new Activate(a.maxClients(), a.messageRate());
      int last = Math.min(world.firstDedicated() + world.dedicatedCount(), firstDedicated + a.count());
      for (int id = firstDedicated; id < last; id++) {
        out.order(id, wake, at);
      }
    } else if (event instanceof TimelineEvent.SetParameter p) {
      setParameter(OverlayParams.SETTABLE.find(p.key()), p.value(), at, out);
    } else if (event instanceof TimelineEvent.ThrottleLogins t) {
      setParameter(OverlayParams.SETTABLE.find("login.admission-rate"), t.perSecond(), at, out);
    } else if (event instanceof TimelineEvent.SetDefence d) {
      // Defences guard login servers and whoever serves as a supernode (any peer may).
      ChangeDefence change = new ChangeDefence(Defences.SETTABLE.find(d.key()).code(), d.value());
      for (int id = 0; id < world.firstAttacker(); id++) {
        out.order(id, change, at);
      }
    } else if (event instanceof TimelineEvent.StartBotnet s) {
      startBotnet(world.botnetIndex(s.botnet()), at, Long.MAX_VALUE, out);
    } else if (event instanceof TimelineEvent.StopBotnet s) {
      stopBotnet(world.botnetIndex(s.botnet()), at, out);
    }
    // End of run: nothing to send.
  }

  /** Bots of botnet {@code b} join from {@code at} over its ramp (those joining at or after {@code until} never do). */
  void startBotnet(int b, long at, long until, Orders out) {
    Botnet botnet = world.attack().botnets().get(b);
    BotStart start = new BotStart(at);
    for (int i = 0; i < botnet.bots(); i++) {
      long join = at + (long) (botnet.ramp() * (double) i / botnet.bots());
      if (join < until) {
        out.order(world.firstBot(b) + i, start, join);
      }
    }
  }

  void stopBotnet(int b, long at, Orders out) {
    BotStop stop = new BotStop();
    for (int i = 0; i < world.attack().botnets().get(b).bots(); i++) {
      out.order(world.firstBot(b) + i, stop, at);
    }
  }

  /**
   * A parameter change goes to the entities that read it: the login servers' own settings to
   * them, everything else (healing, client throttling, supernode capacity) to every peer,
   * bootstrap and dedicated supernode.
   */
  private void setParameter(SettableKeys.Key<OverlayParams> key, double value, long at, Orders out) {
    ChangeParameter change = new ChangeParameter(key.code(), value);
    boolean serverSide = key.name().equals("login.admission-rate") || key.name().equals("login.queue-capacity");
    int from = serverSide ? 0 : world.firstBootstrap();
    int to = serverSide ? world.loginServers() : world.firstAttacker();
    for (int id = from; id < to; id++) {
      out.order(id, change, at);
    }
  }

  /**
   * Every ordinary peer draws two numbers, matching or not (a pick against the fraction and the
   * place in the window), so the selection of one peer does not depend on the selector's
   * outcome for another; a selected peer then draws its downtime.
   */
  private void restartBurst(TimelineEvent.RestartBurst b, RandomGenerator random, Orders out) {
    for (int id = world.firstPeer(); id < world.firstAttacker(); id++) {
      double pick = random.nextDouble();
      double jitter = random.nextDouble();
      if (pick >= b.fraction() || !matches(b.selector(), id)) {
        continue;
      }
      long time = restartTime(b, world.region(id)) + (long) (jitter * b.window());
      long downtime = Math.max(1, b.downtime().sampleMicros(random));
      out.order(id, new Restart(downtime, b.crash(), b.includeSupernodes(), b.missedDelay()), time);
    }
  }

  private boolean matches(TimelineEvent.Selector selector, int id) {
    return switch (selector) {
      case ALL -> true;
      case AUTO_UPDATE -> world.autoUpdate(id);
      case ELIGIBLE -> world.eligible(id);
      case AFFECTED_VERSION -> world.affectedVersion(id);
    };
  }

  /** When a burst's window opens in a region: at its time, or when the region's clock first shows its local time. */
  long restartTime(TimelineEvent.RestartBurst b, int region) {
    if (b.localTimeOfDay() < 0) {
      return b.at();
    }
    long offset = world.utcOffsetMicros(region);
    long day = 24 * OverlayParams.HOUR;
    long candidate = Math.floorDiv(b.at() + offset, day) * day + b.localTimeOfDay() - offset;
    return candidate < b.at() ? candidate + day : candidate;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
