-- Canvassing visits. The id is made on the relawan's phone, so a visit
-- sent again (the phone never saw the answer, or synced twice) hits the
-- primary key and is stored once. The voter is named by their place in
-- the DPT (desa, TPS, urut), not by a foreign key: a DPT re-import
-- replaces voter rows but must not erase the visits made.
CREATE TABLE kunjungan (
    id          UUID PRIMARY KEY,
    relawan_id  UUID NOT NULL REFERENCES relawan (id),
    kode_desa   TEXT COLLATE "C" NOT NULL,
    nomor_tps   SMALLINT NOT NULL,
    urut        INTEGER NOT NULL,
    hasil       TEXT NOT NULL
        CHECK (hasil IN ('bertemu', 'tidak_di_rumah', 'menolak', 'pindah')),
    dukungan    TEXT CHECK (dukungan IN ('kuat', 'condong', 'ragu')),
    jawaban     TEXT NOT NULL,
    catatan     TEXT NOT NULL,
    waktu       BIGINT NOT NULL,
    diterima    BIGINT NOT NULL
);
CREATE INDEX kunjungan_tps ON kunjungan (kode_desa, nomor_tps, urut);
CREATE INDEX kunjungan_relawan ON kunjungan (relawan_id, waktu);
