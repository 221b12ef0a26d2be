-- The gap log: answers that show what the knowledge base lacks, for `pyframework report` and the admins'
-- App Home. Plain SQL that SQLite and PostgreSQL both accept, like 0001.

-- One row per answer and gap: a question not understood, a Python framework asked about that has no file
-- here, or a recommendation whose best pick covers little of what was asked (one row per need it leaves
-- unmet). `answer_id` is the Slack event (or slash command) answered, so a job taken over by a second
-- worker logs the same rows again and they are ignored. `subject` is what the report groups by: the need,
-- the framework's name, or the question's wording (only when kept). `question` is the understood question
-- as JSON; `text` is the wording, kept only when PYFRAMEWORK_STORE_TEXT=1. Rows are purged after the
-- retention of bot/feedback.py.
CREATE TABLE answer_gaps (
    answer_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('not_understood', 'unknown_framework', 'low_coverage')),
    subject TEXT NOT NULL,
    intent TEXT NOT NULL,
    question TEXT NOT NULL,
    text TEXT,
    created_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (answer_id, kind, subject)
);
CREATE INDEX answer_gaps_created_at ON answer_gaps (created_at);
CREATE INDEX answer_gaps_kind_subject ON answer_gaps (kind, subject, created_at);
