package org.planledger.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.planledger.query.QuerySideApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The query side running in this JVM against the test database (PLANLEDGER_DB_URL), answering real HTTP on a free
 * port, with a clock the test sets, and the projections' event handlers callable directly with chosen events.
 */
final class QuerySide implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final Map<String, AnnotationEventHandlerAdapter> adapters = new java.util.concurrent.ConcurrentHashMap<>();

    private QuerySide(ConfigurableApplicationContext context) {
        this.context = context;
        this.base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** Starts the query side; {@code properties} ("name=value") override application.yml. */
    static QuerySide start(String... properties) {
        return start("demo", properties);
    }

    /**
     * Starts the query side with one account, inspector/demo, whose password is stored unhashed: HTTP Basic against
     * the demo accounts' bcrypt hashes costs some 60 ms of CPU per request here, which would hide the cost of the
     * query itself. For the benchmark only.
     */
    static QuerySide startWithPlainPassword(String... properties) {
        return start("bench", properties);
    }

    /**
     * Starts the query side with its processors held at their first event until {@link Gate#open()}: what a query
     * answers before any projection has run.
     */
    static QuerySide startHeld(String... properties) {
        Gate.close();
        return start("demo", List.of(Gate.class), properties);
    }

    private static QuerySide start(String profile, String... properties) {
        return start(profile, List.of(), properties);
    }

    private static QuerySide start(String profile, List<Class<?>> extra, String... properties) {
        String[] args = new String[properties.length + 2];
        // a free port, unless a by-hand benchmark names one (-Dplanledger.bench.port)
        args[0] = "--server.port=" + System.getProperty("planledger.bench.port", "0");
        args[1] = "--planledger.demo-password=demo";
        for (int i = 0; i < properties.length; i++) {
            args[i + 2] = "--" + properties[i];
        }
        List<Class<?>> sources = new java.util.ArrayList<>(List.of(QuerySideApplication.class, TestClock.class,
                PlainAccount.class));
        sources.addAll(extra);
        return new QuerySide(new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).profiles(profile).run(args));
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    /** The clock "today" is read from (workload), set by the test; the system clock until set. */
    void clockAt(Instant instant) {
        TestClock.NOW.set(instant);
    }

    /** Invokes a projection bean's event handlers with the events, as its processor would. */
    void feed(String beanName, EventMessage<?> message) {
        AnnotationEventHandlerAdapter adapter = adapters.computeIfAbsent(beanName,
                name -> new AnnotationEventHandlerAdapter(context.getBean(name)));
        var result = DefaultUnitOfWork.startAndGet(message).executeWithResult(() -> adapter.handle(message));
        if (result.isExceptional()) {
            throw new IllegalStateException("handler of " + beanName + " failed on " + message.getPayload(),
                    result.exceptionResult());
        }
    }

    HttpResponse<String> get(String path, Map<String, String> query) {
        return get(path, query, HttpResponse.BodyHandlers.ofString());
    }

    /** GET as inspector with any body handler (bytes for XLSX and PDF). */
    <T> HttpResponse<T> get(String path, Map<String, String> query, HttpResponse.BodyHandler<T> handler) {
        StringBuilder url = new StringBuilder(base).append(path);
        String sep = "?";
        for (Map.Entry<String, String> q : query.entrySet()) {
            if (q.getValue() != null) {
                url.append(sep).append(q.getKey()).append('=').append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
                sep = "&";
            }
        }
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url.toString()))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("inspector:demo".getBytes()))
                    .GET().build(), handler);
        } catch (Exception e) {
            throw new IllegalStateException("GET " + url + " failed", e);
        }
    }

    HttpResponse<String> post(String path, String user) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes()))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("POST " + path + " failed", e);
        }
    }

    /** GET that must answer 200; the body as JSON without the echoed asOf/validAt fields. */
    JsonNode json(String path, Map<String, String> query) {
        HttpResponse<String> response = get(path, query);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " " + query + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node instanceof ObjectNode object) {
                object.remove("asOf");
                object.remove("validAt");
            }
            return node;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends the events to the event store, as the command side would have. */
    void append(List<LedgerSimulation.Recorded> events) {
        org.axonframework.eventsourcing.eventstore.EventStore store =
                context.getBean(org.axonframework.eventsourcing.eventstore.EventStore.class);
        for (int i = 0; i < events.size(); i += 1000) {
            store.publish(events.subList(i, Math.min(events.size(), i + 1000)).stream()
                    .map(LedgerSimulation.Recorded::domainMessage).toList());
        }
    }

    /**
     * Waits until each named processor has handled every event in the store, is not replaying, has committed its
     * token there (so its rows are visible), and its read model is not rebuilding any more (the rebuilt generation is
     * live, or, for the plan, answered again).
     */
    void awaitCaughtUp(Duration atMost, String... processors) {
        Long head = context.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                .queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        org.axonframework.config.EventProcessingConfiguration config =
                context.getBean(org.axonframework.config.EventProcessingConfiguration.class);
        org.awaitility.Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (String name : processors) {
                var status = config.eventProcessor(name, org.axonframework.eventhandling.StreamingEventProcessor.class)
                        .orElseThrow().processingStatus();
                boolean done = !status.isEmpty() && status.values().stream().allMatch(s ->
                        org.planledger.query.support.ProjectionGenerations.caughtUp(s)
                                && s.getCurrentPosition().orElse(-1) >= head);
                if (!done) {
                    return false;
                }
            }
            // the status above moves before the batch commits; what the pages and the API read is what is committed
            org.planledger.query.processing.ProcessorPositions positions =
                    context.getBean(org.planledger.query.processing.ProcessorPositions.class);
            var generations = context.getBean(org.planledger.query.support.ProjectionGenerations.class);
            return positions.processors().stream().filter(p -> java.util.List.of(processors).contains(p.name()))
                    .allMatch(p -> !p.segments().isEmpty()
                            && p.segments().stream().allMatch(segment -> positions.reached(segment, head)))
                    && java.util.Arrays.stream(processors).noneMatch(generations::rebuilding);
        });
    }

    @Override
    public void close() {
        context.close();
        TestClock.NOW.set(null); // the next test class's query side in this JVM starts on the system clock again
    }

    @Configuration(proxyBeanMethods = false)
    @org.springframework.context.annotation.Profile("bench")
    static class PlainAccount {

        @Bean
        org.springframework.security.provisioning.InMemoryUserDetailsManager plainAccount() {
            return new org.springframework.security.provisioning.InMemoryUserDetailsManager(
                    org.springframework.security.core.userdetails.User.withUsername("inspector").password("{noop}demo")
                            .roles("INSPECTOR").build());
        }
    }

    /** Holds every processor's first event (inside its batch) until opened. */
    @Configuration(proxyBeanMethods = false)
    static class Gate {

        private static volatile java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(0);

        static void close() {
            latch = new java.util.concurrent.CountDownLatch(1);
        }

        static void open() {
            latch.countDown();
        }

        @Bean
        org.axonframework.config.ConfigurerModule heldProcessors() {
            return configurer -> configurer.eventProcessing(processing -> processing.registerDefaultHandlerInterceptor(
                    (c, processor) -> (org.axonframework.messaging.MessageHandlerInterceptor<EventMessage<?>>)
                            (unitOfWork, chain) -> {
                                if (!latch.await(5, java.util.concurrent.TimeUnit.MINUTES)) {
                                    throw new IllegalStateException("the test never opened the gate");
                                }
                                return chain.proceed();
                            }));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TestClock {

        static final AtomicReference<Instant> NOW = new AtomicReference<>();

        @Bean
        @Primary
        Clock settableClock() {
            ZoneId zone = LedgerSimulation.ZONE;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId other) {
                    return this;
                }

                @Override
                public Instant instant() {
                    Instant set = NOW.get();
                    return set == null ? Instant.now() : set;
                }
            };
        }
    }
}
