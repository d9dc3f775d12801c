-- The voter list (DPT). One row per voter; (kode_desa, nomor_tps, urut) is
-- the voter's place in the imported file, so importing the same file again
-- replaces the same rows. The NIK is kept only masked. Loads COPY into a
-- temporary staging table and swap it in at commit (src/pemilih.rs).
CREATE TABLE pemilih (
    kode_desa      TEXT COLLATE "C" NOT NULL,
    nomor_tps      SMALLINT NOT NULL,
    urut           INTEGER NOT NULL,
    nama           TEXT NOT NULL,
    jenis_kelamin  CHAR(1) NOT NULL CHECK (jenis_kelamin IN ('L', 'P')),
    tanggal_lahir  DATE,
    usia           SMALLINT,
    alamat         TEXT,
    rt             SMALLINT,
    rw             SMALLINT,
    nik_tersamar   TEXT,
    PRIMARY KEY (kode_desa, nomor_tps, urut)
);
-- Supporter matching: name + birth date + desa.
CREATE INDEX pemilih_cari ON pemilih (nama, tanggal_lahir, kode_desa);
