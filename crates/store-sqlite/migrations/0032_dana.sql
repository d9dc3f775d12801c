-- Campaign finance (dana kampanye, issue 22): per election, its calendar
-- and spending cap, its donors (identity encrypted, blind indexes for
-- de-duplication), an append-only ledger, and returns of excess.

CREATE TABLE dana_pengaturan (
    pemilihan_id    TEXT PRIMARY KEY REFERENCES pemilihan (id),
    mulai_kampanye  TEXT NOT NULL,
    akhir_kampanye  TEXT NOT NULL,
    -- The region's spending cap set by its KPU, in sen; NULL: not set.
    batas_belanja   INTEGER,
    diubah          INTEGER NOT NULL
);

CREATE TABLE dana_penyumbang (
    id                TEXT PRIMARY KEY,
    pemilihan_id      TEXT NOT NULL REFERENCES pemilihan (id),
    sumber            TEXT NOT NULL,
    -- Name, address, phone, NIK, NPWP as one sealed JSON document.
    identitas_sandi   TEXT,
    identitas_indeks  TEXT,
    nik_sandi         TEXT,
    nik_indeks        TEXT,
    telepon_sandi     TEXT,
    telepon_indeks    TEXT,
    npwp_sandi        TEXT,
    npwp_indeks       TEXT,
    dibuat_oleh       TEXT NOT NULL,
    dibuat            INTEGER NOT NULL
);
-- One donor per NIK and per NPWP in a campaign.
CREATE UNIQUE INDEX dana_penyumbang_nik ON dana_penyumbang (pemilihan_id, nik_indeks);
CREATE UNIQUE INDEX dana_penyumbang_npwp ON dana_penyumbang (pemilihan_id, npwp_indeks);
CREATE INDEX dana_penyumbang_telepon ON dana_penyumbang (pemilihan_id, telepon_indeks);

CREATE TABLE dana_entri (
    id             TEXT PRIMARY KEY,
    pemilihan_id   TEXT NOT NULL REFERENCES pemilihan (id),
    -- 1, 2, 3… per election, in the order entries were written.
    nomor          INTEGER NOT NULL,
    tanggal        TEXT NOT NULL,
    arah           TEXT NOT NULL CHECK (arah IN ('penerimaan', 'pengeluaran')),
    sumber         TEXT,
    penyumbang_id  TEXT REFERENCES dana_penyumbang (id),
    kategori       TEXT,
    bentuk         TEXT NOT NULL CHECK (bentuk IN ('uang', 'barang', 'jasa')),
    jumlah_unit    INTEGER,
    satuan         TEXT,
    jenis_jasa     TEXT,
    rekening       TEXT NOT NULL,
    -- Sen.
    nilai          INTEGER NOT NULL,
    koreksi_atas   TEXT REFERENCES dana_entri (id),
    susulan        TEXT,
    uraian         TEXT NOT NULL,
    -- JSON array of the SHA-256 (hex) of the receipts or proofs.
    bukti          TEXT NOT NULL,
    dicatat_oleh   TEXT NOT NULL,
    dicatat        INTEGER NOT NULL,
    UNIQUE (pemilihan_id, nomor),
    CHECK ((arah = 'penerimaan') = (sumber IS NOT NULL)),
    CHECK ((arah = 'pengeluaran') = (kategori IS NOT NULL)),
    CHECK (penyumbang_id IS NULL OR arah = 'penerimaan')
);
CREATE INDEX dana_entri_tanggal ON dana_entri (pemilihan_id, tanggal, nomor);
CREATE INDEX dana_entri_penyumbang ON dana_entri (penyumbang_id, tanggal, nomor);
CREATE INDEX dana_entri_koreksi ON dana_entri (koreksi_atas);
-- Entries are never edited or removed: a correction is a new entry.
CREATE TRIGGER dana_entri_tanpa_ubah BEFORE UPDATE ON dana_entri
BEGIN
    SELECT RAISE(ABORT, 'entri dana kampanye tidak boleh diubah');
END;
CREATE TRIGGER dana_entri_tanpa_hapus BEFORE DELETE ON dana_entri
BEGIN
    SELECT RAISE(ABORT, 'entri dana kampanye tidak boleh dihapus');
END;

CREATE TABLE dana_pengembalian (
    id             TEXT PRIMARY KEY,
    pemilihan_id   TEXT NOT NULL REFERENCES pemilihan (id),
    tanggal        TEXT NOT NULL,
    sumber         TEXT NOT NULL,
    penyumbang_id  TEXT REFERENCES dana_penyumbang (id),
    nilai          INTEGER NOT NULL CHECK (nilai > 0),
    tujuan         TEXT NOT NULL,
    entri_id       TEXT REFERENCES dana_entri (id),
    dicatat_oleh   TEXT NOT NULL,
    dicatat        INTEGER NOT NULL
);
CREATE INDEX dana_pengembalian_pemilihan ON dana_pengembalian (pemilihan_id, tanggal);
