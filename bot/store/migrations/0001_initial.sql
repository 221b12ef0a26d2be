-- The first schema: event receipts, pending work and answer feedback.
-- Plain SQL that SQLite and PostgreSQL both accept; times are Unix seconds (DOUBLE PRECISION) so that
-- leases compare the same way in both.

-- One row per Slack event_id ever accepted: a second copy or a retry of the same event finds it and is
-- not answered again. Old receipts are purged once Slack can no longer retry them.
CREATE TABLE event_receipts (
    event_id TEXT PRIMARY KEY,
    received_at DOUBLE PRECISION NOT NULL
);
CREATE INDEX event_receipts_received_at ON event_receipts (received_at);

-- Answers accepted but not yet posted. The row is written in the same transaction as the receipt and
-- deleted once the answer is in Slack. A worker holds a lease on each job it runs and renews it while it
-- works; a job whose lease ran out (its worker died) is picked up by another worker.
CREATE TABLE pending_jobs (
    event_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at DOUBLE PRECISION NOT NULL,
    lease_owner TEXT NOT NULL,
    lease_until DOUBLE PRECISION NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX pending_jobs_lease_until ON pending_jobs (lease_until);

-- What people thought of an answer: one vote per person and message (a new vote replaces the old one).
-- `question` is the understood question as JSON (intent, frameworks, needs); `text` is the message's
-- wording, kept only when PYFRAMEWORK_STORE_TEXT=1.
CREATE TABLE answer_votes (
    message_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    vote TEXT NOT NULL CHECK (vote IN ('up', 'down', 'not_what_i_asked')),
    intent TEXT NOT NULL,
    question TEXT NOT NULL,
    text TEXT,
    created_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (message_id, user_id)
);
CREATE INDEX answer_votes_created_at ON answer_votes (created_at);
