# Sign-in and sign-out
masuk-judul = Masuk
masuk-ke-posko = Masuk ke Posko
masuk-nama-pengguna = Nama pengguna
masuk-kata-sandi = Kata sandi
masuk-tombol = Masuk
masuk-petunjuk-saksi = Saksi dan relawan: buka tautan masuk yang dikirim koordinator Anda lewat SMS atau chat.
keluar-judul = Keluar
keluar-masuk-sebagai = Anda masuk sebagai
keluar-tombol = Keluar dari Posko

# akun.html
akun-judul = Akun saya
akun-nama = Nama
akun-telepon = Telepon
akun-peran = Peran
akun-belum-ada-peran = belum ada peran
akun-kelola = Kelola akun di wilayah Anda →
akun-sesi = Sesi masuk
akun-sesi-petunjuk = Perangkat tempat akun ini sedang masuk. Jika ada yang tidak Anda kenali, akhiri semua sesi lain lalu ganti kata sandi.
akun-perangkat = Perangkat
akun-alamat-ip = Alamat IP
akun-masuk = Masuk
akun-berlaku-sampai = Berlaku sampai
akun-perangkat-ini = perangkat ini
akun-keluar-lain = Keluar dari semua perangkat lain

# pengguna.html
pengguna-judul = Akun di wilayah Anda
pengguna-telepon-disamarkan = Nomor telepon disamarkan di layar; disimpan terenkripsi.
pengguna-cakupan = Cakupan saksi per TPS:
pengguna-impor-judul = Buat akun saksi dari berkas
pengguna-impor-kolom = Unggah CSV atau XLSX dengan kolom
kata-koma = ,
kata-dan = dan
pengguna-impor-kode-tps = (13 angka, mis. 3171011001001) atau
pengguna-impor-satu-baris = . Satu baris satu saksi. Jika ada baris bermasalah, tidak ada akun yang dibuat kecuali Anda mencentang pilihan di bawah.
pengguna-berkas = Berkas
pengguna-lewati = Buat akun untuk baris yang sah saja
pengguna-impor-tombol = Impor saksi
pengguna-ekspor = Ekspor akun dengan nomor telepon (CSV)
pengguna-ekspor-catatan = Ekspor tercatat di jejak audit dan diberi tanda air nama Anda.
pengguna-kosong = Belum ada akun di wilayah Anda.
pengguna-status = Status
pengguna-akhiri-sesi-judul = Akhiri semua sesi akun ini
pengguna-akhiri-sesi = Akhiri sesi

# impor_saksi.html
impor-baris-bermasalah = Baris bermasalah
impor-kirim-kode = Kirim kode masuk
impor-kode-petunjuk = Setiap saksi masuk dengan kode sekali pakai (berlaku 24 jam) yang Anda kirim lewat SMS atau pesan. Unduh berkas berisi nomor telepon, kode dan tautan masuk; hapus berkas setelah semua terkirim.
impor-buat-kode = Buat kode masuk &amp; unduh CSV
label-tps-kolom = TPS
impor-kembali = ← Kembali ke daftar akun

# cakupan_saksi.html
cakupan-judul = Cakupan saksi:
cakupan-utama = Saksi utama
cakupan-cadangan = Cadangan
cakupan-belum-ada = belum ada saksi
cakupan-jadikan-utama = Jadikan utama
kolom-wilayah = Wilayah
cakupan-ada = Ada saksi
cakupan-belum = Belum
cakupan-cakupan = Cakupan
cakupan-kembali = ← Akun dan impor saksi

# audit.html
audit-judul = Jejak audit
audit-petunjuk = Setiap perubahan tercatat dan dirantai dengan hash. Periksa keutuhannya dengan
audit-tindakan-diawali = Tindakan diawali
audit-pelaku = Pelaku
audit-saring = Saring
audit-kosong = Tidak ada entri yang cocok.
audit-waktu = Waktu (UTC)
audit-waktu-wib = Waktu (WIB)
audit-tindakan = Tindakan
audit-objek = Objek
audit-ringkasan = Ringkasan
audit-lebih-lama = Entri lebih lama →
akun-keluar-ini = Keluar dari perangkat ini
pengguna-judul-pendek = Akun
pengguna-aktif = aktif
pengguna-nonaktif = nonaktif

# Texts the account handlers put on pages
akun-perangkat-tidak-diketahui = tidak diketahui
akun-telepon-belum-ada = belum ada
akun-sesi-lain-diakhiri = { $jumlah } sesi di perangkat lain diakhiri.
pengguna-jumlah-sebagian = { $jumlah } akun di wilayah Anda; { $ditampilkan } pertama ditampilkan (ekspor untuk semuanya).
pengguna-jumlah = { $jumlah } akun di wilayah Anda.
galat-pengguna-tidak-ditemukan = pengguna '{ $username }' tidak ditemukan
galat-formulir-tidak-terbaca = formulir tidak terbaca: { $galat }
galat-berkas-tidak-terbaca = berkas tidak terbaca: { $galat }
galat-formulir-tanpa-token = formulir tidak lengkap: token tidak ada
galat-pilih-berkas-saksi = Pilih berkas daftar saksi (CSV atau XLSX) terlebih dahulu.
galat-tidak-ada-akun-dipilih = Tidak ada akun yang dipilih.
galat-tps-di-luar-wilayah = TPS { $tps } tidak berada di { $wilayah }
cakupan-sekarang-utama = { $username } sekarang saksi utama; saksi lain di TPS itu menjadi cadangan.
cakupan-ringkas = { $bersaksi } dari { $jumlah } TPS punya saksi ({ $persen }); { $berserep } dengan saksi cadangan; { $tanpa } TPS belum ada saksi.

# Sign-in refusals
masuk-salah = Nama pengguna atau kata sandi salah.
masuk-terlalu-sering = Terlalu banyak percobaan gagal. Tunggu 15 menit lalu coba lagi.
masuk-sibuk = Server sedang sibuk memeriksa banyak percobaan masuk sekaligus. Coba lagi sebentar lagi.
masuk-tautan-tidak-berlaku = Tautan masuk ini tidak berlaku: sudah dipakai atau kedaluwarsa. Minta tautan baru ke koordinator Anda.
galat-token-formulir = token formulir tidak sah; muat ulang halaman
galat-asal-permintaan = asal permintaan tidak sah
impor-masalah-lain = … dan { $jumlah } masalah lain.
pengguna-sesi-diakhiri = { $jumlah } sesi { $username } diakhiri.

# An account's history (akun.html, akun_kelola.html)
riwayat-judul = Riwayat akun
riwayat-petunjuk-sendiri = Kode masuk sekali pakai yang diterbitkan untuk akun Anda (dan oleh siapa), serta setiap kali akun ini masuk. Jika ada yang tidak Anda kenali, segera beri tahu manajer kampanye.
riwayat-petunjuk-kelola = Kode masuk yang diterbitkan untuk akun ini dan oleh siapa, saat akun ini masuk, dan perubahan perannya, dari jejak audit.
riwayat-kosong = Belum ada catatan.
riwayat-waktu = Waktu
riwayat-kejadian = Kejadian
riwayat-oleh = Oleh
riwayat-rincian = Rincian
riwayat-kode-masuk = Kode masuk sekali pakai diterbitkan
riwayat-masuk = Masuk
riwayat-sesi-diakhiri = Sesi diakhiri
riwayat-akun-dibuat = Akun dibuat
riwayat-peran-diberi = Peran diberikan
riwayat-peran-dicabut = Peran dicabut
riwayat-dinonaktifkan = Akun dinonaktifkan
riwayat-diaktifkan = Akun diaktifkan
riwayat-sandi-diganti = Kata sandi diganti
riwayat-telegram = Tautan Telegram diubah
riwayat-telepon = Nomor telepon diubah
riwayat-oleh-sistem = Posko
riwayat-oleh-demo = kampanye contoh
riwayat-oleh-cli = baris perintah server ({ $pengguna })

## Managing accounts: adding, roles, disabling, one-time links
kelola-tambah-judul = Tambah akun
kelola-tambah-petunjuk = Tidak ada kata sandi yang perlu diberitahukan: setelah akun dibuat Anda mendapat tautan masuk sekali pakai untuk dikirim ke pemiliknya.
kelola-tidak-ada-peran = Tidak ada peran yang boleh Anda berikan.
kelola-nama-lengkap = Nama lengkap
kelola-telepon-opsional = Nomor HP (boleh kosong)
kelola-wilayah-peran = Wilayah peran (kode wilayah atau TPS; kosong berarti seluruh kampanye)
kelola-wilayah-petunjuk = Admin dan manager selalu seluruh kampanye; saksi satu TPS; koordinator dan relawan sebuah wilayah.
kelola-tambah-tombol = Tambah akun
kelola-akun-dibuat = Akun { $username } dibuat
kelola-tautan-untuk = Tautan masuk untuk { $nama }
kelola-tautan-petunjuk = Kirim tautan ini kepada { $nama }. Siapa pun yang membukanya masuk sebagai akun ini, jadi kirim hanya lewat jalur pribadi.
kelola-tautan-label = Tautan masuk
kelola-salin = Salin tautan
kelola-tersalin = Tersalin
kelola-kirim-wa = Kirim lewat WhatsApp ke { $telepon }
kelola-tautan-sekali = Sekali pakai, berlaku 24 jam. Tautan ini tidak ditampilkan lagi; buat yang baru dari halaman akun bila perlu.
kelola-ke-akun = Buka akun { $username }
kelola-wa-pesan = Halo { $nama }, ini tautan masuk Posko Anda (sekali pakai, berlaku 24 jam): { $tautan }
kelola-kirim-tautan = Kirim tautan masuk
kelola-kirim-tautan-catatan = Membuat tautan sekali pakai untuk dikirim ke pemilik akun.
kelola-aktifkan = Aktifkan akun
kelola-nonaktifkan = Nonaktifkan akun
kelola-nonaktifkan-akibat = Akun nonaktif tidak bisa masuk dan semua sesinya diakhiri. Datanya tetap tersimpan dan akun bisa diaktifkan lagi.
kelola-nonaktifkan-yakin = Ya, nonaktifkan { $username }
kelola-nonaktif-belum-yakin = Centang konfirmasi dulu untuk menonaktifkan akun.
kelola-cabut = Cabut
kelola-beri-judul = Beri peran
kelola-beri-tombol = Beri peran
kelola-selesai-aktif = Akun diaktifkan.
kelola-selesai-nonaktif = Akun dinonaktifkan; semua sesinya diakhiri.
kelola-selesai-diberi = Peran diberikan.
kelola-selesai-dicabut = Peran dicabut.
kelola-selesai-tetap = Tidak ada yang berubah.
kelola-cakupan-semua = seluruh kampanye
kelola-cakupan-tps = TPS { $nomor } · { $desa } ({ $kode })
kelola-peran-admin = Admin
kelola-peran-manager = Manajer kampanye
kelola-peran-koordinator = Koordinator
kelola-peran-relawan = Relawan
kelola-peran-saksi = Saksi
kelola-peran-verifier = Verifikator
kelola-peran-bendahara = Bendahara
kelola-peran-media = Media
kelola-peran-auditor = Auditor
kelola-dilarang-beri = Anda tidak berwenang memberi peran { $peran } di { $cakupan }: hanya peran di bawah Anda, di dalam wilayah Anda.
kelola-dilarang-diri-nonaktif = Anda tidak bisa menonaktifkan akun Anda sendiri.
kelola-dilarang-admin-sendiri = Anda tidak bisa mencabut peran admin Anda sendiri yang terakhir.
