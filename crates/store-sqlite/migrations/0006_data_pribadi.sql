-- Personal data encrypted at rest (ciphertext and keyed blind index, both
-- prefixed with the key id), and what a person needs to recognise their
-- own sessions in the list.
ALTER TABLE pengguna ADD COLUMN telepon_sandi TEXT;
ALTER TABLE pengguna ADD COLUMN telepon_indeks TEXT;
CREATE INDEX pengguna_telepon ON pengguna (telepon_indeks);
ALTER TABLE sesi ADD COLUMN alamat TEXT;
ALTER TABLE sesi ADD COLUMN perangkat TEXT;
