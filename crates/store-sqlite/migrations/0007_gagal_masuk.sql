-- Failed sign-ins, so throttling holds across every server sharing the
-- database. Keys are SHA-256 of "akun:<username>" or "alamat:<ip>": no
-- address is stored in the clear. Rows older than the window are pruned.
CREATE TABLE gagal_masuk (
    kunci  TEXT NOT NULL,
    waktu  BIGINT NOT NULL
);
CREATE INDEX gagal_masuk_kunci ON gagal_masuk (kunci, waktu);
