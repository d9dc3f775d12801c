-- Field-data quality (posko_domain::mutu_lapangan). Each supporter keeps
-- the outcome bits of the checks made when it was recorded (never what its
-- NIK says); each relawan's day that had a finding is a batch, held out of
-- targets and leaderboards while status = 'ditahan' until a coordinator
-- approves ('disetujui') or rolls it back ('dibatalkan'). Findings are JSON
-- lists of {alasan, jumlah}; sinyal holds counts of findings on what a sync
-- carried and is not kept (coordinates, photo hashes).
ALTER TABLE pendukung ADD COLUMN mutu INTEGER NOT NULL DEFAULT 0;
CREATE TABLE batch_lapangan (
    relawan_id    TEXT NOT NULL REFERENCES relawan (id),
    hari          INTEGER NOT NULL,
    status        TEXT NOT NULL,
    temuan        TEXT NOT NULL,
    disetujui     TEXT NOT NULL,
    sinyal        TEXT NOT NULL,
    catatan       INTEGER NOT NULL,
    diputus_oleh  TEXT,
    diputus       INTEGER,
    diperbarui    INTEGER NOT NULL,
    PRIMARY KEY (relawan_id, hari)
);
CREATE INDEX batch_lapangan_status ON batch_lapangan (status, hari);
