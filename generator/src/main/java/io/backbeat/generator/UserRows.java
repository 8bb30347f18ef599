package io.backbeat.generator;

import io.backbeat.events.Dataset;
import java.time.LocalDate;

/** Users {@code 1..n}: names from many scripts, a few needing quotes, some without an age. */
final class UserRows implements RowSource {
    private static final double MISSING_AGE = 0.04;

    private final int users;
    private final long startDay;
    private final RowRandom random;

    UserRows(GeneratorOptions options) {
        this.users = options.users();
        this.startDay = options.startDate().toEpochDay();
        this.random = new RowRandom(options.seed(), 0x7573657273L);
    }

    @Override
    public Dataset dataset() {
        return Dataset.USERS;
    }

    @Override
    public long size() {
        return users;
    }

    @Override
    public String[] row(long index) {
        RowRandom r = random.at(index);
        String name = name(r);
        String age = r.chance(MISSING_AGE) ? "" : Integer.toString(age(r));
        String country = r.chance(0.6) ? Vocabulary.COUNTRIES[0] : r.pick(Vocabulary.COUNTRIES);
        // Everyone signed up before the first listening day, within the three years before it.
        String createdAt = LocalDate.ofEpochDay(startDay - 1 - r.nextInt(3 * 365)).toString();
        return new String[] {Long.toString(index + 1), name, age, country, createdAt};
    }

    @Override
    public String[] spareRow(long ordinal) {
        return row(users + ordinal);
    }

    /**
     * The given and family name {@link #row} builds user_name of, for the app log's {@code firstName} and
     * {@code lastName}: the same first two draws.
     */
    String[] nameParts(long index) {
        RowRandom r = random.at(index);
        String first = r.pick(Vocabulary.FIRST_NAMES);
        return new String[] {first, r.pick(Vocabulary.LAST_NAMES)};
    }

    private static String name(RowRandom r) {
        String first = r.pick(Vocabulary.FIRST_NAMES);
        String last = r.pick(Vocabulary.LAST_NAMES);
        double style = r.nextDouble();
        if (style < 0.02) {
            return last + ", " + first;
        }
        if (style < 0.03) {
            return first + " \"" + r.pick(Vocabulary.NICKNAMES) + "\" " + last;
        }
        if (style < 0.04) {
            return first + " " + last + " " + r.pick(Vocabulary.EMOJI);
        }
        if (style < 0.043) {
            return first + "\n" + last;
        }
        return first + " " + last;
    }

    /** Mostly 16..45, a long tail to 85, a few young teens. */
    private static int age(RowRandom r) {
        double u = r.nextDouble();
        return 13 + (int) (72 * u * u * (0.6 + 0.4 * r.nextDouble()));
    }
}
