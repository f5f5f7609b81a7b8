-- Stories that include any of the given reports, with their members and fact timelines.
SELECT s.story_id, s.first_captured_at, s.n_reports,
       (SELECT list({'report_id': sr.report_id, 'outlet': sr.outlet,
                     'shares_text_with': sr.shares_text_with} ORDER BY sr.first_seen_at)
        FROM v_story_reports sr WHERE sr.story_id = s.story_id) AS members,
       (SELECT list({'quantity': t.quantity, 'qualifier': t.qualifier, 'value': t.value,
                     'value_high': t.value_high, 'vague': t.vague, 'outlet': t.outlet,
                     'report_id': t.report_id, 'version_no': t.version_no,
                     'captured_at': t.captured_at, 'sentence': t.sentence,
                     'change': t.change} ORDER BY t.row_no)
        FROM v_fact_timeline t WHERE t.story_id = s.story_id) AS timeline
FROM v_stories s
WHERE EXISTS (SELECT 1 FROM v_story_reports sr
              WHERE sr.story_id = s.story_id AND sr.report_id IN (SELECT unnest(?::VARCHAR[])))
ORDER BY s.first_captured_at DESC;
