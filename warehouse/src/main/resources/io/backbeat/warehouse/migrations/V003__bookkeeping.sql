-- What the pipeline keeps about its own work. A load or refresh is identified by an id the pipeline
-- generates (a UUID or a batch id of [A-Za-z0-9-]): the only value ever written into SQL text, so
-- user data (object keys) reaches the warehouse as statement parameters only.
CREATE TABLE IF NOT EXISTS load_requests (
    load_id VARCHAR(64) NOT NULL,
    object_id VARCHAR(1200) NOT NULL,
    dataset VARCHAR(16) NOT NULL,
    requested_at TIMESTAMP NOT NULL,
    PRIMARY KEY (load_id)
) DISTSTYLE ALL;

-- What a load's transaction did, inserted by it as its last statement. Insert-only, like
-- load_affected_dates: concurrent loads of different tables never read or update a row another
-- load writes, so they cannot form a serialization cycle here.
CREATE TABLE IF NOT EXISTS load_results (
    load_id VARCHAR(64) NOT NULL,
    rows_copied BIGINT NOT NULL,
    rows_applied BIGINT NOT NULL,
    finished_at TIMESTAMP NOT NULL,
    PRIMARY KEY (load_id)
) DISTSTYLE ALL;

CREATE TABLE IF NOT EXISTS load_affected_dates (
    load_id VARCHAR(64) NOT NULL,
    listen_date DATE NOT NULL
) DISTSTYLE ALL;

CREATE TABLE IF NOT EXISTS kpi_refresh_dates (
    refresh_id VARCHAR(64) NOT NULL,
    listen_date DATE NOT NULL
) DISTSTYLE ALL;

CREATE TABLE IF NOT EXISTS kpi_refreshes (
    refresh_id VARCHAR(64) NOT NULL,
    finished_at TIMESTAMP NOT NULL
) DISTSTYLE ALL;

-- 1..256: splits the ';'-separated artist credits into rows (Redshift has no unnest).
CREATE TABLE IF NOT EXISTS backbeat_numbers (
    n SMALLINT NOT NULL,
    PRIMARY KEY (n)
) DISTSTYLE ALL;

INSERT INTO backbeat_numbers (n)
SELECT hi.d * 16 + lo.d + 1
FROM (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
      UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9 UNION ALL SELECT 10 UNION ALL SELECT 11
      UNION ALL SELECT 12 UNION ALL SELECT 13 UNION ALL SELECT 14 UNION ALL SELECT 15) hi
CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
      UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9 UNION ALL SELECT 10 UNION ALL SELECT 11
      UNION ALL SELECT 12 UNION ALL SELECT 13 UNION ALL SELECT 14 UNION ALL SELECT 15) lo
WHERE NOT EXISTS (SELECT 1 FROM backbeat_numbers);
