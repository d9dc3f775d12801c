-- A history row whose published figures break a rule (valid + invalid
-- votes above the DPT, "ours" above the valid votes) is kept as published
-- and flagged, so readers leave it out of turnout, targets and spreads.
ALTER TABLE hasil_lalu ADD COLUMN ditandai BOOLEAN NOT NULL DEFAULT FALSE;
