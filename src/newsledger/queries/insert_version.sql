INSERT INTO versions (
    report_id, version_no, captured_at, source, title, byline, text_hash, content_hash,
    n_paragraphs, n_chars, is_reconstructed, stored_at
) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now());
