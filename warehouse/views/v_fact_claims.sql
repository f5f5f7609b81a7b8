-- Key quantities each version states (killed, injured, ...), with the sentence they came from.
CREATE OR REPLACE VIEW v_fact_claims AS
SELECT
    c.report_id,
    c.version_no,
    c.claim_no,
    c.quantity,
    c.qualifier,
    c.value,
    c.value_high,
    c.vague,
    c.phrase,
    c.sentence,
    c.background,
    v.captured_at,
    r.outlet
FROM fact_claims c
JOIN versions v USING (report_id, version_no)
JOIN reports r USING (report_id);
