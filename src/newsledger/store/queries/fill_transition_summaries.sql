-- For rows written straight into transitions (synthetic warehouses): fill the entry id,
-- kinds and new notes the ingest path writes with each transition.
UPDATE transitions t SET
    entry_id = substr(sha256(t.report_id || '#' || t.to_version::VARCHAR), 1, 12),
    kinds = (SELECT list(DISTINCT k.kind ORDER BY k.kind) FROM change_kinds k
             WHERE k.report_id = t.report_id AND k.to_version = t.to_version),
    notes = (SELECT list(c.note_text ORDER BY c.note_no) FROM corrections c
             WHERE c.report_id = t.report_id AND c.version_no = t.to_version AND c.is_new)
WHERE t.entry_id IS NULL;
