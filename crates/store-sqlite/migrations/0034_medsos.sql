-- The social-media room, issue 23: each election's settings, official
-- accounts, drafts, claims, rotation tasks and analytics imports as JSON
-- documents, every version kept (see posko_storage::medsos). One counter
-- per election orders its writes: a write names the counter it read.

CREATE TABLE medsos_nomor (
    pemilihan_id  TEXT PRIMARY KEY REFERENCES pemilihan (id),
    nomor         INTEGER NOT NULL
);

CREATE TABLE medsos_dokumen (
    id            TEXT NOT NULL,
    versi         INTEGER NOT NULL CHECK (versi >= 1),
    pemilihan_id  TEXT NOT NULL REFERENCES pemilihan (id),
    jenis         TEXT NOT NULL
        CHECK (jenis IN ('pengaturan', 'akun', 'konten', 'isu', 'rotasi', 'analitik')),
    data          TEXT NOT NULL,
    oleh          TEXT NOT NULL,
    waktu         INTEGER NOT NULL,
    PRIMARY KEY (id, versi)
);
CREATE INDEX medsos_dokumen_pemilihan ON medsos_dokumen (pemilihan_id, jenis, id, versi);

CREATE TRIGGER medsos_dokumen_tetap_ubah BEFORE UPDATE ON medsos_dokumen
BEGIN
    SELECT RAISE(ABORT, 'versi dokumen medsos tidak pernah diubah');
END;
CREATE TRIGGER medsos_dokumen_tetap_hapus BEFORE DELETE ON medsos_dokumen
BEGIN
    SELECT RAISE(ABORT, 'versi dokumen medsos tidak pernah dihapus');
END;
