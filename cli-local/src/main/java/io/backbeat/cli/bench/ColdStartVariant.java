package io.backbeat.cli.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One JVM configuration the cold-start benchmark times a handler under. {@link #DEPLOYED} is what Lambda runs today;
 * the others add a cache of the handler's classes, made by the benchmark from a training run of the same handler on the
 * same class path and flags (a cache is tied to the class path and to the exact JVM build that wrote it).
 */
enum ColdStartVariant {
    /** Another Lambda jar ({@code --baseline-jar}, the one before a change) with Lambda's JIT flags: the "before" column. */
    BASELINE("baseline", null, null, null, null),
    /**
     * The Lambda jar with the JIT flags the stack deploys it with (level 1, or 4 for validate and transform) and nothing
     * else.
     */
    DEPLOYED("deployed", null, null, null, null),
    /**
     * A dynamic AppCDS archive (JDK 13+, so Lambda's Java 21 runtime could run one too): the training run writes the
     * classes it loaded at exit, the timed runs map them.
     */
    CDS("cds", "-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile=", ".jsa", "-Xshare:on"),
    /**
     * The JDK 25 AOT cache (JEP 483, 514, 515): classes loaded and linked ahead of time, with method profiles. The training
     * run writes the cache at exit ({@code -XX:AOTCacheOutput}, one step), the timed runs use it.
     */
    AOT("aot", "-XX:AOTCacheOutput=", "-XX:AOTCache=", ".aot", "-XX:AOTMode=on");

    private final String id;
    private final String trainingFlag;
    private final String useFlag;
    private final String extension;
    /** Makes the JVM refuse to start without the cache, so a cache it cannot map fails the run instead of timing none. */
    private final String strictFlag;

    ColdStartVariant(String id, String trainingFlag, String useFlag, String extension, String strictFlag) {
        this.strictFlag = strictFlag;
        this.id = id;
        this.trainingFlag = trainingFlag;
        this.useFlag = useFlag;
        this.extension = extension;
    }

    String id() {
        return id;
    }

    boolean needsTraining() {
        return trainingFlag != null;
    }

    /** The cache file of one handler under this variant, in the benchmark's work folder. */
    Path cache(Path folder, String handler) {
        if (!needsTraining()) {
            throw new IllegalStateException(id + " has no cache");
        }
        return folder.resolve(id).resolve(handler + extension).toAbsolutePath();
    }

    /** The flags of a training run that writes the cache. */
    List<String> trainingFlags(Path folder, String handler) {
        List<String> flags = new ArrayList<>(BenchColdStartCommand.jvmFlags(handler));
        flags.add(trainingFlag + cache(folder, handler));
        return flags;
    }

    /** The flags of a timed run. */
    List<String> flags(Path folder, String handler) {
        List<String> flags = new ArrayList<>(BenchColdStartCommand.jvmFlags(handler));
        if (needsTraining()) {
            flags.add(useFlag + cache(folder, handler));
            flags.add(strictFlag);
        }
        return flags;
    }

    static ColdStartVariant of(String id) {
        for (ColdStartVariant variant : values()) {
            if (variant.id.equals(id)) {
                return variant;
            }
        }
        throw new IllegalArgumentException("'" + id + "' is not a variant; expected one of baseline, deployed, cds, aot");
    }
}
