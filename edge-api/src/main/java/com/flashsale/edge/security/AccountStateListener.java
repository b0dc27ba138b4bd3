package com.flashsale.edge.security;

import com.flashsale.auth.AccountState;
import com.flashsale.auth.AccountStates;
import com.flashsale.auth.Caller;
import com.flashsale.contracts.AccountChanged;
import com.flashsale.contracts.Topics;
import com.flashsale.edge.messaging.TopicTail;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The accounts topic, read from its start (compacted): the edge's copy of every account's standing
 * (role, enabled, tokens valid from), so a change takes effect within seconds.
 */
@Component
class AccountStateListener implements AutoCloseable {

    private final AccountStates states;
    private final JsonMapper json;
    private final TopicTail tail;

    AccountStateListener(
            @Value("${spring.kafka.bootstrap-servers}") String bootstrap, AccountStates states, JsonMapper json) {
        this.states = states;
        this.json = json;
        this.tail = new TopicTail(
                        "accounts", bootstrap, List.of(Topics.ACCOUNTS), TopicTail.Start.BEGINNING, this::onAccount)
                .start();
    }

    void onAccount(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        AccountChanged changed = json.readValue(record.value(), AccountChanged.class);
        states.update(new AccountState(
                changed.userId(),
                Caller.Role.valueOf(changed.role()),
                changed.enabled(),
                changed.tokensValidFrom(),
                changed.version()));
    }

    /** Every account change made before the edge started has been read. */
    boolean caughtUp() {
        return tail.caughtUp();
    }

    @Override
    public void close() {
        tail.close();
    }
}
