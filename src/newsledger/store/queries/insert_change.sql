-- Bulk: one list per column. kinds: the change's sorted kinds, or null; evidence_kinds and
-- evidence_texts: the kinds with evidence and what decided each, as one map (null when none).
INSERT INTO changes (
    report_id, from_version, to_version, change_no, field, op, before_pos, after_pos,
    before_text, after_text, word_ops, kinds, evidence
)
SELECT c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11::JSON, c12,
       CASE WHEN len(c13) > 0 THEN map(c13, c14) END
FROM (
    SELECT unnest(?::VARCHAR[]) AS c1, unnest(?::INTEGER[]) AS c2, unnest(?::INTEGER[]) AS c3,
           unnest(?::INTEGER[]) AS c4, unnest(?::VARCHAR[]) AS c5, unnest(?::VARCHAR[]) AS c6,
           unnest(?::INTEGER[]) AS c7, unnest(?::INTEGER[]) AS c8, unnest(?::VARCHAR[]) AS c9,
           unnest(?::VARCHAR[]) AS c10, unnest(?::VARCHAR[]) AS c11,
           unnest(?::VARCHAR[][]) AS c12, unnest(?::VARCHAR[][]) AS c13,
           unnest(?::VARCHAR[][]) AS c14
);
