-- Verifiers' readings of a submission's photo. One per verifier per
-- submission; kept, like submissions, never updated.
CREATE TABLE bacaan (
    id            TEXT PRIMARY KEY,
    kiriman_id    TEXT NOT NULL REFERENCES kiriman_hasil (id),
    pemilihan_id  TEXT NOT NULL,
    kode_desa     TEXT NOT NULL,
    nomor_tps     INTEGER NOT NULL,
    verifier_id   TEXT NOT NULL,
    verifier      TEXT NOT NULL,
    waktu         INTEGER NOT NULL,
    angka         TEXT NOT NULL,
    putusan       BOOLEAN NOT NULL,
    UNIQUE (kiriman_id, verifier_id)
);
CREATE INDEX hasil_tps_status ON hasil_tps (pemilihan_id, status, waktu);
