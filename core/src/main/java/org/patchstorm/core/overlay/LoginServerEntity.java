package org.patchstorm.core.overlay;

import org.patchstorm.core.engine.Entity;
import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.engine.Sampled;
import org.patchstorm.core.metrics.MetricsSink;
import org.patchstorm.core.overlay.OverlayMessage.LoginReply;
import org.patchstorm.core.overlay.OverlayMessage.LoginRequest;
import org.patchstorm.core.overlay.OverlayMessage.Timer;
import org.patchstorm.core.overlay.defence.ServerGuard;

/**
 * A login server: {@code workers} requests in service at a time, service times from a
 * distribution, a bounded FIFO queue, and an optional admission limit (token bucket). It cannot
 * tell whether a client still waits: requests whose client has timed out are still served, which
 * is the wasted work that keeps a flooded server useless.
 */
public final class LoginServerEntity implements Entity, Sampled {

  static final int SERVICE_DONE = 1;

  private final OverlayWorld world;
  private final ServerGuard guard = ServerGuard.forLoginServer();
  /** Shared with the other entities that have seen the same commands. */
  private InForce inForce;
  private int busy;
  // FIFO ring of waiting requests.
  private int[] queueClient = new int[64];
  private int[] queueAttempt = new int[64];
  private long[] queueArrival = new long[64];
  private int head;
  private int size;
  private double tokens = -1;
  private long tokensAt;

  public LoginServerEntity(OverlayWorld world) {
    this.world = world;
    this.inForce = world.initialInForce();
  }

  @Override
  public void start(EntityContext ctx) {}

  @Override
  public void receive(EntityContext ctx, Object message) {
    if (message instanceof LoginRequest r) {
      onRequest(ctx, r);
    } else if (message instanceof Timer t && t.kind() == SERVICE_DONE) {
      onServiceDone(ctx, t.gen(), t.arg());
    } else if (message instanceof OverlayMessage.ChangeParameter c) {
      inForce = inForce.with(world, c);
    } else if (message instanceof OverlayMessage.ChangeDefence c) {
      inForce = inForce.with(world, c);
    }
  }

  private void onRequest(EntityContext ctx, LoginRequest r) {
    OverlayParams.Login p = inForce.params().login();
    switch (Gatekeeper.judge(ctx, world, guard, r.client(), size, p.queueCapacity(), inForce.defences())) {
      case BLOCKED -> {
        return; // dropped at the edge: the client times out
      }
      case RATE_LIMITED, SHED -> {
        reply(ctx, r.client(), r.attempt(), false); // refused cheaply
        return;
      }
      case PASS -> { }
    }
    if (!admit(ctx.now(), p)) {
      reply(ctx, r.client(), r.attempt(), false);
      return;
    }
    if (busy < p.workers()) {
      ctx.metrics().record(OverlayMetrics.LOGIN_QUEUE_WAIT, 0);
      startService(ctx, p, r.client(), r.attempt());
    } else if (size < p.queueCapacity()) {
      enqueue(r.client(), r.attempt(), ctx.now());
    } else {
      reply(ctx, r.client(), r.attempt(), false);
    }
  }

  /**
   * Token bucket over the pool's admission rate, split evenly; it holds admission-burst's worth
   * of a server's share (at least one log-in).
   */
  private boolean admit(long now, OverlayParams.Login p) {
    if (p.admissionRate() <= 0) {
      tokens = -1;
      return true;
    }
    double rate = p.admissionRate() / p.servers();
    double burst = Math.max(1, rate * (p.admissionBurst() / (double) OverlayParams.SECOND));
    if (tokens < 0) {
      tokens = burst;
    } else {
      tokens = Math.min(burst, tokens + (now - tokensAt) * rate / OverlayParams.SECOND);
    }
    tokensAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  private void onServiceDone(EntityContext ctx, int client, int attempt) {
    busy--;
    reply(ctx, client, attempt, true);
    OverlayParams.Login p = inForce.params().login();
    if (size > 0 && busy < p.workers()) {
      int c = queueClient[head];
      int a = queueAttempt[head];
      long arrival = queueArrival[head];
      head = (head + 1) % queueClient.length;
      size--;
      ctx.metrics().record(OverlayMetrics.LOGIN_QUEUE_WAIT, ctx.now() - arrival);
      startService(ctx, p, c, a);
    }
  }

  private void startService(EntityContext ctx, OverlayParams.Login p, int client, int attempt) {
    busy++;
    long service = Math.max(1, p.serviceTime().sampleMicros(ctx.random()));
    ctx.schedule(service, new Timer(SERVICE_DONE, client, attempt));
  }

  private void reply(EntityContext ctx, int client, int attempt, boolean ok) {
    ctx.send(client, new LoginReply(ctx.self(), attempt, ok), world.latency(ctx.self(), client, ctx.random()));
  }

  private void enqueue(int client, int attempt, long now) {
    if (size == queueClient.length) {
      int n = queueClient.length * 2;
      int[] c = new int[n];
      int[] a = new int[n];
      long[] t = new long[n];
      for (int i = 0; i < size; i++) {
        int j = (head + i) % queueClient.length;
        c[i] = queueClient[j];
        a[i] = queueAttempt[j];
        t[i] = queueArrival[j];
      }
      queueClient = c;
      queueAttempt = a;
      queueArrival = t;
      head = 0;
    }
    int tail = (head + size) % queueClient.length;
    queueClient[tail] = client;
    queueAttempt[tail] = attempt;
    queueArrival[tail] = now;
    size++;
  }

  /** Queue length at the report boundary. */
  @Override
  public void sample(MetricsSink sink) {
    sink.record(OverlayMetrics.LOGIN_QUEUE, size);
  }

  int queueLength() {
    return size;
  }

  int busyWorkers() {
    return busy;
  }
}
