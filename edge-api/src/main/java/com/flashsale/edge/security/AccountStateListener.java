package com.flashsale.edge.security;

import com.flashsale.auth.AccountState;
import com.flashsale.auth.AccountStates;
import com.flashsale.auth.Caller;
import com.flashsale.contracts.AccountChanged;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

/** Feeds the edge's copy of account states from the compacted accounts topic. */
final class AccountStateListener implements Consumer<ConsumerRecord<String, String>> {

    private final AccountStates states;
    private final JsonMapper json;

    AccountStateListener(AccountStates states, JsonMapper json) {
        this.states = states;
        this.json = json;
    }

    @Override
    public void accept(ConsumerRecord<String, String> record) {
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
}
