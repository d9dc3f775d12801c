-- Field operations, issue 24: each election's events, invitations,
-- attendance, campaign materials (APK), hand-overs, installations, tasks,
-- completions, surveys and interviews as JSON documents, every version
-- kept (see posko_storage::lapangan), like the social-media room.

CREATE TABLE lapangan_nomor (
    pemilihan_id  TEXT PRIMARY KEY REFERENCES pemilihan (id),
    nomor         INTEGER NOT NULL
);

CREATE TABLE lapangan_dokumen (
    id            TEXT NOT NULL,
    versi         INTEGER NOT NULL CHECK (versi >= 1),
    pemilihan_id  TEXT NOT NULL REFERENCES pemilihan (id),
    jenis         TEXT NOT NULL
        CHECK (jenis IN ('pengaturan', 'acara', 'undangan', 'hadir', 'barang', 'serah',
                         'pasang', 'tugas', 'selesai', 'survei', 'wawancara')),
    data          TEXT NOT NULL,
    oleh          TEXT NOT NULL,
    waktu         INTEGER NOT NULL,
    PRIMARY KEY (id, versi)
);
CREATE INDEX lapangan_dokumen_pemilihan ON lapangan_dokumen (pemilihan_id, jenis, id, versi);

CREATE TRIGGER lapangan_dokumen_tetap_ubah BEFORE UPDATE ON lapangan_dokumen
BEGIN
    SELECT RAISE(ABORT, 'versi dokumen lapangan tidak pernah diubah');
END;
CREATE TRIGGER lapangan_dokumen_tetap_hapus BEFORE DELETE ON lapangan_dokumen
BEGIN
    SELECT RAISE(ABORT, 'versi dokumen lapangan tidak pernah dihapus');
END;
