-- Of the given report ids, those with no watched web article (seed or WARC-only reports):
-- nothing to re-fetch.
SELECT id FROM (SELECT unnest(?::VARCHAR[]) AS id)
WHERE id NOT IN (SELECT report_id FROM articles)
ORDER BY id;
