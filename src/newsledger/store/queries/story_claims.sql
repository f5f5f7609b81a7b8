-- Stored claims of every version, in order, for the fact timelines.
SELECT report_id, version_no, quantity, qualifier, value, value_high, vague, phrase, sentence,
       sentence_no, background
FROM fact_claims
ORDER BY report_id, version_no, claim_no;
