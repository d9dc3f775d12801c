-- The quick-count sample of an election: drawn once, from a seed recorded
-- in the audit log, and never redrawn (a second draw could be picked to
-- taste). The whole sample is one JSON document of
-- posko_domain::hitung_cepat::Sampel.
CREATE TABLE sampel_hitung_cepat (
    pemilihan_id  UUID PRIMARY KEY REFERENCES pemilihan (id),
    sampel        TEXT NOT NULL,
    dibuat        BIGINT NOT NULL
);
