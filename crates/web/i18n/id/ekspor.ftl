# Downloads of the tables pages show (XLSX and PDF) and the war room's
# printable report.
ekspor-unduh-tabel = Unduh tabel ini:
ekspor-xlsx = XLSX
ekspor-pdf = PDF
ekspor-kaki = dicetak oleh { $oleh } pada { $waktu }
ekspor-halaman = halaman { $n } dari { $m }
ekspor-jumlah = Jumlah
ekspor-kolom-kode = Kode
ekspor-kolom-revisi = Revisi
ekspor-kolom-tps-masuk = TPS masuk
ekspor-kolom-jumlah-tps = Jumlah TPS
ekspor-kolom-sah = Sah
ekspor-kolom-tidak-sah = Tidak sah
ekspor-kolom-partisipasi = Partisipasi
ekspor-kolom-terverifikasi = TPS terverifikasi
ekspor-kolom-status = Status
ekspor-kolom-laki = Laki-laki
ekspor-kolom-perempuan = Perempuan
ekspor-kolom-porsi-dpt = Porsi DPT
ekspor-kolom-alamat = Alamat
ekspor-kolom-masuk = Masuk
ekspor-kolom-sampel = Sampel
ekspor-kolom-porsi-masuk = Porsi masuk
ekspor-rekap-judul = Rekap hasil: { $nama }
ekspor-rekap-catatan = Angka memakai hasil terverifikasi bila ada, selain itu kiriman saksi terakhir.
ekspor-wilayah-judul = { $nama }: { $anak }
ekspor-peringkat-subjudul = Relawan di wilayah { $wilayah }, diurutkan menurut jumlah pendukung
ekspor-peringkat-pilih-wilayah = Pilih wilayah papan peringkat dulu (?wilayah=KODE).
ekspor-hc-judul = Hitung cepat { $nama }: kedatangan sampel per strata
ekspor-hc-taksiran = Taksiran hitung cepat pada { $waktu } (sudah boleh dipublikasikan):
ekspor-hc-embargo = Taksiran tidak dicetak: hanya untuk internal tim sampai { $waktu } (embargo). Berkas ini hanya memuat kedatangan sampel.
ekspor-laporan-pdf = Laporan PDF (peta, angka, tabel)
ekspor-laporan-judul = Laporan { $nama }
ekspor-laporan-keadaan = { $wilayah } · keadaan { $waktu }
ekspor-laporan-hc-embargo = Hitung cepat tidak dicetak sampai embargo berakhir pukul 15.00 WIB, { $tanggal }.
