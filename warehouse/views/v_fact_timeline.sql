-- Each story's key figures over time, by outlet and version, with how each moved.
CREATE OR REPLACE VIEW v_fact_timeline AS
SELECT
    story_id, quantity, qualifier, value, outlet, report_id, version_no, captured_at, sentence,
    value_high, vague, change, row_no
FROM fact_timeline;
