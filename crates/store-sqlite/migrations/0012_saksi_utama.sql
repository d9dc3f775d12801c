-- Which saksi of a TPS is the main witness (the others are backups). A TPS
-- without a row here takes its earliest-assigned active saksi as main.
CREATE TABLE saksi_utama (
    tps          TEXT PRIMARY KEY,
    pengguna_id  TEXT NOT NULL REFERENCES pengguna (id)
);
