INSERT INTO changes (
    report_id, from_version, to_version, change_no, field, op, before_pos, after_pos,
    before_text, after_text, word_ops
) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);
