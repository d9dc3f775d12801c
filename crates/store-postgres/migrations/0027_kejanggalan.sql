-- The review queue of suspicious results (posko_domain::kejanggalan).
-- Flags are computed from the current results when the queue is read;
-- what is stored is each photo's perceptual hash (a 1,024-bit dHash as
-- hex text), computed once when the photo is stored, and
-- the latest decision on each flag (its history is in the audit log).
CREATE TABLE foto_dhash (
    sha256  TEXT COLLATE "C" PRIMARY KEY,
    dhash   TEXT NOT NULL
);

CREATE TABLE keputusan_kejanggalan (
    pemilihan_id  UUID NOT NULL REFERENCES pemilihan (id),
    cek           TEXT COLLATE "C" NOT NULL,
    sasaran       TEXT COLLATE "C" NOT NULL,
    keputusan     TEXT NOT NULL CHECK (keputusan IN ('dilihat', 'dinaikkan', 'diabaikan')),
    sidik         TEXT NOT NULL,
    pemutus_id    UUID NOT NULL,
    pemutus       TEXT NOT NULL,
    waktu         BIGINT NOT NULL,
    PRIMARY KEY (pemilihan_id, cek, sasaran)
);
