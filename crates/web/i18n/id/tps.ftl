# The TPS page (/pemilihan/ID/tps/KODE): one polling station on election
# day, and the rule for which revision of its C.Hasil counts.

tps-judul = TPS { $nomor } · { $desa }
tps-kode = Kode TPS
tps-desa = Desa/kelurahan
tps-kecamatan = Kecamatan
tps-kabupaten = Kabupaten/kota
tps-dpt = DPT
tps-dpt-rinci = { $total } (laki-laki { $laki }, perempuan { $perempuan })
tps-dpt-tidak-diketahui = belum diketahui
tps-alamat = Alamat
tps-kirim = Kirim C.Hasil TPS ini
tps-hasil-judul = Hasil yang dihitung
tps-belum-ada-hasil = Belum ada C.Hasil yang masuk dari TPS ini.
tps-dihitung-pertama = Revisi { $revisi } dihitung: kiriman pertama TPS ini.
tps-dihitung-mengganti = Revisi { $revisi } dihitung: menggantikan revisi { $sebelumnya }.
tps-dihitung-bertahan = Revisi { $revisi } tetap dihitung; { $jumlah } revisi sesudahnya tidak menggantikannya (lihat riwayat).
tps-dihitung-berfoto = Revisi ini berfoto.
tps-dihitung-tanpa-foto = Revisi ini tanpa foto: revisi berikutnya mana pun akan menggantikannya.
tps-dihitung-terverifikasi = Angkanya sudah diverifikasi dari foto; yang dihitung adalah angka terverifikasi.
tps-kolom-isian = Isian
tps-kolom-posko = Posko
tps-kolom-resmi = KPU (resmi)
tps-kolom-selisih = Selisih
tps-sah = Suara sah
tps-tidak-sah = Suara tidak sah
tps-total = Jumlah suara
tps-partisipasi = Partisipasi
tps-resmi-sama = Angka resmi KPU sama dengan yang dihitung Posko.
tps-resmi-beda = Angka resmi KPU berbeda dengan yang dihitung Posko di { $jumlah } kolom (ditandai).
tps-resmi-belum = Hasil resmi KPU untuk TPS ini belum diimpor.
tps-aturan-judul = Revisi mana yang dihitung
tps-aturan = Setiap kiriman disimpan sebagai revisi baru dan tidak pernah ditimpa. Revisi yang lebih baru menggantikan revisi yang dihitung, kecuali revisi yang dihitung berfoto atau sudah terverifikasi dan revisi baru itu tanpa foto formulir atau tanpa alasan perbaikan. Revisi seperti itu tetap disimpan sebagai bukti, tetapi tidak mengubah jumlah suara.
tps-verifikasi-judul = Verifikasi
tps-status-masuk = Belum diverifikasi
tps-status-terverifikasi = Terverifikasi
tps-status-bermasalah = Bermasalah: bacaan berbeda, menunggu putusan
tps-dibaca = Dibaca { $jumlah } dari { $perlu } verifikator.
tps-bacaan-tersembunyi = Bacaan verifikator hanya ditampilkan kepada pemutus sengketa dan verifikator yang sudah membaca formulir ini.
tps-kolom-pembaca = Pembaca
tps-kolom-waktu = Waktu
tps-putusan = putusan
tps-riwayat-judul = Riwayat kiriman ({ $jumlah })
tps-revisi = Revisi { $revisi }
tps-lencana-dihitung = dihitung
tps-lencana-tidak-dihitung = tidak dihitung
tps-lencana-digantikan = digantikan
tps-oleh = Pengirim
tps-waktu = Waktu
tps-saluran = Saluran
tps-alasan = Alasan
tps-tanpa-alasan = tanpa alasan
tps-foto = Foto
tps-tanpa-foto = tanpa foto
tps-foto-alt = Foto C.Hasil TPS { $tps }, revisi { $revisi }, foto { $nomor }
tps-foto-buka = Buka foto ukuran penuh
tps-temuan = Temuan hitungan
tps-temuan-tidak-ada = Semua hitungan formulir cocok.
tps-tidak-dihitung = Revisi { $revisi } disimpan tetapi tidak dihitung: revisi { $dihitung } yang dihitung { $pelindung ->
    [verifikasi] sudah terverifikasi
   *[foto] berfoto
}, sedangkan revisi { $revisi } { $kurang ->
    [foto] tanpa foto formulir
    [alasan] tanpa alasan perbaikan
   *[keduanya] tanpa foto formulir dan tanpa alasan perbaikan
}. Perbaikan menggantikannya bila disertai foto formulir dan alasan.
tps-saluran-web = Formulir web
tps-saluran-api = API
tps-saluran-sms = SMS
tps-saluran-telegram = Telegram
tps-saluran-demo = Data demo
tps-checkin-judul = Check-in saksi
tps-checkin-belum = Belum ada saksi yang check-in di TPS ini.
tps-checkin-baris = { $waktu } · { $oleh }
tps-insiden-judul = Insiden
tps-insiden-tidak-ada = Tidak ada insiden yang dilaporkan dari TPS ini.
tps-saksi-judul = Saksi
tps-saksi-belum = TPS ini belum punya saksi.
tps-saksi-utama = saksi utama
tps-saksi-cadangan = saksi cadangan
tps-telepon = Telepon
tps-whatsapp = WhatsApp
tps-telepon-tersembunyi = Nomor telepon saksi hanya ditampilkan kepada koordinator wilayah ini dan manajer.
tps-foto-perkecil = Perkecil
tps-foto-perbesar = Perbesar
tps-foto-putar = Putar 90°
tps-foto-asli = Buka ukuran penuh
selesai-halaman-tps = Lihat halaman TPS ini →
tps-angka = Angka
tps-aturan-singkat = Bila hasil yang dihitung berfoto atau sudah terverifikasi, perbaikan baru menggantikannya jika disertai foto formulir dan alasan; tanpa itu perbaikan tetap disimpan tetapi tidak dihitung.
beranda-halaman-tps = Halaman TPS { $tps }
tps-putuskan-sengketa = Putuskan sengketa
