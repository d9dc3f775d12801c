# Shared by every page: the frame of base.html, error pages, words used everywhere.
bahasa-lain-kode = en
bahasa-lain-nama = English
nav-beranda = Beranda
nav-wilayah = Wilayah
nav-pendukung = Pendukung
nav-relawan = Relawan
nav-akun = Akun
kaki = Posko · posko pemenangan yang dijalankan sendiri
beranda = Beranda
kembali-ke-beranda = Kembali ke beranda

# Error pages
galat-judul-tidak-ditemukan = Tidak ditemukan
galat-judul-server = Kesalahan server
galat-judul-permintaan = Permintaan tidak dapat diproses
galat-server = Terjadi kesalahan di server. Coba lagi sebentar lagi; jika berulang, hubungi admin Posko.
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
