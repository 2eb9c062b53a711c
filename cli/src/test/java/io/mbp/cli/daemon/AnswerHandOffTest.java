package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** The engine's answers reach the HTTP pool one task per group commit (ADR 0144), every one of them, in order. */
class AnswerHandOffTest {
    /** A pool that keeps what it is given, to run it when the test says. */
    private static final class Pool implements Executor {
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public synchronized void execute(Runnable r) {
            tasks.add(r);
        }

        synchronized void runAll() {
            List<Runnable> now = new ArrayList<>(tasks);
            tasks.clear();
            now.forEach(Runnable::run);
        }
    }

    @Test
    void completionsGivenWhileHeldReachThePoolAsOneTaskAtReleaseInOrder() {
        Pool pool = new Pool();
        AnswerHandOff handOff = new AnswerHandOff(pool);
        List<Integer> written = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            CompletableFuture<Integer> f = new CompletableFuture<>();
            f.whenCompleteAsync((v, x) -> written.add(v), handOff);
            answers.add(f);
        }
        handOff.hold();
        for (int i = 0; i < answers.size(); i++) {
            answers.get(i).complete(i);
        }
        assertEquals(0, pool.tasks.size(), "nothing reaches the pool while the engine holds");
        handOff.release();
        assertEquals(1, pool.tasks.size(), "one wake-up for the whole commit");
        pool.runAll();
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), written);
    }

    @Test
    void aLargeCommitIsSpreadOverTasksOfAChunkEach() {
        Pool pool = new Pool();
        AnswerHandOff handOff = new AnswerHandOff(pool);
        List<Integer> written = new CopyOnWriteArrayList<>();
        int n = AnswerHandOff.CHUNK * 2 + 3;
        handOff.hold();
        for (int i = 0; i < n; i++) {
            int k = i;
            handOff.execute(() -> written.add(k));
        }
        handOff.release();
        assertEquals(3, pool.tasks.size());
        pool.runAll();
        assertEquals(n, written.size());
        for (int i = 0; i < n; i++) {
            assertEquals(i, written.get(i));
        }
        handOff.release(); // nothing held: nothing more
        assertEquals(0, pool.tasks.size());
    }

    @Test
    void otherThreadsAndTheEngineOutsideAHoldGoStraightToThePool() throws Exception {
        Pool pool = new Pool();
        AnswerHandOff handOff = new AnswerHandOff(pool);
        handOff.execute(() -> { });
        assertEquals(1, pool.tasks.size(), "not held: at once");
        handOff.hold();
        Thread other = new Thread(() -> handOff.execute(() -> { }));
        other.start();
        other.join();
        assertEquals(2, pool.tasks.size(), "another thread is never held back by the engine's hold");
        handOff.release();
        assertEquals(2, pool.tasks.size());
    }

    @Test
    void aFailingAnswerDoesNotKeepTheRestOfItsCommitFromBeingWritten() {
        Pool pool = new Pool();
        AnswerHandOff handOff = new AnswerHandOff(pool);
        List<String> written = new CopyOnWriteArrayList<>();
        handOff.hold();
        handOff.execute(() -> written.add("a"));
        handOff.execute(() -> {
            throw new IllegalStateException("a broken connection");
        });
        handOff.execute(() -> written.add("c"));
        handOff.release();
        pool.runAll();
        assertEquals(List.of("a", "c"), written);
    }

    @Test
    void aStoppingPoolGetsTheAnswersWrittenOnTheReleasingThread() {
        AnswerHandOff handOff = new AnswerHandOff(r -> {
            throw new RejectedExecutionException("stopped");
        });
        List<String> written = new CopyOnWriteArrayList<>();
        handOff.hold();
        handOff.execute(() -> written.add("a"));
        handOff.execute(() -> written.add("b"));
        handOff.release();
        assertEquals(List.of("a", "b"), written);
    }
}
