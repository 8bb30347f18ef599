package io.backbeat.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** One cold-start child JVM: started, timed to the driver's line, and waited for. */
final class ColdStartChild {
    private static final String DRIVER = ColdStartDriver.class.getName();

    private ColdStartChild() {}

    /** Seconds from {@code ProcessBuilder.start()} to the driver's line, and the JVM's own count from its start time. */
    record Timing(double wallSeconds, double jvmSeconds, String result) {}

    /**
     * A jar holding only the driver's class file, so the child sees the Lambda jar and nothing else of ours. A jar, not a
     * folder: a class cache (AppCDS, AOT) refuses a class path with a non-empty directory.
     */
    static Path driverJar(Path folder) throws IOException {
        String resource = DRIVER.replace('.', '/') + ".class";
        Path jar = folder.resolve("coldstart-driver.jar");
        Files.createDirectories(folder);
        try (InputStream in = ColdStartDriver.class.getClassLoader().getResourceAsStream(resource);
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            if (in == null) {
                throw new IllegalStateException("the class file " + resource + " is not on the class path");
            }
            out.putNextEntry(new JarEntry(resource));
            out.write(in.readAllBytes());
            out.closeEntry();
        }
        return jar;
    }

    /**
     * @param jvmFlags the JVM's flags: Lambda's, and a variant's cache
     * @param environment the function's environment, on top of this process's less its AWS, Backbeat and JAVA_TOOL_OPTIONS
     *     variables
     */
    static Timing run(String classPath, List<String> jvmFlags, String handlerClass, String eventType, Path event,
            Map<String, String> environment, Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", classPath, DRIVER, handlerClass, eventType, event.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("BACKBEAT_") || name.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        Deque<String> tail = new ArrayDeque<>();
        Double jvmSeconds = null;
        String result = null;
        long handled = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(ColdStartDriver.HANDLED)) {
                    handled = System.nanoTime();
                    jvmSeconds = Long.parseLong(line.substring(ColdStartDriver.HANDLED.length()).trim()) / 1000.0;
                }
                if (line.startsWith(ColdStartDriver.RESULT)) {
                    result = line.substring(ColdStartDriver.RESULT.length());
                }
                tail.addLast(line);
                if (tail.size() > 40) {
                    tail.removeFirst();
                }
            }
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(handlerClass + " did not exit within " + timeout + "; its last output:\n" + String.join("\n", tail));
        }
        if (jvmSeconds == null || result == null || process.exitValue() != 0) {
            throw new IllegalStateException(handlerClass + " did not handle its event (exit " + process.exitValue()
                    + "); its last output:\n" + String.join("\n", tail));
        }
        return new Timing((handled - start) / 1e9, jvmSeconds, result);
    }
}
