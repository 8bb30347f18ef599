package io.backbeat.generator;

/**
 * How the plays of one listening hour form sessions, computed for one play at a time. The hour's plays are
 * cut into blocks of {@link #BLOCK} consecutive plays and each block is split at random into
 * {@link #PER_BLOCK} sessions (a random composition: every split is equally likely), so a session holds 1 to
 * {@value #LONGEST} plays, 4 on average, and short sessions are the most common. Because every full block
 * has the same number of sessions, a play's session number in the hour ({@link Place#slot()}) follows from
 * its block without counting the sessions before it, and the hour's sessions are numbered without gaps.
 */
final class SessionBlocks {
    static final int BLOCK = 12;
    static final int PER_BLOCK = 3;
    /** The most plays a session can hold: a block split into one long session and single plays. */
    static final int LONGEST = BLOCK - PER_BLOCK + 1;

    private final RowRandom random;

    SessionBlocks(long seed) {
        this.random = new RowRandom(seed, 0x626c6f636bL);
    }

    /**
     * Where a play falls among the sessions of its hour.
     *
     * @param slot the session's number in the hour, {@code [0, sessions(plays))}
     * @param position the play's position in the session, from 0
     * @param length how many plays the session holds
     */
    record Place(long slot, int position, int length) {}

    /** How many sessions an hour of {@code plays} plays holds. */
    static long sessions(long plays) {
        return plays / BLOCK * PER_BLOCK + Math.min(PER_BLOCK, plays % BLOCK);
    }

    /** The session of the play at {@code offset} among the {@code plays} plays of hour {@code hour}. */
    Place place(int hour, long plays, long offset) {
        long block = offset / BLOCK;
        int size = (int) Math.min(BLOCK, plays - block * BLOCK);
        int parts = Math.min(PER_BLOCK, size);
        int[] bounds = bounds(random.at(key(hour, block)), size, parts);
        int inBlock = (int) (offset % BLOCK);
        int session = 0;
        while (bounds[session + 1] <= inBlock) {
            session++;
        }
        return new Place(block * PER_BLOCK + session, inBlock - bounds[session], bounds[session + 1] - bounds[session]);
    }

    /**
     * {@code parts + 1} ascending bounds from 0 to {@code size}: a uniformly chosen set of {@code parts - 1}
     * distinct cut points in {@code 1..size-1}, each drawn among the points not yet taken.
     */
    private static int[] bounds(RowRandom r, int size, int parts) {
        int[] bounds = new int[parts + 1];
        bounds[parts] = size;
        for (int chosen = 0; chosen < parts - 1; chosen++) {
            int cut = 1 + r.nextInt(size - 1 - chosen);
            int at = 1;
            // Step over the cuts already taken (ascending), so the draw lands on an untaken point.
            while (at <= chosen && bounds[at] <= cut) {
                cut++;
                at++;
            }
            System.arraycopy(bounds, at, bounds, at + 1, chosen + 1 - at);
            bounds[at] = cut;
        }
        return bounds;
    }

    static long key(int hour, long index) {
        return ((long) hour << 32) ^ index;
    }
}
