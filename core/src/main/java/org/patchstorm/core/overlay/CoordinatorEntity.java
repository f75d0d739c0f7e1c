package org.patchstorm.core.overlay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.patchstorm.core.engine.Entity;
import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.overlay.OverlayMessage.Injected;
import org.patchstorm.core.overlay.OverlayMessage.Timer;
import org.patchstorm.core.overlay.attack.Botnet;

/**
 * The coordinator: the one entity that carries out the scenario. It holds the timeline (and the
 * declared botnets' start and stop) and, one command lead (the smallest latency between regions,
 * {@link OverlayWorld#commandLeadMicros}) before each event's time, selects the
 * targets and sends them commands (restart, wake, change a parameter or defence, start or stop
 * attacking) that arrive at the event's time. Events injected while the run goes arrive as
 * {@link Injected} entries and are carried out the same way, one command lead after they arrive.
 *
 * <p>Each event draws from a stream of its own, derived from the seed, its time and its place
 * among the events of that time (file order, then injection order), and the coordinator always
 * works through due events in that order; so a run replayed from its recorded experiment, with
 * the injected entries appended to the timeline, sends exactly the same commands.
 */
final class CoordinatorEntity implements Entity {

  static final int WAKE = 1;

  private final OverlayWorld world;
  private final FaultPlan plan;
  private final long lead;
  private final PriorityQueue<Due> pending = new PriorityQueue<>(
      Comparator.comparingLong(Due::wake).thenComparingLong(Due::at).thenComparingInt(Due::position));
  /** Events of the experiment's timeline per time, and those injected so far. */
  private final TreeMap<Long, Integer> eventsAt = new TreeMap<>();
  private long nextWake = Long.MAX_VALUE;
  private int wakeGen;
  /** The next dormant dedicated supernode an add-supernodes event wakes. */
  private int nextDedicated;

  /** A timeline event due at {@code wake}; declared botnets' own start and stop come first. */
  private record Due(long wake, long at, int position, TimelineEvent event) {}

  CoordinatorEntity(OverlayWorld world) {
    this.world = world;
    this.plan = new FaultPlan(world);
    this.lead = world.commandLeadMicros();
    this.nextDedicated = world.firstDedicated();
  }

  @Override
  public void start(EntityContext ctx) {
    List<Botnet> botnets = world.attack().botnets();
    for (int b = 0; b < botnets.size(); b++) {
      Botnet botnet = botnets.get(b);
      add(new TimelineEvent.StartBotnet(botnet.start(), botnet.name()), Integer.MIN_VALUE + 2 * b);
      add(new TimelineEvent.StopBotnet(botnet.stop(), botnet.name()), Integer.MIN_VALUE + 2 * b + 1);
    }
    for (TimelineEvent e : world.params().timeline().events()) {
      add(e, eventsAt.merge(e.at(), 1, Integer::sum) - 1);
    }
    wakeBy(ctx, Long.MAX_VALUE);
  }

  @Override
  public void receive(EntityContext ctx, Object message) {
    if (message instanceof Timer t && t.kind() == WAKE) {
      if (t.gen() == wakeGen) {
        nextWake = Long.MAX_VALUE;
        carryOutDue(ctx);
        wakeBy(ctx, Long.MAX_VALUE);
      }
    } else if (message instanceof Injected m) {
      TimelineEvent event = TimelineEntry.readInjected(m.timelineEntry(), world);
      add(event, eventsAt.merge(event.at(), 1, Integer::sum) - 1);
      wakeBy(ctx, nextWake);
    }
  }

  private void add(TimelineEvent event, int position) {
    pending.add(new Due(Math.max(0, event.at() - lead), event.at(), position, event));
  }

  /** Sets the wake timer for the earliest pending event, if it is earlier than {@code current}. */
  private void wakeBy(EntityContext ctx, long current) {
    Due first = pending.peek();
    if (first == null || first.wake() >= current) {
      return;
    }
    nextWake = first.wake();
    wakeGen++;
    ctx.schedule(Math.max(0, nextWake - ctx.now()), new Timer(WAKE, wakeGen, 0));
  }

  private void carryOutDue(EntityContext ctx) {
    long now = ctx.now();
    List<Due> due = new ArrayList<>();
    while (!pending.isEmpty() && pending.peek().wake() <= now) {
      due.add(pending.poll());
    }
    for (Due d : due) {
      FaultPlan.Orders send = (target, command, at) -> ctx.send(target, command, Math.max(lead, at - now));
      if (d.position() < 0) {
        plan.plan(d.event(), null, 0, send); // a declared botnet starts or stops: no draws
        continue;
      }
      plan.plan(d.event(), FaultPlan.stream(world.seed(), d.at(), d.position()), nextDedicated, send);
      if (d.event() instanceof TimelineEvent.AddSupernodes a) {
        nextDedicated += a.count();
      }
    }
  }
}
