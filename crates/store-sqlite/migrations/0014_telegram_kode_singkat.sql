-- A saksi's Telegram account, linked once (one-time code or shared contact),
-- encrypted like the phone. One Telegram account speaks for one Posko account.
ALTER TABLE pengguna ADD COLUMN telegram_sandi TEXT;
ALTER TABLE pengguna ADD COLUMN telegram_indeks TEXT;
CREATE UNIQUE INDEX pengguna_telegram ON pengguna (telegram_indeks);

-- Short per-TPS codes for SMS (KodeSingkat::dari_nomor(nomor)), issued
-- when first printed and never reused, so a printed sheet stays valid.
CREATE TABLE kode_singkat_tps (
    nomor  INTEGER PRIMARY KEY,
    tps    TEXT NOT NULL UNIQUE
);
