INSERT INTO paragraphs (paragraph_hash, text) VALUES (?, ?)
ON CONFLICT (paragraph_hash) DO NOTHING;
