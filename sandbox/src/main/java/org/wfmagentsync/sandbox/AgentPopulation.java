package org.wfmagentsync.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The legacy agents' current states, with seeded initial values and seeded changes. */
final class AgentPopulation {

    private static final AgentState[] STATES = AgentState.values();
    /** Initial mix, in AgentState order: mostly working agents, some away, some logged out. */
    private static final double[] INITIAL_WEIGHTS = {0.35, 0.15, 0.30, 0.10, 0.10};
    /** Initial changedAt lies up to this far before the start, so the first feed looks lived-in. */
    private static final long INITIAL_SPREAD_SECONDS = 8 * 3600;

    private final int size;
    private final AgentState[] states;
    private final String[] reasons;
    private final Instant[] changedAt;
    /** Scratch permutation reused by partial Fisher-Yates so picking k agents costs O(k), not O(N). */
    private final int[] order;
    private final SplittableRandom random;

    AgentPopulation(int size, long seed, Instant start) {
        this.size = size;
        this.states = new AgentState[size];
        this.reasons = new String[size];
        this.changedAt = new Instant[size];
        this.order = new int[size];
        this.random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            order[i] = i;
            states[i] = initialState();
            reasons[i] = states[i] == AgentState.NOT_READY ? randomReason() : null;
            changedAt[i] = start.minusSeconds(random.nextLong(INITIAL_SPREAD_SECONDS + 1));
        }
    }

    int size() {
        return size;
    }

    /** The agent id at an index. */
    String agentId(int index) {
        return SandboxUsers.agentId(index, size);
    }

    /** Changes {@code count} distinct agents (capped at the population) to another state; returns their ids. */
    synchronized List<String> change(int count, Instant now) {
        int k = Math.max(0, Math.min(count, size));
        List<String> changed = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(size - i);
            int picked = order[j];
            order[j] = order[i];
            order[i] = picked;
            moveToOtherState(picked, now);
            changed.add(agentId(picked));
        }
        return changed;
    }

    /** Changes the share of agents a poll should see move, rounded to a whole number of agents. */
    List<String> changeShare(double share, Instant now) {
        return change((int) Math.round(share * size), now);
    }

    /** Sets one agent's state as given. */
    synchronized void set(String agentId, AgentState state, String reason, Instant now) {
        AgentTruth truth = new AgentTruth(state, reason, now); // validates the state/reason pair
        int index = indexOf(agentId);
        states[index] = truth.state();
        reasons[index] = truth.reason();
        changedAt[index] = truth.changedAt();
    }

    /** A consistent copy of every agent's record, for serving one feed without holding the lock. */
    synchronized Snapshot snapshot() {
        return new Snapshot(states.clone(), reasons.clone(), changedAt.clone());
    }

    /** Every agent's record keyed by agent id, in id order. */
    Map<String, AgentTruth> truth() {
        Snapshot snapshot = snapshot();
        Map<String, AgentTruth> map = new LinkedHashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            map.put(agentId(i), new AgentTruth(snapshot.states[i], snapshot.reasons[i], snapshot.changedAt[i]));
        }
        return Collections.unmodifiableMap(map);
    }

    private void moveToOtherState(int index, Instant now) {
        // Draw among the other four states so every change is a real state change.
        int next = random.nextInt(STATES.length - 1);
        if (next >= states[index].ordinal()) {
            next++;
        }
        states[index] = STATES[next];
        reasons[index] = states[index] == AgentState.NOT_READY ? randomReason() : null;
        changedAt[index] = now;
    }

    private AgentState initialState() {
        double draw = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < STATES.length; i++) {
            cumulative += INITIAL_WEIGHTS[i];
            if (draw < cumulative) {
                return STATES[i];
            }
        }
        return STATES[STATES.length - 1];
    }

    private String randomReason() {
        return AgentState.NOT_READY_REASONS.get(random.nextInt(AgentState.NOT_READY_REASONS.size()));
    }

    private int indexOf(String agentId) {
        int digits = SandboxUsers.idDigits(size);
        if (agentId == null || agentId.length() != digits + 1 || agentId.charAt(0) != 'A') {
            throw new IllegalArgumentException("unknown agent id " + agentId);
        }
        int number;
        try {
            number = Integer.parseInt(agentId.substring(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unknown agent id " + agentId, e);
        }
        if (number < 1 || number > size) {
            throw new IllegalArgumentException("unknown agent id " + agentId);
        }
        return number - 1;
    }

    /** Copied arrays of one moment; index i is agent {@code agentId(i)}. */
    record Snapshot(AgentState[] states, String[] reasons, Instant[] changedAt) {
    }
}
