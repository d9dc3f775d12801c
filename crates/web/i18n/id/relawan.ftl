
# relawan.html
relawan-judul = Relawan
relawan-h1 = Relawan: { $nama }
relawan-catat-pendukung = Catat pendukung
relawan-daftar-pendukung = Daftar pendukung
relawan-dugaan-ganda = Dugaan ganda
relawan-wilayah-rekrutan = Wilayah tugas rekrutan
relawan-wilayah-tugas = Wilayah tugas
relawan-tingkat = Tingkat
relawan-rekrutan = Rekrutan
relawan-bawahan = { $jumlah } orang di bawah Anda
relawan-undang = Undang relawan baru
relawan-kode-undangan = Kode undangan:
relawan-tautan-bergabung = Tautan bergabung:
relawan-kirim-kode = Kirim kode atau tautan ini ke calon relawan. Berlaku 14 hari untuk satu orang, dan hanya ditampilkan sekali.
relawan-kode-wilayah-petunjuk = Kode kecamatan (31.71.01), desa/kelurahan (31.71.01.1001) atau TPS (3171011001001) di dalam wilayah Anda.
relawan-buat-kode = Buat kode undangan
relawan-jaringan = Jaringan Anda
relawan-per-hari = Pendukung dan kunjungan per hari
relawan-per-hari-petunjuk = Oleh Anda dan jaringan Anda, 30 hari terakhir yang ada catatannya (WIB).
relawan-belum-pendukung = Belum ada pendukung atau kunjungan tercatat.
relawan-hari = Hari
relawan-belum-terdaftar = Akun Anda belum terdaftar sebagai relawan. Minta kode undangan dari koordinator Anda, lalu buka tautan bergabung yang dikirimkan.
relawan-peringkat = Papan peringkat
relawan-tampilkan = Tampilkan
relawan-anda = { $nama } (Anda)
relawan-belum-ada-di-wilayah = Belum ada relawan di wilayah ini.

# relawan_gabung.html
gabung-judul = Bergabung sebagai relawan
gabung-selamat = Selamat bergabung
gabung-dibuat = Akun { $username } dibuat: { $wilayah }. Silakan masuk dengan kata sandi yang baru Anda buat.
gabung-kata-sandi-baru = Kata sandi (minimal 10 karakter)
gabung-nama-lengkap = Nama lengkap
gabung-tombol = Bergabung
gabung-sudah-punya = Sudah punya akun?

# target.html
target-judul = Target { $nama }
target-h1 = Target suara: { $nama }
target-pemilihan = Pemilihan
target-partisipasi = Partisipasi (% DPT)
target-suara = Target suara (% suara sah)
target-hitung = Hitung
target-asumsi = Asumsi:
target-urutan = Diurutkan dari kekurangan terbesar. Kekurangan = suara dibutuhkan − pendukung tercatat, dihitung per TPS lalu dijumlahkan.
target-wilayah-tps = Wilayah/TPS
target-dibutuhkan = Dibutuhkan
target-kekurangan = Kekurangan
target-tercapai = Tercapai
target-tidak-ada-tps = Tidak ada TPS di wilayah ini.
relawan-belum-rekrutan = Belum ada rekrutan. Buat kode undangan di atas.

# pendukung.html
pendukung-judul = Pendukung di wilayah Anda
pendukung-tinjau-ganda = Tinjau dugaan ganda
pendukung-halaman-relawan = Halaman relawan
pendukung-cari-nama = Cari nama
pendukung-cari = Cari
pendukung-jumlah = { $jumlah } pendukung
pendukung-nama-mirip = dengan nama yang memuat kata berawalan “{ $q }”
pendukung-petunjuk = NIK dan nomor telepon disimpan terenkripsi dan tidak ditampilkan di daftar. Kolom DPT: TPS tempat nama dan tanggal lahirnya tercantum di DPT yang diimpor, atau “tidak ditemukan” di desanya.
pendukung-kosong = Belum ada pendukung.
pendukung-kosong-nama = Belum ada pendukung dengan nama itu.
pendukung-tps-desa = TPS/desa
pendukung-dukungan = Dukungan
pendukung-dicatat = Dicatat

# pendukung_baru.html
baru-nik-ganda = Pendukung dengan NIK ini sudah tercatat:
baru-lihat-data = lihat data yang ada
baru-tidak-disimpan = Tidak ada data baru yang disimpan.
baru-persetujuan = Persetujuan (wajib)
baru-bacakan = Bacakan kepada calon pendukung: data mereka disimpan tim kampanye hanya untuk keperluan yang mereka setujui, dan dihapus 90 hari setelah pemilihan kecuali mereka memperpanjang. Mereka boleh meminta melihat, mengoreksi atau menghapus datanya kapan saja.
baru-setuju = Setuju { $keperluan }
pendukung-domisili = TPS atau desa/kelurahan
baru-nik = NIK (tidak wajib)
baru-nik-ketik-lagi = (NIK tidak ditampilkan ulang; ketik lagi)
baru-telepon = Nomor HP (tidak wajib)
baru-tanggal-lahir = Tanggal lahir (tidak wajib, TTTT-BB-HH)
baru-alamat = Alamat (tidak wajib)
baru-sumber = Sumber (mis. kunjungan rumah)
pendukung-tingkat-dukungan = Tingkat dukungan
baru-simpan = Simpan pendukung
baru-petunjuk = TPS: 13 angka (mis. 3171011001001). Desa/kelurahan: kode bertitik (mis. 31.71.01.1001). NIK dan nomor HP disimpan terenkripsi.

# pendukung_detail.html
detail-judul = Pendukung { $nama }
detail-tanggal-lahir = Tanggal lahir
detail-alamat = Alamat
detail-sumber = Sumber
detail-tersimpan = tersimpan (terenkripsi)
detail-nomor-hp = Nomor HP
detail-persetujuan = Persetujuan
detail-disimpan-sampai = Disimpan sampai
detail-perpanjang-judul = Perpanjang masa simpan
detail-perpanjang-petunjuk = Hanya bila pemilik data setuju datanya disimpan lebih lama.
detail-simpan-sampai = Simpan sampai
detail-perpanjang = Perpanjang
detail-hak = Hak pemilik data
detail-hak-petunjuk = Atas permintaan pemilik data (UU 27/2022). Setiap tindakan tercatat di jejak audit.
detail-unduh = Unduh semua datanya (JSON)
detail-koreksi = Koreksi data
detail-koreksi-petunjuk = NIK dan nomor HP tidak ditampilkan. Kosongkan bila tidak berubah; isi hanya untuk menggantinya. Untuk menghapus semua data, pakai "Hapus data" di bawah.
detail-simpan-koreksi = Simpan koreksi
detail-hapus-judul = Hapus data
detail-hapus-yakin = Pemilik data meminta datanya dihapus. Saya mengerti data ini tidak bisa dikembalikan.
detail-hapus = Hapus data pendukung
detail-oleh-koordinator = Unduhan, koreksi dan penghapusan data atas permintaan pemilik data dilakukan oleh koordinator wilayah Anda.

# pendukung_ragu.html
ragu-judul = Dugaan pendukung ganda
ragu-petunjuk = Dua catatan dengan nama sangat mirip, tanggal lahir dan desa yang sama. Periksa, lalu putuskan. Tidak ada yang digabung otomatis: bila sama, hapus catatan yang berlebih dari halamannya.
ragu-kosong = Tidak ada dugaan ganda di wilayah Anda.
ragu-catatan-a = Catatan A
ragu-catatan-b = Catatan B
ragu-desa = Desa
ragu-kemiripan = Kemiripan
ragu-putusan = Putusan
ragu-sama = Orang yang sama
ragu-beda = Orang berbeda

# Texts the volunteer and supporter handlers put on pages
galat-formulir-tidak-lengkap = formulir tidak lengkap; muat ulang halaman lalu kirim lagi
galat-pendukung-tidak-ditemukan = pendukung '{ $id }' tidak ditemukan
relawan-semua-wilayah = semua wilayah
relawan-cakupan-tps = TPS { $tps }
relawan-peringkat-untuk-koordinator = Papan peringkat tersedia untuk koordinator wilayah; wilayah tugas Anda satu TPS.
pendukung-dpt-tidak-ditemukan = tidak ditemukan
pendukung-dihapus = Data pendukung dihapus atas permintaan pemilik data.
dukungan-kuat = kuat (pasti memilih)
dukungan-condong = condong
dukungan-ragu = ragu-ragu
pendukung-tercatat = Pendukung tercatat.
pendukung-tercatat-mirip = Pendukung tercatat. Ada { $jumlah } data lain yang mirip (nama, tanggal lahir dan desa sama): dikirim ke daftar tinjauan dugaan ganda.
pendukung-dikoreksi = Data pendukung dikoreksi.
pendukung-diperpanjang = Masa simpan diperpanjang.
galat-ekspor-gagal = ekspor gagal disusun: { $galat }
galat-simpan-setelah-hari-ini = tanggal simpan harus setelah hari ini
galat-tanggal = tanggal '{ $isi }': tulis sebagai TTTT-BB-HH (mis. 2030-03-01)
galat-centang-hapus = Centang konfirmasi penghapusan dulu: data yang dihapus tidak bisa dikembalikan.
ragu-tercatat = Tinjauan tercatat.
ragu-status-sama = orang yang sama
ragu-status-beda = orang berbeda
ragu-status-belum = belum ditinjau
galat-pasangan-tidak-ditemukan = pasangan '{ $id }' tidak ditemukan
galat-pilih-putusan = pilih: orang yang sama atau orang berbeda
target-belum-ada-pemilihan = Belum ada pemilihan yang mencakup wilayah ini: target dihitung per pemilihan.
target-galat-partisipasi = partisipasi: { $galat }
target-galat-target = target suara: { $galat }
target-asumsi-partisipasi-bawaan = Partisipasi pemilih diasumsikan { $persen } % dari DPT (bawaan; ubah di atas).
target-asumsi-partisipasi = Partisipasi pemilih: { $persen } % dari DPT menjadi suara sah.
target-asumsi-target-bawaan = Ada { $paslon } paslon: target perolehan diasumsikan { $persen } % suara sah (bawaan; ubah di atas).
target-asumsi-target = Ada { $paslon } paslon: target perolehan { $persen } % suara sah.
target-asumsi-dua-paslon = { $paslon } paslon: suara dibutuhkan = separuh suara sah + 1 di setiap TPS.
target-sumber = Partisipasi dari
target-sumber-tetap = angka di atas untuk semua TPS
target-sumber-riwayat = { $riwayat }, per desa
target-simpan = Simpan sebagai asumsi pemilihan ini
target-disimpan = Asumsi disimpan; halaman target siapa pun kini memakainya.
target-asumsi-tersimpan = Asumsi tersimpan untuk pemilihan ini (oleh { $oleh }, { $waktu }).
target-asumsi-riwayat = Partisipasi tiap TPS = suara sah ÷ DPT desanya pada { $riwayat } ({ $tps } TPS).
target-asumsi-riwayat-cadangan = { $tps } TPS di desa tanpa riwayat memakai { $persen } %.
relawan-kunjungan = Kunjungan
relawan-per-wilayah = Per wilayah di bawahnya
pendukung-cari-petunjuk = Pencarian mencocokkan awal kata-kata nama (minimal 3 huruf; kata yang lebih pendek harus utuh) di semua pendukung wilayah Anda.
pendukung-rentang = Menampilkan { $dari }–{ $sampai }
pendukung-sebelumnya = ← Sebelumnya
pendukung-berikutnya = Berikutnya →
survei-judul = Survei pintu ke pintu · { $nama }
survei-kembali = ← Halaman pemilihan
survei-disimpan = Survei disimpan; daftar jalan kini menanyakannya.
survei-petunjuk = Pertanyaan singkat yang ditanyakan relawan saat bertemu pemilih, masing-masing dengan 2 sampai 8 pilihan jawaban. Pertanyaan yang dipensiunkan tidak ditanyakan lagi, tetapi jawaban yang sudah masuk tetap tersimpan dan terhitung.
survei-bawaan = Pemilihan ini masih memakai tiga pertanyaan bawaan. Perubahan pertama menyalinnya menjadi milik pemilihan ini.
survei-pertanyaan = Pertanyaan
survei-kode = Kode
survei-teks = Pertanyaan (bahasa Indonesia)
survei-teks-en = Pertanyaan (bahasa Inggris, tidak wajib)
survei-pilihan = Pilihan jawaban
survei-pilihan-baris = Pilihan jawaban, satu per baris: kode = label
survei-status = Status
survei-aktif = ditanyakan
survei-pensiun = dipensiunkan
survei-pensiunkan = Pensiunkan
survei-tanyakan-lagi = Tanyakan lagi
survei-ubah = Ubah
survei-simpan = Simpan pertanyaan
survei-tambah = Tambah pertanyaan
survei-kode-petunjuk = Kode: huruf kecil a-z, angka dan tanda hubung, paling banyak 24 huruf (mis. air-bersih). Menyimpan kode yang sudah ada mengubah pertanyaan itu.
survei-atur = Atur pertanyaan survei pintu ke pintu
survei-hasil = Hasil survei pintu ke pintu
survei-hasil-petunjuk = Jawaban dari semua kunjungan di wilayah ini, per pertanyaan { $pemilihan }.
survei-jawaban = Jawaban
survei-jumlah = Jumlah
survei-belum-dijawab = Belum ada jawaban.
survei-jumlah-jawaban = { $jumlah } jawaban
