package io.hibernatecas.stress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The recorded writes of one column of some rows, each as a transition from the value the writer saw to the value it
 * wrote, and the check that they form one unbroken chain per row.
 * <p>
 * Every value ever written is unique. A writer that saw {@code a} and wrote {@code b} records {@code a -> b}, and
 * only after its write committed. If no write was lost, the transitions of a row form exactly one chain from the
 * initial value to the value the row holds at the end. A lost update shows as a fork: two committed writes that saw
 * the same value (the second overwrote the first without seeing it), and the overwritten branch then ends before the
 * final value.
 */
final class History {

    /** One committed write: {@code writer} saw {@code from} and wrote {@code to}. */
    record Transition(long row, String from, String to, String writer) {
    }

    private final ConcurrentLinkedQueue<Transition> transitions = new ConcurrentLinkedQueue<>();

    void record(long row, String from, String to, String writer) {
        transitions.add(new Transition(row, from, to, writer));
    }

    int size() {
        return transitions.size();
    }

    /**
     * The violations of the chain of {@code row}: a value overwritten by two writers, a transition not reachable from
     * {@code initial}, or a chain that does not end at {@code finalValue}.
     */
    List<String> check(long row, String initial, String finalValue) {
        List<String> violations = new ArrayList<>();
        Map<String, Transition> next = new HashMap<>();
        int count = 0;
        for (Transition t : transitions) {
            if (t.row() != row) {
                continue;
            }
            count++;
            Transition earlier = next.putIfAbsent(t.from(), t);
            if (earlier != null) {
                violations.add("row " + row + ": '" + t.from() + "' was overwritten twice, by " + earlier.writer()
                        + " with '" + earlier.to() + "' and by " + t.writer() + " with '" + t.to() + "' (lost update)");
            }
        }
        String value = initial;
        int links = 0;
        for (Transition t = next.get(value); t != null && links <= count; t = next.get(value)) {
            value = t.to();
            links++;
        }
        if (!value.equals(finalValue)) {
            violations.add("row " + row + ": the chain of recorded writes ends at '" + value + "' but the row holds '"
                    + finalValue + "'");
        }
        if (links != count) {
            violations.add("row " + row + ": " + (count - links) + " of " + count + " recorded writes are not on the "
                    + "chain from '" + initial + "' (they overwrote a value they had not seen)");
        }
        return violations;
    }
}
