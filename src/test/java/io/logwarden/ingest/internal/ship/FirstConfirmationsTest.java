package io.logwarden.ingest.internal.ship;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FirstConfirmationsTest {

    @Test
    void without_a_replay_every_confirmation_is_the_first() {
        FirstConfirmations first = new FirstConfirmations();

        assertThat(first.first(0)).isTrue();
        assertThat(first.first(100)).isTrue();
    }

    @Test
    void records_confirmed_before_a_replay_are_not_counted_again_when_re_sent() {
        FirstConfirmations first = new FirstConfirmations();
        // sent 0, 100, 200, 300 (end 400); 0 and 200 confirmed and counted, 100 and 300 failed
        assertThat(first.first(0)).isTrue();
        assertThat(first.first(200)).isTrue();
        first.replaying(100, Set.of(100L, 300L), 400);

        assertThat(List.of(first.first(100), first.first(200), first.first(300))).containsExactly(true, false, true);
        assertThat(first.first(100)).as("a second confirmation of the same position").isFalse();
        assertThat(first.first(400)).as("new records after the replayed range").isTrue();
    }

    @Test
    void survives_a_second_replay_before_the_first_one_finished() {
        FirstConfirmations first = new FirstConfirmations();
        first.first(0);
        first.replaying(100, Set.of(100L, 200L), 300); // 100, 200 never confirmed
        assertThat(first.first(200)).isTrue();           // replayed 200 confirmed, 100 failed again
        first.first(300);                                // then 300, 400 sent; 300 confirmed
        first.replaying(100, Set.of(100L, 400L), 500);

        assertThat(first.first(100)).isTrue();
        assertThat(first.first(200)).isFalse();
        assertThat(first.first(300)).isFalse();
        assertThat(first.first(400)).isTrue();
    }

    @Test
    void forgets_positions_below_the_replay_start() {
        FirstConfirmations first = new FirstConfirmations();
        first.replaying(0, Set.of(0L, 100L), 200);
        first.replaying(150, Set.of(), 200);

        assertThat(first.first(100)).isFalse();
    }
}
