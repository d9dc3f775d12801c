-- The supporter-name search index: keyed blind indexes (HMAC-SHA256 under
-- the data key's index sub-key, see docs/SECURITY.md) of each name part's
-- prefixes, so a search across every supporter in a scope is an index
-- lookup rather than a read of every name. Erasing a supporter erases
-- their rows here in the same transaction.
CREATE TABLE pendukung_nama_indeks (
    indeks        TEXT NOT NULL,
    pendukung_id  TEXT NOT NULL REFERENCES pendukung (id) ON DELETE CASCADE,
    PRIMARY KEY (indeks, pendukung_id)
) WITHOUT ROWID;
CREATE INDEX pendukung_nama_indeks_pendukung ON pendukung_nama_indeks (pendukung_id);

-- The doorstep survey's questions per election. An election with none
-- stored asks the three built-in ones. A retired question stays (aktif =
-- 0) so the answers already given to it remain readable. Answer options
-- are lines of `kode=label`.
CREATE TABLE pertanyaan_survei (
    pemilihan_id  TEXT NOT NULL REFERENCES pemilihan (id),
    kode          TEXT NOT NULL,
    urutan        INTEGER NOT NULL,
    teks          TEXT NOT NULL,
    teks_en       TEXT,
    pilihan       TEXT NOT NULL,
    aktif         INTEGER NOT NULL,
    diubah        INTEGER NOT NULL,
    PRIMARY KEY (pemilihan_id, kode)
);
