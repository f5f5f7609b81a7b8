-- One row per version transition that an editor may review: every version after the
-- first, and a first version that already carries a correction note.

ALTER TABLE corrections ADD COLUMN is_new BOOLEAN DEFAULT true;

CREATE TABLE transitions (
    report_id    VARCHAR NOT NULL,
    from_version INTEGER,
    to_version   INTEGER NOT NULL,
    status       VARCHAR NOT NULL,
    n_changes    INTEGER NOT NULL,
    PRIMARY KEY (report_id, to_version)
);

-- Which change a correction note describes, and how sure the linker is.
CREATE TABLE note_links (
    report_id  VARCHAR NOT NULL,
    version_no INTEGER NOT NULL,
    note_no    INTEGER NOT NULL,
    change_no  INTEGER NOT NULL,
    score      DOUBLE NOT NULL,
    PRIMARY KEY (report_id, version_no, note_no, change_no)
);
