-- Stories (reports of one event, across outlets) and the key figures each version states.
-- Claims are written with their version; stories and timelines are rebuilt by
-- newsledger.storylines.refresh_stories.

CREATE TABLE fact_claims (
    report_id   VARCHAR NOT NULL,
    version_no  INTEGER NOT NULL,
    claim_no    INTEGER NOT NULL,
    quantity    VARCHAR NOT NULL,
    qualifier   VARCHAR NOT NULL,
    value       DOUBLE NOT NULL,
    value_high  DOUBLE,
    vague       BOOLEAN NOT NULL,
    phrase      VARCHAR NOT NULL,
    sentence    VARCHAR NOT NULL,
    sentence_no INTEGER NOT NULL,
    background  BOOLEAN NOT NULL,
    PRIMARY KEY (report_id, version_no, claim_no)
);

CREATE TABLE stories (
    story_id          VARCHAR PRIMARY KEY,
    first_captured_at TIMESTAMPTZ NOT NULL,
    last_captured_at  TIMESTAMPTZ NOT NULL,
    n_reports         INTEGER NOT NULL
);

CREATE TABLE story_reports (
    story_id          VARCHAR NOT NULL,
    report_id         VARCHAR NOT NULL,
    shares_text_with  VARCHAR,
    shared_sentences  INTEGER,
    shared_share      DOUBLE,
    PRIMARY KEY (story_id, report_id)
);

CREATE TABLE fact_timeline (
    story_id    VARCHAR NOT NULL,
    row_no      INTEGER NOT NULL,
    quantity    VARCHAR NOT NULL,
    qualifier   VARCHAR NOT NULL,
    value       DOUBLE NOT NULL,
    value_high  DOUBLE,
    vague       BOOLEAN NOT NULL,
    outlet      VARCHAR,
    report_id   VARCHAR NOT NULL,
    version_no  INTEGER NOT NULL,
    captured_at TIMESTAMPTZ NOT NULL,
    sentence    VARCHAR NOT NULL,
    change      VARCHAR NOT NULL,
    PRIMARY KEY (story_id, row_no)
);
