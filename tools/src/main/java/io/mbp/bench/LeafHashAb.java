package io.mbp.bench;

import io.mbp.events.CanonicalJson;
import io.mbp.events.NewEvent;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Same-JVM A/B of two or more builds of {@code LeafHash.of(seq, type, stream, ts, payload)}, raw SHA-256
 * of the same bytes beside them: the harness behind ADR 0148. Each build's batch jar is loaded in its
 * own class loader (its dependencies from a folder of jars, {@code mbp-*} jars skipped), every build
 * must give the same hashes on all the events, then rounds are interleaved (raw, A, B, raw, A, B, …)
 * and timed by the thread's CPU time, so neighbours on a shared machine cost less than in wall-clock
 * runs. A developer's tool, not a benchmark of record (issue 17's numbers come from {@code mbp bench}):
 * <pre>
 * java -cp 'cli/target/mbp.jar:cli/target/lib/*' io.mbp.bench.LeafHashAb ROUNDS EVENTS DISTINCT \
 *     old=/tmp/old/mbp-batch-0.1.0.jar=cli/target/lib new=cli/target/lib/mbp-batch-0.1.0.jar=cli/target/lib
 * </pre>
 * DISTINCT is how many events the runs cycle through (the bench's 50,000, or 1,000 that stay in cache).
 */
public final class LeafHashAb {
    private LeafHashAb() {
    }

    public static void main(String[] args) throws Throwable {
        int rounds = Integer.parseInt(args[0]);
        long n = Long.parseLong(args[1]);
        int distinct = Integer.parseInt(args[2]);
        String[] type = new String[distinct];
        String[] stream = new String[distinct];
        String[] ts = new String[distinct];
        String[] payload = new String[distinct];
        Iterator<NewEvent> it = new EventLogBench().samples(0, distinct);
        for (int i = 0; i < distinct; i++) {
            NewEvent e = it.next();
            type[i] = e.type();
            stream[i] = e.stream();
            ts[i] = e.ts();
            payload[i] = e.payload();
        }
        // The rival's bytes in one contiguous run, as EventLogBench.rawSha256 lays them out.
        byte[][] bytes = new byte[distinct][];
        for (int i = 0; i < distinct; i++) {
            bytes[i] = CanonicalJson.eventBytes(i, type[i], stream[i], ts[i], payload[i]);
        }
        List<String> names = new ArrayList<>();
        List<MethodHandle> builds = new ArrayList<>();
        for (int k = 3; k < args.length; k++) {
            String[] spec = args[k].split("=", 3);
            names.add(spec[0]);
            builds.add(leafHashOf(Path.of(spec[1]), Path.of(spec[2])));
        }
        for (int i = 0; i < distinct; i++) {
            byte[] first = (byte[]) builds.get(0).invokeExact((long) i, type[i], stream[i], ts[i], payload[i]);
            for (MethodHandle b : builds) {
                if (!Arrays.equals(first, (byte[]) b.invokeExact((long) i, type[i], stream[i], ts[i], payload[i]))) {
                    throw new IllegalStateException("the builds give different leaf hashes for event " + i);
                }
            }
        }
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Map<String, List<Double>> nanos = new LinkedHashMap<>();
        nanos.put("raw", new ArrayList<>());
        names.forEach(name -> nanos.put(name, new ArrayList<>()));
        long sink = 0;
        for (int r = -2; r < rounds; r++) { // two warm-up rounds of 300,000, not counted
            long count = r < 0 ? 300_000 : n;
            long t0 = cpu.getCurrentThreadCpuTime();
            for (long i = 0; i < count; i++) {
                md.update((byte) 0);
                sink += md.digest(bytes[(int) (i % distinct)])[0];
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            if (r >= 0) {
                nanos.get("raw").add((t1 - t0) / (double) count);
            }
            for (int b = 0; b < builds.size(); b++) {
                MethodHandle of = builds.get(b);
                t0 = cpu.getCurrentThreadCpuTime();
                for (long i = 0; i < count; i++) {
                    int j = (int) (i % distinct);
                    sink += ((byte[]) of.invokeExact(i, type[j], stream[j], ts[j], payload[j]))[0];
                }
                t1 = cpu.getCurrentThreadCpuTime();
                if (r >= 0) {
                    nanos.get(names.get(b)).add((t1 - t0) / (double) count);
                }
            }
        }
        double raw = median(nanos.get("raw"));
        for (Map.Entry<String, List<Double>> e : nanos.entrySet()) {
            System.out.printf("%-8s median %6.1f CPU-ns/event  raw/this %.3f  rounds %s%n", e.getKey(), median(e.getValue()),
                    raw / median(e.getValue()), e.getValue().stream().map(x -> String.format("%.0f", x)).toList());
        }
        System.out.println("load " + Files.readString(Path.of("/proc/loadavg")).trim() + "  checksum " + sink);
    }

    private static MethodHandle leafHashOf(Path batchJar, Path libs) throws Exception {
        List<URL> urls = new ArrayList<>(List.of(batchJar.toUri().toURL()));
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(libs, "*.jar")) {
            for (Path jar : jars) {
                if (!jar.getFileName().toString().startsWith("mbp-")) {
                    urls.add(jar.toUri().toURL());
                }
            }
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Class<?> leafHash = Class.forName("io.mbp.events.LeafHash", true, loader);
        return MethodHandles.publicLookup().findStatic(leafHash, "of",
                MethodType.methodType(byte[].class, long.class, String.class, String.class, String.class, String.class));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
