-- Live ingest: every fetch attempt, the articles being watched and the feeds polled.

CREATE SEQUENCE fetch_ids START 1;

CREATE TABLE fetches (
    fetch_id      BIGINT PRIMARY KEY DEFAULT nextval('fetch_ids'),
    run_id        VARCHAR NOT NULL,
    purpose       VARCHAR NOT NULL,          -- feed | page
    source_name   VARCHAR,                   -- the feed or article list that led here
    url           VARCHAR NOT NULL,
    final_url     VARCHAR,
    fetched_at    TIMESTAMPTZ NOT NULL,
    status        INTEGER,
    bytes         BIGINT,
    elapsed_ms    DOUBLE,
    attempts      INTEGER,
    error_class   VARCHAR,
    error_message VARCHAR,
    etag          VARCHAR,
    last_modified VARCHAR,
    body_sha256   VARCHAR,
    warc_file     VARCHAR,
    warc_offset   BIGINT,
    warc_length   BIGINT,
    is_revisit    BOOLEAN,
    report_id     VARCHAR,
    outcome       VARCHAR NOT NULL           -- see warehouse/README.md
);

-- One row per watched article (a report that came from the web).
CREATE TABLE articles (
    report_id        VARCHAR PRIMARY KEY,
    canonical_url    VARCHAR NOT NULL,
    fetch_url        VARCHAR NOT NULL,
    source_name      VARCHAR,
    first_seen_at    TIMESTAMPTZ NOT NULL,
    last_fetched_at  TIMESTAMPTZ,
    last_changed_at  TIMESTAMPTZ,
    etag             VARCHAR,
    last_modified    VARCHAR,
    last_body_sha256 VARCHAR
);

-- Feed links and GUIDs that lead to a known article, so two entries for one page are one report.
CREATE TABLE article_aliases (
    alias     VARCHAR PRIMARY KEY,
    report_id VARCHAR NOT NULL
);

CREATE TABLE feed_state (
    feed_name      VARCHAR PRIMARY KEY,
    url            VARCHAR NOT NULL,
    last_polled_at TIMESTAMPTZ,
    etag           VARCHAR,
    last_modified  VARCHAR,
    last_problem   VARCHAR
);
