INSERT INTO article_aliases (alias, report_id) VALUES (?, ?)
ON CONFLICT (alias) DO NOTHING;
