package org.wfmagentsync.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Callers that arrive while a transaction is written share the next one, and each returns only once its own is committed. */
class GroupCommitTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    /** A thread per caller (the common pool may have a single thread on a small machine). */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** A transaction that commits its items to a list, the first one held until released, "bad" refused. */
    private static final class Transactions {
        final List<List<String>> committed = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch releaseFirst = new CountDownLatch(1);

        void run(List<String> items) {
            if (firstStarted.getCount() > 0) {
                firstStarted.countDown();
                await(releaseFirst);
            }
            if (items.contains("bad")) {
                throw new IllegalStateException("state database error: refused");
            }
            committed.add(List.copyOf(items));
        }
    }

    @Test
    void callers_arriving_during_a_commit_share_the_next_transaction_and_return_once_it_is_committed() throws Exception {
        Transactions transactions = new Transactions();
        GroupCommit<String> group = new GroupCommit<>(transactions::run);

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> group.commit("a"), threads);
        await(transactions.firstStarted);
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> group.commit("b"), threads);
        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> group.commit("c"), threads);
        awaitTrue(() -> group.queued() == 2, "two callers queued");
        assertFalse(second.isDone() || third.isDone(), "nobody returns before its items are committed");

        transactions.releaseFirst.countDown();
        CompletableFuture.allOf(first, second, third).get(BOUND.toSeconds(), TimeUnit.SECONDS);

        assertEquals(2, transactions.committed.size(), "one transaction for a, one for b and c together");
        assertEquals(List.of("a"), transactions.committed.get(0));
        assertEquals(List.of("b", "c"), transactions.committed.get(1).stream().sorted().toList());
    }

    @Test
    void a_caller_whose_items_fail_gets_the_failure_and_the_others_of_its_group_are_committed() throws Exception {
        Transactions transactions = new Transactions();
        GroupCommit<String> group = new GroupCommit<>(transactions::run);

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> group.commit("a"), threads);
        await(transactions.firstStarted);
        CompletableFuture<Void> bad = CompletableFuture.runAsync(() -> group.commit("bad"), threads);
        CompletableFuture<Void> good = CompletableFuture.runAsync(() -> group.commit("c"), threads);
        awaitTrue(() -> group.queued() == 2, "two callers queued");
        transactions.releaseFirst.countDown();

        first.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        good.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> bad.get(BOUND.toSeconds(), TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, failure.getCause());
        assertEquals(List.of(List.of("a"), List.of("c")), transactions.committed);
    }

    @Test
    void a_caller_alone_commits_at_once_and_sees_its_own_failure() {
        Transactions transactions = new Transactions();
        transactions.releaseFirst.countDown();
        GroupCommit<String> group = new GroupCommit<>(transactions::run);

        group.commit("a");
        assertThrows(IllegalStateException.class, () -> group.commit("bad"));
        group.commit("b");

        assertEquals(List.of(List.of("a"), List.of("b")), transactions.committed);
    }

    @Test
    void an_interrupted_caller_still_returns_only_after_its_items_are_committed() throws Exception {
        Transactions transactions = new Transactions();
        GroupCommit<String> group = new GroupCommit<>(transactions::run);

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> group.commit("a"), threads);
        await(transactions.firstStarted);
        CompletableFuture<Boolean> interruptedCaller = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            group.commit("b");
            interruptedCaller.complete(Thread.currentThread().isInterrupted());
        });
        waiter.start();
        awaitTrue(() -> group.queued() == 1, "the caller queued");
        waiter.interrupt();
        assertFalse(interruptedCaller.isDone(), "an interrupt does not release a caller before its commit");

        transactions.releaseFirst.countDown();
        assertTrue(interruptedCaller.get(BOUND.toSeconds(), TimeUnit.SECONDS), "the interrupt is kept for the caller");
        first.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        assertEquals(List.of(List.of("a"), List.of("b")), transactions.committed);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError(new TimeoutException("latch not released within " + BOUND));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
