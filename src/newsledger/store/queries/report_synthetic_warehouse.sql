-- A synthetic warehouse of getvariable('n_entries') transitions for the report benchmark:
-- four transitions a report (versions 1..5), three changes a transition, a tenth silent
-- substantive, some declared with a note, every seventh reviewed.
CREATE TEMP TABLE synthetic_entries AS
SELECT
    i,
    i // 4 AS r,
    'synthetic-' || lpad((i // 4)::VARCHAR, 6, '0') AS report_id,
    i % 4 + 2 AS to_version,
    CASE
        WHEN i % 10 = 0 THEN 'silent_substantive'
        WHEN i % 10 IN (1, 2) THEN 'declared_and_observed'
        WHEN i % 10 = 3 THEN 'declared_unobserved'
        ELSE 'routine'
    END AS status
FROM range(getvariable('n_entries')) t(i);

INSERT INTO reports
SELECT DISTINCT
    report_id,
    'Outlet ' || (r % 12)::VARCHAR,
    'https://example.org/news/' || r::VARCHAR,
    'Synthetic report ' || r::VARCHAR,
    TIMESTAMPTZ '2024-01-01 00:00:00+00' + r * INTERVAL 37 MINUTE
FROM synthetic_entries;

CREATE TEMP TABLE synthetic_versions AS
SELECT DISTINCT report_id, r, 1 AS version_no FROM synthetic_entries
UNION ALL
SELECT report_id, r, to_version FROM synthetic_entries;

INSERT INTO paragraphs
SELECT md5(text), text
FROM (
    SELECT 'Synthetic report ' || r::VARCHAR || ', version ' || version_no::VARCHAR || '.' AS text
    FROM synthetic_versions
);

INSERT INTO versions (
    report_id, version_no, captured_at, source, title, byline, text_hash, content_hash,
    n_paragraphs, n_chars, is_reconstructed, stored_at
)
SELECT
    report_id,
    version_no,
    TIMESTAMPTZ '2024-01-01 00:00:00+00' + r * INTERVAL 37 MINUTE + version_no * INTERVAL 3 HOUR,
    'synthetic',
    'Synthetic report ' || r::VARCHAR,
    NULL,
    md5(report_id || version_no::VARCHAR),
    md5(report_id || version_no::VARCHAR),
    1,
    40,
    r % 50 = 0 AND version_no = 1,
    now()
FROM synthetic_versions;

INSERT INTO version_paragraphs
SELECT report_id, version_no, 0,
    md5('Synthetic report ' || r::VARCHAR || ', version ' || version_no::VARCHAR || '.')
FROM synthetic_versions;

-- Change 1: a number changed; change 2: a sentence added; change 3: a long sentence edited.
INSERT INTO changes (
    report_id, from_version, to_version, change_no, field, op, before_pos, after_pos,
    before_text, after_text, word_ops
)
SELECT
    report_id, to_version - 1, to_version, 1, 'body', 'changed', 10, 10,
    'The council said ' || (i % 900 + 100)::VARCHAR || ' people attended the meeting on Tuesday.',
    'The council said ' || (i % 900 + 150)::VARCHAR || ' people attended the meeting on Tuesday.',
    json_array(
        json_object('op', 'equal', 'text', 'The council said '),
        json_object('op', 'delete', 'text', (i % 900 + 100)::VARCHAR),
        json_object('op', 'insert', 'text', (i % 900 + 150)::VARCHAR),
        json_object('op', 'equal', 'text', ' people attended the meeting on Tuesday.')
    )
FROM synthetic_entries
UNION ALL
SELECT
    report_id, to_version - 1, to_version, 2, 'body', 'added', NULL, 14, NULL,
    'Officials added that a review of entry ' || i::VARCHAR || ' would follow next week.',
    json_array(json_object(
        'op', 'insert',
        'text', 'Officials added that a review of entry ' || i::VARCHAR || ' would follow next week.'
    ))
FROM synthetic_entries
UNION ALL
SELECT
    report_id, to_version - 1, to_version, 3, 'body', 'changed', 20, 21,
    repeat('Residents described the scene at length. ', 8) || 'The mayor spoke.',
    repeat('Residents described the scene at length. ', 8) || 'The deputy mayor spoke.',
    json_array(
        json_object('op', 'equal', 'text', repeat('Residents described the scene at length. ', 8) || 'The '),
        json_object('op', 'insert', 'text', 'deputy '),
        json_object('op', 'equal', 'text', 'mayor spoke.')
    )
FROM synthetic_entries;

INSERT INTO change_kinds
SELECT report_id, to_version, 1, CASE WHEN status = 'routine' THEN 'cosmetic' ELSE 'numeric' END, NULL
FROM synthetic_entries
UNION ALL
SELECT report_id, to_version, 2, 'added', NULL FROM synthetic_entries
UNION ALL
SELECT report_id, to_version, 3, 'name_or_title', NULL FROM synthetic_entries WHERE i % 3 = 0;

INSERT INTO corrections (report_id, version_no, note_no, note_type, note_text, is_new)
SELECT report_id, to_version, 1, 'correction',
    'This story was updated to correct the attendance figure in entry ' || i::VARCHAR || '.', true
FROM synthetic_entries
WHERE status LIKE 'declared%';

INSERT INTO transitions (report_id, from_version, to_version, status, n_changes)
SELECT report_id, to_version - 1, to_version, status, 3 FROM synthetic_entries;

INSERT INTO reviews (entry_id, status, note, reviewed_by, reviewed_at)
SELECT
    substr(sha256(report_id || '#' || to_version::VARCHAR), 1, 12),
    CASE WHEN i % 21 = 0 THEN 'needs-note' ELSE 'reviewed' END,
    NULL,
    'editor-' || (i % 3)::VARCHAR,
    TIMESTAMPTZ '2024-06-01 00:00:00+00' + i * INTERVAL 1 MINUTE
FROM synthetic_entries
WHERE i % 7 = 0;

DROP TABLE synthetic_entries;
DROP TABLE synthetic_versions;
