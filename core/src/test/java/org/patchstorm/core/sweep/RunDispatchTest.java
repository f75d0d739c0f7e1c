package org.patchstorm.core.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunDispatchTest {

  private static List<String> runsOf(List<RunDispatch.Assignment<String>> assigned, String worker) {
    return assigned.stream().filter(a -> a.worker().equals(worker))
        .map(a -> Integer.toString(a.run())).toList();
  }

  @Test
  void runsGoOutInOrderAtMostPerWorkerAtATime() {
    RunDispatch<String> d = new RunDispatch<>(5, 2);
    d.workers(List.of("a", "b"));
    List<RunDispatch.Assignment<String>> first = d.assign();
    assertEquals(List.of("0", "2"), runsOf(first, "a"));
    assertEquals(List.of("1", "3"), runsOf(first, "b"));
    assertTrue(d.assign().isEmpty(), "no worker has room");
    assertTrue(d.ended("b", 1));
    assertEquals(List.of(new RunDispatch.Assignment<>("b", 4)), d.assign());
  }

  @Test
  void aWorkerThatGoesAwayGivesItsRunsToTheOthersFirst() {
    RunDispatch<String> d = new RunDispatch<>(6, 2);
    d.workers(List.of("a", "b"));
    d.assign(); // a: 0, 2; b: 1, 3
    assertEquals(List.of(0, 2), d.workers(List.of("b")));
    assertTrue(d.ended("b", 1));
    assertEquals(List.of(new RunDispatch.Assignment<>("b", 0)), d.assign(),
        "the lost runs come before the ones never started");
    assertFalse(d.stranded());
  }

  @Test
  void theFirstResultCountsAndALateOneIsIgnored() {
    RunDispatch<String> d = new RunDispatch<>(1, 1);
    d.workers(List.of("a", "b"));
    assertEquals(List.of(new RunDispatch.Assignment<>("a", 0)), d.assign());
    d.workers(List.of("b")); // a taken for lost
    assertEquals(List.of(new RunDispatch.Assignment<>("b", 0)), d.assign());
    assertTrue(d.ended("a", 0), "a came back with the result first: it counts");
    assertTrue(d.finished());
    assertFalse(d.ended("b", 0), "the second result of the run is not written again");
  }

  @Test
  void withNoWorkerLeftTheRunsAreStrandedUntilOneComes() {
    RunDispatch<String> d = new RunDispatch<>(2, 1);
    assertTrue(d.stranded(), "no worker yet");
    d.workers(List.of("a"));
    d.assign();
    d.workers(List.of());
    assertTrue(d.stranded());
    d.workers(List.of("c"));
    assertEquals(List.of(new RunDispatch.Assignment<>("c", 0)), d.assign());
    assertFalse(d.stranded());
  }

  @Test
  void aDamagedResultIsRunAgain() {
    RunDispatch<String> d = new RunDispatch<>(2, 1);
    d.workers(List.of("a"));
    d.assign();
    d.retry("a", 0);
    assertEquals(List.of(new RunDispatch.Assignment<>("a", 0)), d.assign());
  }

  @Test
  void aWorkerTakesAtLeastOneRun() {
    assertThrows(IllegalArgumentException.class, () -> new RunDispatch<String>(3, 0));
  }

  /**
   * Property over seeds: whatever workers come and go and in whatever order results arrive, every
   * run is written exactly once, and no worker ever holds more than its share.
   */
  @Test
  void everyRunIsWrittenExactlyOnceHoweverWorkersComeAndGo() {
    for (long seed = 1; seed <= 50; seed++) {
      Random random = new Random(seed);
      int runs = 1 + random.nextInt(30);
      int perWorker = 1 + random.nextInt(3);
      RunDispatch<String> d = new RunDispatch<>(runs, perWorker);
      List<String> pool = List.of("a", "b", "c");
      Map<String, List<Integer>> carrying = new HashMap<>();
      List<Map.Entry<String, Integer>> late = new ArrayList<>();
      int[] written = new int[runs];
      List<String> reachable = new ArrayList<>(List.of("a"));
      d.workers(reachable);
      for (int step = 0; step < 10_000 && !d.finished(); step++) {
        for (RunDispatch.Assignment<String> a : d.assign()) {
          carrying.computeIfAbsent(a.worker(), w -> new ArrayList<>()).add(a.run());
          assertTrue(carrying.get(a.worker()).size() <= perWorker, "seed " + seed);
        }
        int action = random.nextInt(10);
        if (action == 0) {
          String w = pool.get(random.nextInt(pool.size()));
          if (reachable.contains(w) && reachable.size() > 1) {
            reachable.remove(w);
            List<Integer> had = carrying.remove(w);
            if (had != null && random.nextBoolean()) {
              late.addAll(had.stream().map(r -> Map.entry(w, r)).toList()); // may still answer
            }
          } else if (!reachable.contains(w)) {
            reachable.add(w);
          }
          d.workers(Set.copyOf(reachable));
        } else {
          if (!late.isEmpty() && random.nextInt(4) == 0) {
            Map.Entry<String, Integer> answer = late.remove(random.nextInt(late.size()));
            if (d.ended(answer.getKey(), answer.getValue())) {
              written[answer.getValue()]++;
            }
            continue;
          }
          List<String> busy = carrying.entrySet().stream()
              .filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).sorted().toList();
          if (!busy.isEmpty()) {
            String w = busy.get(random.nextInt(busy.size()));
            List<Integer> runsOfW = carrying.get(w);
            int run = runsOfW.remove(random.nextInt(runsOfW.size()));
            if (d.ended(w, run)) {
              written[run]++;
            }
          }
        }
      }
      assertTrue(d.finished(), "seed " + seed);
      for (int r = 0; r < runs; r++) {
        assertEquals(1, written[r], "seed " + seed + ", run " + r);
      }
    }
  }
}
