-- What a page states about itself: its summary (standfirst), publication and modification
-- dates, and the corrections it declares in its structured data (schema.org `correction`
-- in JSON-LD). Versions stored before this step keep null / no rows: nothing is invented.

ALTER TABLE versions ADD COLUMN summary VARCHAR;
ALTER TABLE versions ADD COLUMN published_at TIMESTAMPTZ;
ALTER TABLE versions ADD COLUMN modified_at TIMESTAMPTZ;

CREATE TABLE structured_corrections (
    report_id       VARCHAR NOT NULL,
    version_no      INTEGER NOT NULL,
    correction_no   INTEGER NOT NULL,
    correction_text VARCHAR NOT NULL,
    published_at    TIMESTAMPTZ,
    PRIMARY KEY (report_id, version_no, correction_no)
);
