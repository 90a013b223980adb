package org.wfmagentsync.support;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * A sequence worked out one element at a time, as it is taken, and taken once. A sync run's steps
 * hand each other these instead of whole lists, so the first batch goes out to Genesys Cloud while
 * the rest of the legacy feed is still being checked, mapped and compared with what was delivered
 * (the split in routes/push.camel.yaml streams); whatever a step records on the way (a dead letter,
 * a count) it records when the element reaches it.
 *
 * @param <T> what the sequence yields
 */
public final class OnePass<T> implements Iterable<T> {

    private final Iterator<T> elements;
    private boolean taken;

    private OnePass(Iterator<T> elements) {
        this.elements = elements;
    }

    /** The elements of {@code iterator}, as they come. */
    public static <T> OnePass<T> of(Iterator<T> iterator) {
        return new OnePass<>(iterator);
    }

    /**
     * Each element of {@code source} through {@code step}, which returns null to drop one; when the
     * source is used up, {@code atEnd} gets how many were yielded (once).
     */
    public static <A, B> OnePass<B> of(Iterable<A> source, Function<? super A, ? extends B> step, LongConsumer atEnd) {
        Iterator<A> from = source.iterator();
        return new OnePass<>(new Iterator<>() {
            private B next;
            private long yielded;
            private boolean ended;

            @Override
            public boolean hasNext() {
                while (next == null && from.hasNext()) {
                    next = step.apply(from.next());
                }
                if (next == null && !ended) {
                    ended = true;
                    atEnd.accept(yielded);
                }
                return next != null;
            }

            @Override
            public B next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                B element = next;
                next = null;
                yielded++;
                return element;
            }
        });
    }

    /** Each element of {@code source} through {@code step}, which returns null to drop one. */
    public static <A, B> OnePass<B> of(Iterable<A> source, Function<? super A, ? extends B> step) {
        return of(source, step, yielded -> { });
    }

    /**
     * Each element of {@code source} through {@code step}, which gives none, one or several in its
     * place, in order; worked out as they are taken, like {@link #of(Iterable, Function, LongConsumer)}.
     */
    public static <A, B> OnePass<B> flat(Iterable<A> source, Function<? super A, ? extends Iterable<? extends B>> step) {
        Iterator<A> from = source.iterator();
        return new OnePass<>(new Iterator<>() {
            private Iterator<? extends B> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && from.hasNext()) {
                    current = step.apply(from.next()).iterator();
                }
                return current.hasNext();
            }

            @Override
            public B next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        });
    }

    /**
     * The elements of {@code source} in lists of at most {@code size}, in order, each filled only when
     * it is taken: a step that looks something up for many elements at once does it a list at a time.
     */
    public static <T> OnePass<List<T>> chunks(Iterable<T> source, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a chunk holds at least one element: " + size);
        }
        Iterator<T> from = source.iterator();
        return new OnePass<>(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return from.hasNext();
            }

            @Override
            public List<T> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<T> chunk = new ArrayList<>(Math.min(size, 1024));
                while (chunk.size() < size && from.hasNext()) {
                    chunk.add(from.next());
                }
                return chunk;
            }
        });
    }

    @Override
    public Iterator<T> iterator() {
        if (taken) {
            throw new IllegalStateException("this sequence is worked out as it is taken and was taken already");
        }
        taken = true;
        return elements;
    }

    /** Never the elements: printing must not take them. */
    @Override
    public String toString() {
        return "a sequence worked out as it is taken" + (taken ? " (taken)" : "");
    }
}
