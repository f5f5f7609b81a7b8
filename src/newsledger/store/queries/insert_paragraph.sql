-- Bulk: one list per column; each distinct paragraph is stored once.
INSERT INTO paragraphs (paragraph_hash, text)
SELECT * FROM (SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]))
ON CONFLICT (paragraph_hash) DO NOTHING;
