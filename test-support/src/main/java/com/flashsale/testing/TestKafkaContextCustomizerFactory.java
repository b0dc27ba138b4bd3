package com.flashsale.testing;

import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives a test context marked {@link TestKafka} its broker, as spring-kafka-test's factory does for
 * {@code @EmbeddedKafka}: started while the context is prepared, a bean of the context (closed with
 * it), and contexts with the same attributes are the same cached context. Registered in {@code
 * META-INF/spring.factories}.
 */
class TestKafkaContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        TestKafka kafka = TestContextAnnotationUtils.findMergedAnnotation(testClass, TestKafka.class);
        return kafka == null ? null : new Customizer(kafka);
    }

    /** Equal for equal attributes, so that such contexts are one cached context, as with @EmbeddedKafka. */
    private record Customizer(TestKafka kafka) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            var environment = context.getEnvironment();
            TestBroker broker = TestInfrastructure.broker(kafka, environment::resolvePlaceholders);
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "testKafka", Map.of("spring.kafka.bootstrap-servers", broker.bootstrapServers())));
            ((GenericApplicationContext) context).registerBean("testKafka", TestBroker.class, () -> broker);
        }
    }
}
