-- Bulk: one list per column.
INSERT INTO article_aliases (alias, report_id)
SELECT * FROM (SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]))
ON CONFLICT (alias) DO NOTHING;
