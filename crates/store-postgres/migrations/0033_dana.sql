-- Campaign finance (dana kampanye, issue 22): per election, its calendar
-- and spending cap, its donors (identity encrypted, blind indexes for
-- de-duplication), an append-only ledger, and returns of excess.

CREATE TABLE dana_pengaturan (
    pemilihan_id    UUID PRIMARY KEY REFERENCES pemilihan (id),
    mulai_kampanye  DATE NOT NULL,
    akhir_kampanye  DATE NOT NULL,
    -- The region's spending cap set by its KPU, in sen; NULL: not set.
    batas_belanja   BIGINT,
    diubah          BIGINT NOT NULL
);

CREATE TABLE dana_penyumbang (
    id                UUID PRIMARY KEY,
    pemilihan_id      UUID NOT NULL REFERENCES pemilihan (id),
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
    dibuat_oleh       UUID NOT NULL,
    dibuat            BIGINT NOT NULL
);
-- One donor per NIK and per NPWP in a campaign.
CREATE UNIQUE INDEX dana_penyumbang_nik ON dana_penyumbang (pemilihan_id, nik_indeks);
CREATE UNIQUE INDEX dana_penyumbang_npwp ON dana_penyumbang (pemilihan_id, npwp_indeks);
CREATE INDEX dana_penyumbang_telepon ON dana_penyumbang (pemilihan_id, telepon_indeks);

CREATE TABLE dana_entri (
    id             UUID PRIMARY KEY,
    pemilihan_id   UUID NOT NULL REFERENCES pemilihan (id),
    -- 1, 2, 3… per election, in the order entries were written.
    nomor          BIGINT NOT NULL,
    tanggal        DATE NOT NULL,
    arah           TEXT NOT NULL CHECK (arah IN ('penerimaan', 'pengeluaran')),
    sumber         TEXT,
    penyumbang_id  UUID REFERENCES dana_penyumbang (id),
    kategori       TEXT,
    bentuk         TEXT NOT NULL CHECK (bentuk IN ('uang', 'barang', 'jasa')),
    jumlah_unit    BIGINT,
    satuan         TEXT,
    jenis_jasa     TEXT,
    rekening       TEXT NOT NULL,
    -- Sen.
    nilai          BIGINT NOT NULL,
    koreksi_atas   UUID REFERENCES dana_entri (id),
    susulan        TEXT,
    uraian         TEXT NOT NULL,
    -- JSON array of the SHA-256 (hex) of the receipts or proofs.
    bukti          TEXT NOT NULL,
    dicatat_oleh   UUID NOT NULL,
    dicatat        BIGINT NOT NULL,
    UNIQUE (pemilihan_id, nomor),
    CHECK ((arah = 'penerimaan') = (sumber IS NOT NULL)),
    CHECK ((arah = 'pengeluaran') = (kategori IS NOT NULL)),
    CHECK (penyumbang_id IS NULL OR arah = 'penerimaan')
);
CREATE INDEX dana_entri_tanggal ON dana_entri (pemilihan_id, tanggal, nomor);
CREATE INDEX dana_entri_penyumbang ON dana_entri (penyumbang_id, tanggal, nomor);
CREATE INDEX dana_entri_koreksi ON dana_entri (koreksi_atas);
-- Entries are never edited or removed: a correction is a new entry.
CREATE FUNCTION dana_entri_tetap() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'entri dana kampanye tidak boleh diubah atau dihapus';
END;
$$;
CREATE TRIGGER dana_entri_tetap BEFORE UPDATE OR DELETE ON dana_entri
    FOR EACH ROW EXECUTE FUNCTION dana_entri_tetap();

CREATE TABLE dana_pengembalian (
    id             UUID PRIMARY KEY,
    pemilihan_id   UUID NOT NULL REFERENCES pemilihan (id),
    tanggal        DATE NOT NULL,
    sumber         TEXT NOT NULL,
    penyumbang_id  UUID REFERENCES dana_penyumbang (id),
    nilai          BIGINT NOT NULL CHECK (nilai > 0),
    tujuan         TEXT NOT NULL,
    entri_id       UUID REFERENCES dana_entri (id),
    dicatat_oleh   UUID NOT NULL,
    dicatat        BIGINT NOT NULL
);
CREATE INDEX dana_pengembalian_pemilihan ON dana_pengembalian (pemilihan_id, tanggal);
