# Shared by every page: the frame of base.html, error pages, words used everywhere.
bahasa-lain-kode = en
bahasa-lain-nama = English
nav-beranda = Beranda
nav-wilayah = Wilayah
nav-pendukung = Pendukung
nav-relawan = Relawan
nav-pengguna = Pengguna
nav-pesan = Pesan SMS
nav-audit = Audit
nav-menu = Menu
nav-akun = Akun
kaki = Posko · posko pemenangan yang dijalankan sendiri
beranda = Beranda
kembali-ke-beranda = Kembali ke beranda

# Error pages
galat-halaman-tidak-ada = Halaman ini tidak ada. Periksa alamatnya, atau lanjutkan dari menu.
galat-judul-tidak-ditemukan = Tidak ditemukan
galat-judul-server = Kesalahan server
galat-judul-permintaan = Permintaan tidak dapat diproses
galat-server = Terjadi kesalahan di server. Coba lagi sebentar lagi; jika berulang, hubungi admin Posko.
galat-judul-sibuk = Server sibuk
galat-sibuk = Server sedang sibuk. Coba lagi sebentar lagi.
galat-basis-data-gangguan = Posko tidak dapat menjangkau basis datanya saat ini. Tidak ada yang disimpan atau diubah; coba lagi dalam beberapa detik.
galat-terlalu-besar = Isi permintaan terlalu besar: paling banyak { $batas }. Kirim lebih sedikit sekaligus, atau foto yang lebih kecil.
galat-halaman-gagal-disusun = Halaman gagal disusun.
galat-belum-masuk = Belum masuk.
galat-tidak-berwenang = Anda tidak berwenang membuka ini: di luar peran atau wilayah tugas Anda.

# Counts that English pluralises
jumlah-tps = { $jumlah } TPS
label-tps = TPS
label-pemilih-dpt = pemilih (DPT)
# Path segments that name nothing; the reason after the colon comes from the domain, in Indonesian
galat-kode-tps = TPS '{ $kode }': { $galat }
galat-kode-wilayah = wilayah '{ $kode }': { $galat }

## Region, tally and election-day pages
wilayah-jejak = Jejak wilayah
wilayah-label-dpt = pemilih (DPT)
wilayah-label-laki = laki-laki
wilayah-label-perempuan = perempuan
wilayah-petunjuk-peta = Sentuh atau arahkan ke wilayah untuk melihat angkanya.
wilayah-anak-kosong = Belum ada { $anak } yang diimpor di sini.
wilayah-kolom-nama = Nama
wilayah-kolom-l = L
wilayah-kolom-p = P
wilayah-tps-kosong = Belum ada TPS yang diimpor di desa/kelurahan ini.
rekap-judul-tab = Rekap { $nama }
rekap-judul = Rekap hasil: { $nama }
rekap-label-terverifikasi = terverifikasi
rekap-label-partisipasi = partisipasi (TPS masuk)
rekap-label-bertanda = TPS dengan temuan hitungan
rekap-label-bermasalah = TPS bermasalah
rekap-sumber-angka = Angka memakai hasil terverifikasi bila ada, selain itu kiriman saksi terakhir.
rekap-ke-selisih = Bandingkan dengan hasil resmi →
rekap-ke-pantau = Pantauan hari H (check-in, insiden) →
rekap-ke-ruang = Ruang pantau (peta, layar TV) →
pantau-insiden-terbaru = Insiden terbaru
pantau-insiden-kosong = Belum ada laporan insiden.
pantau-belum-checkin = TPS yang belum check-in
pantau-semua-checkin = Semua TPS sudah check-in.
pantau-judul = Pantauan hari H: { $nama }
pantau-hadir = { $checkin } dari { $jumlah } TPS sudah ada saksi yang check-in ({ $persen }); { $belum } belum.
pantau-sebelum-buka = Saksi seharusnya hadir sebelum TPS dibuka pukul 07.00.
pantau-tanpa-lebih = … dan { $jumlah } TPS lain.
pantau-foto-ke = foto { $nomor }
target-daftar-jalan = daftar jalan
relawan-jalan-tps-anda = Daftar jalan TPS Anda
relawan-target-dan-jalan = Target dan daftar jalan per TPS
rekap-tidak-berwenang = Anda tidak berwenang membuka rekap ini.
rekap-selisih = Selisih nomor urut { $a } atas nomor urut { $b }: { $suara } suara ({ $poin } poin)
rekap-belum-ada-suara = Belum ada suara masuk.
rekap-status-masuk = masuk
rekap-status-terverifikasi = terverifikasi
rekap-status-bermasalah = bermasalah
rekap-status-temuan = { $status }, { $jumlah } temuan
rekap-revisi = revisi { $n }
wilayah-seluruh-indonesia = Seluruh Indonesia
