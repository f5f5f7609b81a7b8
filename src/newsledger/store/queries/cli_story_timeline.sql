-- One story's fact timeline, in TimelineRow's field order.
SELECT story_id, quantity, qualifier, value, value_high, vague, outlet, report_id,
       version_no, captured_at, sentence, change
FROM v_fact_timeline
WHERE story_id = ?
ORDER BY row_no;
