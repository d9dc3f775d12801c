-- Field operations, issue 24: each election's events, invitations,
-- attendance, campaign materials (APK), hand-overs, installations, tasks,
-- completions, surveys and interviews as JSON documents, every version
-- kept (see posko_storage::lapangan), like the social-media room.

CREATE TABLE lapangan_nomor (
    pemilihan_id  UUID PRIMARY KEY REFERENCES pemilihan (id),
    nomor         BIGINT NOT NULL
);

CREATE TABLE lapangan_dokumen (
    id            UUID NOT NULL,
    versi         BIGINT NOT NULL CHECK (versi >= 1),
    pemilihan_id  UUID NOT NULL REFERENCES pemilihan (id),
    jenis         TEXT NOT NULL
        CHECK (jenis IN ('pengaturan', 'acara', 'undangan', 'hadir', 'barang', 'serah',
                         'pasang', 'tugas', 'selesai', 'survei', 'wawancara')),
    data          TEXT NOT NULL,
    oleh          UUID NOT NULL,
    waktu         BIGINT NOT NULL,
    PRIMARY KEY (id, versi)
);
CREATE INDEX lapangan_dokumen_pemilihan ON lapangan_dokumen (pemilihan_id, jenis, id, versi);

CREATE FUNCTION lapangan_dokumen_tetap() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'versi dokumen lapangan tidak pernah diubah atau dihapus';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER lapangan_dokumen_tetap BEFORE UPDATE OR DELETE ON lapangan_dokumen
    FOR EACH ROW EXECUTE FUNCTION lapangan_dokumen_tetap();
