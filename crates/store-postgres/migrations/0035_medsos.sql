-- The social-media room, issue 23: each election's settings, official
-- accounts, drafts, claims, rotation tasks and analytics imports as JSON
-- documents, every version kept (see posko_storage::medsos). One counter
-- per election orders its writes: a write names the counter it read and
-- moves it under the row's lock, so two servers cannot both pass a check.

CREATE TABLE medsos_nomor (
    pemilihan_id  UUID PRIMARY KEY REFERENCES pemilihan (id),
    nomor         BIGINT NOT NULL
);

CREATE TABLE medsos_dokumen (
    id            UUID NOT NULL,
    versi         BIGINT NOT NULL CHECK (versi >= 1),
    pemilihan_id  UUID NOT NULL REFERENCES pemilihan (id),
    jenis         TEXT NOT NULL
        CHECK (jenis IN ('pengaturan', 'akun', 'konten', 'isu', 'rotasi', 'analitik')),
    data          TEXT NOT NULL,
    oleh          UUID NOT NULL,
    waktu         BIGINT NOT NULL,
    PRIMARY KEY (id, versi)
);
CREATE INDEX medsos_dokumen_pemilihan ON medsos_dokumen (pemilihan_id, jenis, id, versi);

CREATE FUNCTION medsos_dokumen_tetap() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'versi dokumen medsos tidak pernah diubah atau dihapus';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER medsos_dokumen_tetap BEFORE UPDATE OR DELETE ON medsos_dokumen
    FOR EACH ROW EXECUTE FUNCTION medsos_dokumen_tetap();
