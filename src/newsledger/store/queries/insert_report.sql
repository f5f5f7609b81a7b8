-- Bulk: one list per column.
INSERT INTO reports (report_id, outlet, url, label, first_seen_at)
SELECT * FROM (SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),
                      unnest(?::VARCHAR[]), unnest(?::TIMESTAMPTZ[]))
ON CONFLICT (report_id) DO NOTHING;
