-- Campaign finance, issue 22: the KPU's own calendar when it differs
-- from the 2024 pattern, and the reports recorded as filed (reminders
-- stop for a filed report; an unfiled one past its deadline stays in view).

-- JSON: each report's last booked date and deadline, LADK, LPSDK, LPPDK;
-- NULL: the pattern from the campaign's dates.
ALTER TABLE dana_pengaturan ADD COLUMN jadwal TEXT;

CREATE TABLE dana_penyampaian (
    id            TEXT PRIMARY KEY,
    pemilihan_id  TEXT NOT NULL REFERENCES pemilihan (id),
    periode       TEXT NOT NULL CHECK (periode IN ('ladk', 'lpsdk', 'lppdk')),
    tanggal       TEXT NOT NULL,
    tanda_terima  TEXT NOT NULL,
    catatan       TEXT NOT NULL,
    dicatat_oleh  TEXT NOT NULL,
    dicatat       INTEGER NOT NULL
);
CREATE INDEX dana_penyampaian_pemilihan ON dana_penyampaian (pemilihan_id, dicatat);
