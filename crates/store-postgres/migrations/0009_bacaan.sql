-- Verifiers' readings of a submission's photo. One per verifier per
-- submission; kept, like submissions, never updated.
CREATE TABLE bacaan (
    id            UUID PRIMARY KEY,
    kiriman_id    UUID NOT NULL REFERENCES kiriman_hasil (id),
    pemilihan_id  UUID NOT NULL,
    kode_desa     TEXT COLLATE "C" NOT NULL,
    nomor_tps     SMALLINT NOT NULL,
    verifier_id   UUID NOT NULL,
    verifier      TEXT NOT NULL,
    waktu         BIGINT NOT NULL,
    angka         TEXT NOT NULL,
    putusan       BOOLEAN NOT NULL,
    UNIQUE (kiriman_id, verifier_id)
);
CREATE INDEX hasil_tps_status ON hasil_tps (pemilihan_id, status, waktu);
