package io.kafkaconnect.mesos.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the ledger (compacted) and result topics when they do not exist. */
final class SinkTopics {

    private static final Logger LOG = LoggerFactory.getLogger(SinkTopics.class);

    private SinkTopics() {
    }

    static void ensure(Admin admin, String ledgerTopic, String resultTopic, int ledgerPartitions, short replication,
                       long timeoutMs) {
        Optional<Integer> partitions = ledgerPartitions > 0 ? Optional.of(ledgerPartitions) : Optional.empty();
        Optional<Short> rf = replication > 0 ? Optional.of(replication) : Optional.empty();
        try {
            Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            if (!existing.contains(ledgerTopic)) {
                missing.add(new NewTopic(ledgerTopic, partitions, rf)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            }
            if (!existing.contains(resultTopic)) {
                missing.add(new NewTopic(resultTopic, Optional.empty(), rf));
            }
            for (var e : admin.createTopics(missing).values().entrySet()) {
                try {
                    e.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
                    LOG.info("Created topic {}", e.getKey());
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw ex;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted creating the sink's topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ConnectException("could not create the sink's topics " + ledgerTopic + " and " + resultTopic,
                    e instanceof ExecutionException ? e.getCause() : e);
        }
    }
}
