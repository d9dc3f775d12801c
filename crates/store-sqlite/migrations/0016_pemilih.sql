-- The voter list (DPT). One row per voter; (kode_desa, nomor_tps, urut) is
-- the voter's place in the imported file, so importing the same file again
-- replaces the same rows, and the table is clustered on it (WITHOUT ROWID):
-- files list a TPS's voters together, so rows arrive nearly in key order
-- and no separate key index has to be built. The NIK is kept only masked.
-- A load into an empty table drops the lookup index and builds it once at
-- the end (src/pemilih.rs, where its definition is repeated).
CREATE TABLE pemilih (
    kode_desa      TEXT NOT NULL,
    nomor_tps      INTEGER NOT NULL,
    urut           INTEGER NOT NULL,
    nama           TEXT NOT NULL,
    jenis_kelamin  TEXT NOT NULL CHECK (jenis_kelamin IN ('L', 'P')),
    tanggal_lahir  TEXT,
    usia           INTEGER,
    alamat         TEXT,
    rt             INTEGER,
    rw             INTEGER,
    nik_tersamar   TEXT,
    PRIMARY KEY (kode_desa, nomor_tps, urut)
) WITHOUT ROWID;
-- Supporter matching: name + birth date + desa.
CREATE INDEX pemilih_cari ON pemilih (kode_desa, tanggal_lahir);
