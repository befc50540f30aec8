package org.planledger.command.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a service's CPU time went during a benchmark run: the JFR recording of {@code bench/run --profile}, read with
 * the JDK's own JFR parser ({@code jdk.jfr.consumer}), summarized as Markdown: the share of execution samples per
 * thread group, per top-of-stack method, and per first frame of this project's own code.
 */
final class Profile {

    private Profile() {
    }

    static void summarize(Path recording, int top) throws IOException {
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> hot = new HashMap<>();
        Map<String, Integer> own = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            samples++;
            String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("[-#]?\\d+", "-N"), 1, Integer::sum);
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            List<RecordedFrame> frames = stack.getFrames();
            hot.merge(name(frames.get(0)), 1, Integer::sum);
            frames.stream().filter(f -> f.isJavaFrame() && f.getMethod().getType().getName().startsWith("org.planledger"))
                    .findFirst().ifPresent(f -> own.merge(name(f), 1, Integer::sum));
        }
        System.out.printf("%d execution samples (about one per 10–20 ms of a running thread)%n%n", samples);
        table("thread", threads, samples, top);
        table("top of stack", hot, samples, top);
        table("first frame of org.planledger code on the stack", own, samples, top);
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void table(String what, Map<String, Integer> counts, int samples, int top) {
        System.out.printf("| %s | share of samples |%n| --- | --- |%n", what);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())).limit(top)
                .forEach(e -> System.out.printf("| `%s` | %.1f %% |%n", e.getKey(), 100.0 * e.getValue() / Math.max(1, samples)));
        System.out.println();
    }
}
