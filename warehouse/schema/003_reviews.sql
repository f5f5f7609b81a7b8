-- Editors' review state for correction-log entries: append-only, the latest row per
-- entry wins (see v_reviews), so the history of who decided what is never lost.

CREATE SEQUENCE review_no_seq START 1;

CREATE TABLE reviews (
    review_no   BIGINT PRIMARY KEY DEFAULT nextval('review_no_seq'),
    entry_id    VARCHAR NOT NULL,
    status      VARCHAR NOT NULL CHECK (status IN ('reviewed', 'needs-note', 'dismissed')),
    note        VARCHAR,
    reviewed_by VARCHAR NOT NULL,
    reviewed_at TIMESTAMPTZ NOT NULL
);
