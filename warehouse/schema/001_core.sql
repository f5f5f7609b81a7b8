-- Reports, their versions stored paragraph by paragraph (content-addressed), the
-- sentence-level changes between successive versions, and correction notes.

CREATE TABLE reports (
    report_id     VARCHAR PRIMARY KEY,
    outlet        VARCHAR,
    url           VARCHAR,
    label         VARCHAR,
    first_seen_at TIMESTAMPTZ NOT NULL
);

-- Each distinct paragraph once: a one-sentence edit costs one paragraph, not an article.
CREATE TABLE paragraphs (
    paragraph_hash VARCHAR PRIMARY KEY,
    text           VARCHAR NOT NULL
);

CREATE TABLE versions (
    report_id        VARCHAR NOT NULL,
    version_no       INTEGER NOT NULL,
    captured_at      TIMESTAMPTZ NOT NULL,
    source           VARCHAR NOT NULL,
    title            VARCHAR,
    byline           VARCHAR,
    text_hash        VARCHAR NOT NULL,
    content_hash     VARCHAR NOT NULL,
    n_paragraphs     INTEGER NOT NULL,
    n_chars          INTEGER NOT NULL,
    is_reconstructed BOOLEAN NOT NULL,
    stored_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (report_id, version_no)
);

CREATE TABLE version_paragraphs (
    report_id      VARCHAR NOT NULL,
    version_no     INTEGER NOT NULL,
    position       INTEGER NOT NULL,
    paragraph_hash VARCHAR NOT NULL,
    PRIMARY KEY (report_id, version_no, position)
);

-- Every capture seen, new version or not: what makes a re-run add nothing.
CREATE TABLE captures (
    capture_key  VARCHAR PRIMARY KEY,
    report_id    VARCHAR NOT NULL,
    captured_at  TIMESTAMPTZ NOT NULL,
    source       VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    outcome      VARCHAR NOT NULL,
    version_no   INTEGER,
    stored_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE changes (
    report_id    VARCHAR NOT NULL,
    from_version INTEGER NOT NULL,
    to_version   INTEGER NOT NULL,
    change_no    INTEGER NOT NULL,
    field        VARCHAR NOT NULL,
    op           VARCHAR NOT NULL,
    before_pos   INTEGER,
    after_pos    INTEGER,
    before_text  VARCHAR,
    after_text   VARCHAR,
    word_ops     JSON NOT NULL,
    PRIMARY KEY (report_id, to_version, change_no)
);

-- One row per label; a change may carry several. Filled by the classifier.
CREATE TABLE change_kinds (
    report_id  VARCHAR NOT NULL,
    to_version INTEGER NOT NULL,
    change_no  INTEGER NOT NULL,
    kind       VARCHAR NOT NULL,
    evidence   VARCHAR,
    PRIMARY KEY (report_id, to_version, change_no, kind)
);

CREATE TABLE corrections (
    report_id     VARCHAR NOT NULL,
    version_no    INTEGER NOT NULL,
    note_no       INTEGER NOT NULL,
    note_type     VARCHAR NOT NULL,
    note_text     VARCHAR NOT NULL,
    paragraph_pos INTEGER,
    note_date     VARCHAR,
    wrong_text    VARCHAR,
    right_text    VARCHAR,
    PRIMARY KEY (report_id, version_no, note_no)
);
