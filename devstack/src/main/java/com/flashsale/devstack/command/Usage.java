package com.flashsale.devstack.command;

import com.flashsale.devstack.component.Kind;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The text of {@code ./flashsale help}. */
public final class Usage {

    private Usage() {}

    public static String text() {
        String components = Arrays.stream(Kind.values()).map(Kind::id).collect(Collectors.joining(" "));
        return """
                usage: ./flashsale <command> [component...]

                  up [component...]    build what is stale, start what is not running, wait for health, print the URLs
                     [--edges N] [--processors N]
                                       N instances of edge-api (up to 9) / order-processor (up to 12), default 1 each; the
                                       n-th listens on the first one's port + 10 (n - 1): edge-api-2 on 8090, order-processor-2
                                       on 8091; a kind's name stands for all its instances, edge-api-2 for one,
                                       edge-api-1 for the first alone
                  down [component...]  stop what ./flashsale started (services, then Kafka, then PostgreSQL); data is kept
                  status               each component: state, PID, port, resident memory, log
                  kill <component>     kill -9 one component (fault tests)
                  reset                stop everything and wipe the data
                  test                 every test: mvn verify, frontend checks, system and browser tests on a stack of their own
                  burst [--users N --requests N --stock N --concurrency N]
                                       a Gatling purchase burst against the running stack (defaults 20000, 100000, 1000, 256):
                                       the verdict on every invariant, answers, timings, the report's path
                  bench                the benchmark (docs/benchmarks.md) on a stack of its own over the machine's PostgreSQL
                                       (127.0.0.1:5432, database flashsale_bench; ports 28080-28082, 29092-29093, or set
                                       FLASHSALE_BENCH_EDGE_PORT, _ORDERS_PORT, _CATALOG_PORT, _KAFKA_PORT, _KAFKA_CONTROLLER_PORT, _PG_PORT;
                                       FLASHSALE_BENCH_PHASES=a runs only phase a, "b,c" phases b and c, d the first-sight bursts;
                                       FLASHSALE_BENCH_DB=flashsale_bench, FLASHSALE_BENCH_DIR=load-tests/target/bench: the
                                       database and the folder of results, logs and home, for a run beside another)

                components: %s

                environment:
                  FLASHSALE_HOME              state, logs and data (default: .flashsale in the repository)
                  FLASHSALE_EDGE_PORT=8080  FLASHSALE_ORDERS_PORT=8081  FLASHSALE_CATALOG_PORT=8082
                  FLASHSALE_KAFKA_PORT=9092  FLASHSALE_KAFKA_CONTROLLER_PORT=9093  FLASHSALE_PG_PORT=15432
                  FLASHSALE_EDGES=1  FLASHSALE_PROCESSORS=1  instances, as up --edges / --processors
                  FLASHSALE_DB_URL            use this PostgreSQL instead of the embedded one
                                              (postgresql://user:pass@host:port/db or jdbc:postgresql://host:port/db)
                  FLASHSALE_KAFKA_BOOTSTRAP   use this Kafka instead of the local broker (host:port,...)
                  FLASHSALE_HEALTH_TIMEOUT=120, FLASHSALE_SERVICE_JAVA_OPTS (default -Xms64m -Xmx384m -XX:+UseSerialGC),
                  FLASHSALE_EDGE_JAVA_OPTS (edge-api only, after its -Xms256m -Xmn128m while the services' default holds),
                  FLASHSALE_ORDERS_JAVA_OPTS (order-processor only), FLASHSALE_KAFKA_JAVA_OPTS
                  FLASHSALE_TEST_EDGE_PORT=18080 (and _ORDERS_PORT, _CATALOG_PORT, _KAFKA_PORT, _KAFKA_CONTROLLER_PORT,
                  _PG_PORT: 18081, 18082, 19092, 19093, 25432): the ports of the stack that ./flashsale test starts
                """.formatted(components);
    }
}
