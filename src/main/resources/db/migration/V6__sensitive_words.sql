-- Sensitive words that hold a comment for review or block it, shared by feedback comments and live chat.
-- The shipped list (classpath moderation/sensitive-words.txt) is merged with these rows; admins edit rows.
CREATE SCHEMA IF NOT EXISTS feedback;

CREATE TABLE feedback.sensitive_word (
    word       text PRIMARY KEY CHECK (length(word) BETWEEN 1 AND 50),
    action     text NOT NULL CHECK (action IN ('HOLD', 'BLOCK')),
    created_at timestamptz NOT NULL,
    created_by text NOT NULL
);
