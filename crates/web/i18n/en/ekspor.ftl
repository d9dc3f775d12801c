# Downloads of the tables pages show (XLSX and PDF) and the war room's
# printable report.
ekspor-unduh-tabel = Download this table:
ekspor-xlsx = XLSX
ekspor-pdf = PDF
ekspor-kaki = printed by { $oleh } on { $waktu }
ekspor-halaman = page { $n } of { $m }
ekspor-jumlah = Total
ekspor-kolom-kode = Code
ekspor-kolom-revisi = Revision
ekspor-kolom-tps-masuk = Polling stations in
ekspor-kolom-jumlah-tps = Polling stations
ekspor-kolom-sah = Valid
ekspor-kolom-tidak-sah = Invalid
ekspor-kolom-partisipasi = Turnout
ekspor-kolom-terverifikasi = Verified stations
ekspor-kolom-status = Status
ekspor-kolom-laki = Men
ekspor-kolom-perempuan = Women
ekspor-kolom-porsi-dpt = Share of voters
ekspor-kolom-alamat = Address
ekspor-kolom-masuk = In
ekspor-kolom-sampel = Sample
ekspor-kolom-porsi-masuk = Share in
ekspor-rekap-judul = Results: { $nama }
ekspor-rekap-catatan = Figures are the verified results where verified, otherwise the witness's latest submission.
ekspor-wilayah-judul = { $nama }: { $anak }
ekspor-peringkat-subjudul = Volunteers in region { $wilayah }, ranked by supporters
ekspor-peringkat-pilih-wilayah = Choose the leaderboard's region first (?wilayah=CODE).
ekspor-hc-judul = Quick count { $nama }: sample arrival per stratum
ekspor-hc-taksiran = Quick-count estimate at { $waktu } (may be published):
ekspor-hc-embargo = Estimate not printed: internal to the team until { $waktu } (embargo). This file holds the sample's arrival only.
ekspor-laporan-pdf = PDF report (map, numbers, table)
ekspor-laporan-judul = Report { $nama }
ekspor-laporan-keadaan = { $wilayah } · as of { $waktu }
ekspor-laporan-hc-embargo = Quick count not printed until the embargo ends at 15:00 WIB, { $tanggal }.
