package org.wfmagentsync.support;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A step of a sync run works on an element only when it is taken, and tells its count at the end. */
class OnePassTest {

    @Test
    void each_element_is_worked_out_when_it_is_taken_and_the_count_is_told_once_at_the_end() {
        List<Integer> worked = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        OnePass<String> even = OnePass.of(List.of(1, 2, 3, 4, 5), n -> {
            worked.add(n);
            return n % 2 == 0 ? "n" + n : null;
        }, counts::add);
        Iterator<String> it = even.iterator();

        assertEquals(List.of(), worked, "nothing is worked out before it is asked for");
        assertEquals("n2", it.next());
        assertEquals(List.of(1, 2), worked);
        assertEquals("n4", it.next());
        assertEquals(List.of(), counts, "the count is not known while elements are left");
        assertFalse(it.hasNext());
        assertFalse(it.hasNext());
        assertEquals(List.of(2L), counts, "told once");
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void printing_it_takes_nothing() {
        List<Integer> worked = new ArrayList<>();
        OnePass<Integer> pass = OnePass.of(List.of(1, 2), n -> {
            worked.add(n);
            return n;
        });
        assertEquals("a sequence worked out as it is taken", pass.toString());
        assertEquals(List.of(), worked);
        assertEquals(List.of(1, 2), toList(pass));
        assertThrows(IllegalStateException.class, pass::iterator);
    }

    @Test
    void chunks_are_filled_only_when_taken_and_the_last_holds_what_is_left() {
        List<Integer> worked = new ArrayList<>();
        OnePass<Integer> source = OnePass.of(List.of(1, 2, 3, 4, 5), n -> {
            worked.add(n);
            return n;
        });
        Iterator<List<Integer>> chunks = OnePass.chunks(source, 2).iterator();

        assertEquals(List.of(), worked);
        assertEquals(List.of(1, 2), chunks.next());
        assertEquals(List.of(1, 2), worked, "the next chunk is not worked out yet");
        assertEquals(List.of(3, 4), chunks.next());
        assertEquals(List.of(5), chunks.next());
        assertFalse(chunks.hasNext());
        assertThrows(IllegalArgumentException.class, () -> OnePass.chunks(List.of(1), 0));
    }

    private static <T> List<T> toList(Iterable<T> items) {
        List<T> list = new ArrayList<>();
        items.forEach(list::add);
        return list;
    }
}
