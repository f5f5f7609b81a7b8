INSERT INTO reports (report_id, outlet, url, label, first_seen_at)
VALUES (?, ?, ?, ?, ?)
ON CONFLICT (report_id) DO NOTHING;
