# Home page: the elections
beranda-pemilihan = Pemilihan
beranda-belum-ada = Belum ada pemilihan. Siapkan dari baris perintah:
beranda-atau-lihat = Atau lihat
beranda-wilayah-diimpor = wilayah yang sudah diimpor
beranda-kirim-chasil = Kirim C.Hasil TPS { $tps }
beranda-verifikasi = Verifikasi C.Hasil
beranda-rekap-hasil = Rekap hasil
beranda-wilayah-dan-tps = Wilayah dan TPS
beranda-ruang = Ruang pantau (peta)
beranda-impor-dpt = Impor daftar pemilih (DPT)
beranda-pantau = Pantau hari-H: check-in dan insiden
beranda-hitung-cepat = Hitung cepat
beranda-selisih = Selisih dengan hitungan resmi
beranda-cakupan-saksi = Cakupan saksi per TPS
beranda-target = Target suara
beranda-survei = Pertanyaan survei kunjungan
beranda-basis-data = Basis data

# pemilihan.html
pemilihan-hari = Hari pemungutan suara:
pemilihan-wilayah = · Wilayah:
pemilihan-paslon = Pasangan calon
pemilihan-belum-ada-paslon = Belum ada paslon. Tambahkan dengan
pemilihan-jelajahi = Jelajahi wilayah dan TPS →
angka-tps-tanpa-dpt = { $tanpa } TPS belum punya data DPT; jumlah DPT hanya dari { $dengan } TPS.
galat-pemilihan-tidak-ditemukan = pemilihan '{ $id }' tidak ditemukan

# kirim_hasil.html
kirim-judul = Kirim C.Hasil TPS { $tps }
kirim-chasil-tps = C.Hasil TPS { $tps }
kirim-petunjuk = Salin angka persis seperti tertulis di formulir, walaupun menurut Anda salah: Posko akan menandai yang tidak cocok. Kosongkan kotak yang di formulir kosong. Sertakan foto formulir yang jelas.
kirim-checkin = Saya sudah di TPS (check-in)
kirim-sms = Sinyal internet lemah? Kirim lewat SMS atau Telegram:
kirim-sms-foto = (tambahkan foto di Telegram).
kirim-iv = IV. Perolehan suara pasangan calon
kirim-v = V. Suara sah dan tidak sah
kirim-foto-formulir = Foto formulir
kirim-foto = Foto (JPEG, PNG atau HEIC; boleh lebih dari satu)
kirim-i-iii = I–III. Data pemilih dan surat suara
kirim-i-iii-legenda = I. Data pemilih dan pengguna hak pilih; III. Disabilitas
kirim-l = L
kirim-p = P
kirim-jumlah = Jumlah
kirim-label-laki = { $label } laki-laki
kirim-label-perempuan = { $label } perempuan
kirim-label-jumlah = { $label } jumlah
kirim-ii = II. Penggunaan surat suara
kirim-alasan = Catatan / alasan (wajib diisi bila memperbaiki kiriman sebelumnya)
kirim-tombol = Kirim hasil
kirim-insiden = Laporkan insiden di TPS ini
kirim-insiden-jenis = Jenis kejadian
kirim-insiden-teks = Apa yang terjadi
kirim-insiden-foto = Foto (bila ada)
kirim-insiden-tombol = Kirim laporan
kirim-riwayat = Halaman TPS ini: hasil yang dihitung dan riwayat kiriman

# kirim_selesai.html
selesai-judul = Hasil TPS { $tps } terkirim
selesai-sudah-diterima = Hasil TPS { $tps } sudah diterima sebelumnya
selesai-terkirim = Hasil TPS { $tps } terkirim
selesai-tersimpan = Tersimpan sebagai revisi { $revisi } dengan { $foto } foto.
selesai-ulang = Kiriman ini sama dengan yang sudah diterima; tidak ada yang digandakan.
selesai-cocok = Semua hitungan formulir cocok.
selesai-perlu-dicek = Yang perlu dicek ({ $jumlah })
selesai-petunjuk = Hasil tetap tersimpan. Bandingkan lagi dengan formulir: jika Anda salah salin, kirim ulang dengan alasan; jika formulirnya memang begitu, biarkan dan laporkan ke koordinator.
selesai-perbaikan = Kirim perbaikan
selesai-rekap-desa = Lihat rekap desa →

# verifikasi.html
verifikasi-judul-pendek = Verifikasi
verifikasi-petunjuk = Baca angka dari foto formulir. Anda tidak melihat angka saksi maupun bacaan orang lain; dua bacaan yang sama dengan kiriman saksi membuat TPS terverifikasi.
verifikasi-kosong = Tidak ada formulir yang menunggu bacaan Anda.
verifikasi-berikutnya = Baca formulir berikutnya (TPS { $tps }) →
verifikasi-tps = TPS { $tps }
verifikasi-revisi = revisi { $revisi }
verifikasi-sengketa = Sengketa ({ $jumlah })
verifikasi-tidak-ada-sengketa = Tidak ada TPS bermasalah.

# baca.html
baca-judul = Baca TPS { $tps }
baca-h1 = Baca foto C.Hasil TPS { $tps }
baca-petunjuk = Revisi { $revisi }. Tulis angka persis seperti terbaca di foto.
baca-tanpa-foto = Kiriman ini tanpa foto: tidak bisa dibaca. Kembali ke antrean.
baca-foto-asli = Foto asli, resolusi penuh
baca-foto-alt = Foto formulir C.Hasil TPS { $tps }
baca-angka = Angka di foto
baca-simpan = Simpan bacaan

# selisih.html
selisih-judul = Selisih hasil resmi:
selisih-h1 = Selisih dengan hasil resmi:
selisih-semua = Semua TPS yang sudah masuk (termasuk yang belum terverifikasi).
selisih-hanya = Hanya TPS terverifikasi.
selisih-urutan = Diurutkan dari yang paling banyak menggeser suara. Angka "kita → resmi (selisih)".
selisih-tombol-hanya = Hanya yang terverifikasi
selisih-tombol-semua = Sertakan yang belum terverifikasi
selisih-unduh-xlsx = Unduh XLSX
selisih-unduh-pdf = Unduh paket bukti (PDF, dengan foto)
selisih-pdf-kecamatan = Paket bukti PDF per kecamatan (untuk keberatan di rekapitulasi kecamatan)
selisih-n-tps = : { $jumlah } TPS
selisih-kosong = Tidak ada selisih.
selisih-bergeser = Bergeser
selisih-foto = Foto
selisih-foto-ke = foto { $nomor }

# sengketa.html
sengketa-judul = Sengketa TPS { $tps }
sengketa-sumber = Sumber
sengketa-putusan = Putusan: angka yang benar menurut foto
sengketa-alasan = Alasan
sengketa-putuskan = Putuskan

# pesan.html
pesan-judul = Pesan SMS yang perlu ditindaklanjuti
pesan-petunjuk = Pesan dari nomor yang bukan saksi TPS yang disebut, pesan yang tidak bisa dibaca, dan banjir pesan dari satu nomor. Terbaru di atas. Nomor disamarkan; hubungi saksi lewat daftar akun.
pesan-kosong = Tidak ada pesan bermasalah.
pesan-waktu = Waktu
pesan-dari = Dari
pesan-lewat = Lewat
pesan-masalah = Masalah
pesan-lewat-http = gerbang HTTP
pesan-masalah-bukan-saksi = bukan saksi TPS ini
pesan-masalah-tak-terbaca = tidak terbaca
pesan-masalah-banjir = banjir pesan
pesan-isi = Isi pesan
pesan-balasan = Balasan

# hitung_cepat.html
hc-judul = Hitung cepat { $judul }
hc-remah = › Hitung cepat
hc-h1 = Hitung cepat: { $judul }
hc-rilis = Ringkasan untuk publik →
hc-angka-pm = Angka ± adalah margin of error 95 % dalam poin persen. Kecamatan yang laporannya belum cukup dihitung bisa bernilai berapa saja, jadi selangnya melebar sampai mereka masuk. Pemenang hanya disebut bila semua strata sudah melapor, cukup TPS masuk, kedatangan tidak timpang, dan selang paslon teratas terpisah dari pesaingnya.
hc-tps-masuk = TPS sampel masuk
hc-partisipasi = partisipasi
hc-tidak-sah = suara tidak sah
hc-ketimpangan = ketimpangan kedatangan
hc-ketimpangan-petunjuk = Ketimpangan kedatangan: seberapa jauh sebaran DPT TPS yang sudah masuk menyimpang dari sebaran sampel (0 % = masuk merata seperti sampel, 100 % = belum ada yang masuk). Laporan awal biasanya dari kota; angka besar berarti taksiran masih bersandar pada sedikit strata.
hc-pergerakan = Pergerakan taksiran
hc-garis = Garis: taksiran tiap paslon menurut jumlah laporan masuk (urutan kedatangan); pita: selang 95 %.
hc-belum-laporan = Belum ada laporan dari TPS sampel.
hc-kedatangan = Kedatangan per strata
hc-strata = Strata
hc-masuk-sampel = Masuk / sampel
hc-desain-sampel = Desain sampel
hc-desain = Desain
hc-benih = Benih (seed)
hc-ditarik = Ditarik
hc-desain-tercatat = Desain dan benih tercatat di log audit: siapa pun dapat menarik ulang sampel yang sama dari daftar TPS yang sama, dan sampel tidak bisa ditarik ulang.
hc-unduh-csv = Unduh daftar TPS sampel (CSV)
hc-belum-sampel = Belum ada sampel. Susun desainnya, lihat pratinjau margin of error yang bisa diharapkan, lalu tarik sampel.
hc-stratifikasi = Stratifikasi
hc-alokasi = Alokasi
hc-ukuran-label = Ukuran sampel (TPS)
hc-target-margin = atau target margin (± poin persen)
hc-isi-ukuran = Isi ukuran sampel, atau kosongkan dan isi target margin: Posko menghitung ukuran terkecil yang mencapainya. Benih diisi acak; boleh diganti, misalnya dengan angka yang diumumkan lebih dulu.
hc-pratinjau = Pratinjau
hc-margin-perkiraan = Margin of error perkiraan
hc-per-paslon = per paslon (95 %)
hc-ukuran = Ukuran sampel
hc-ukuran-nilai = { $ukuran } TPS (minimal { $minimum })
hc-populasi = Populasi
hc-populasi-nilai = { $tps } TPS dalam { $strata } strata
hc-desain-nilai = { $desain }, benih { $benih }
hc-perkiraan = Perkiraan dengan anggapan sebaran suara antar-TPS yang umum; margin sebenarnya dihitung dari laporan yang masuk.
hc-perkiraan-riwayat = Perkiraan dengan sebaran suara calon yang diikuti antar-TPS pada { $riwayat }; margin sebenarnya dihitung dari laporan yang masuk.
hc-sekali = Sampel hanya ditarik sekali per pemilihan. Desain dan benih { $benih } dicatat di log audit bersama daftar TPS terpilih, jadi sampel tidak bisa ditarik ulang sampai hasilnya terlihat bagus.
hc-tarik = Tarik sampel
hc-oleh-manajer = Penarikan sampel dilakukan oleh manajer kampanye.

# Quick count: texts its handler puts on the page
hc-galat-belum-terukur = { $nilai } (galat belum terukur)
hc-belum-ada-data = – (belum ada data)
hc-stratifikasi-tanpa = tanpa strata (acak sederhana)
hc-stratifikasi-kab-kota = per kabupaten/kota
hc-stratifikasi-kecamatan = per kecamatan
hc-alokasi-proporsional = proporsional DPT
hc-alokasi-merata = merata per strata
hc-galat-stratifikasi = stratifikasi '{ $nilai }' tidak dikenal: pilih tanpa, kab_kota atau kecamatan
hc-galat-alokasi = alokasi '{ $nilai }' tidak dikenal: pilih proporsional_dpt atau merata
hc-galat-bukan-bilangan = { $apa } '{ $nilai }' bukan bilangan bulat positif
hc-galat-benih = benih '{ $nilai }' bukan bilangan bulat positif
hc-galat-margin = target margin '{ $nilai }' tidak sah: tulis dalam poin persen, mis. 1,5
hc-ukuran-sampel = ukuran sampel
hc-sebutkan-ukuran = sebutkan ukuran sampel
hc-sebutkan-benih = sebutkan benih
hc-belum-ditarik = sampel hitung cepat belum ditarik
hc-unggul = Paslon { $nomor } unggul
hc-terlalu-ketat = Terlalu ketat untuk disimpulkan
hc-belum-cukup = Belum cukup: { $alasan }
hc-teks-desain = { $ukuran } TPS, strata { $stratifikasi }, alokasi { $alokasi }
hc-strata-belum = { $jumlah } strata ({ $persen } DPT) belum punya laporan: { $strata }. Taksiran hanya mewakili strata lain.
hc-di-luar-sampel = { $jumlah } laporan dari TPS di luar sampel diabaikan.
hc-boleh-publikasi = Sudah boleh dipublikasikan
hc-embargo = Internal — boleh dipublikasikan mulai { $waktu }
hc-rilis-h1 = Hasil hitung cepat: { $judul }
hc-rilis-keadaan = Keadaan per { $waktu }. Taksiran dari sampel acak TPS, selang kepercayaan 95 %.
hc-rilis-tps-masuk = TPS sampel masuk
hc-rilis-partisipasi = Partisipasi
hc-rilis-tidak-sah = Suara tidak sah
hc-rilis-ditarik = Sampel ditarik
hc-bukan-resmi = Hitung cepat bukan hasil resmi. Hasil resmi ditetapkan KPU melalui rekapitulasi berjenjang.

# Texts the C.Hasil handlers put on pages
kirim-sudah-ada-revisi = TPS ini sudah punya kiriman (revisi { $revisi }). Kiriman baru menjadi revisi berikutnya; yang lama tetap tersimpan. Tulis alasannya.
kirim-checkin-tercatat = Check-in tercatat. Terima kasih sudah hadir di TPS.
kirim-insiden-terkirim = Laporan insiden terkirim ke koordinator.
kirim-galat-negatif = { $label } ({ $kolom }): tidak boleh negatif
kirim-galat-bukan-angka = { $label } ({ $kolom }): '{ $isi }' bukan angka; tulis angka saja
kirim-galat-terlalu-besar = { $label } ({ $kolom }): '{ $isi }' terlalu besar
galat-token-sebelum-foto = formulir tidak lengkap: token harus mendahului foto
galat-foto-tidak-terbaca = foto tidak terbaca: { $galat }
kirim-suara-paslon = suara paslon nomor urut { $nomor }
kirim-kolom-tidak-dikenal = kolom '{ $kolom }' tidak dikenal
kirim-belum-bisa = Formulir belum bisa dikirim: { $salah }. Perbaiki lalu kirim lagi.
# The offline queue of the form (posko.js reads these from the page)
kirim-antrean-tersimpan = Tersimpan di ponsel; mengirim…
kirim-antrean-menunggu = kiriman menunggu di ponsel; mengirim…
kirim-antrean-tanpa-sinyal = Belum ada sinyal. Kiriman tersimpan di ponsel dan dikirim otomatis saat sinyal kembali.
kirim-antrean-gangguan = Server Posko sedang gangguan. Kiriman tersimpan di ponsel dan dikirim ulang otomatis; tidak perlu mengisi lagi.
kirim-antrean-masuk-lagi = Sesi Anda sudah berakhir. Kiriman tetap tersimpan di ponsel: masuk kembali, lalu kiriman dikirim otomatis.
kirim-antrean-tautan-masuk = Masuk kembali
kirim-antrean-ditolak = Server belum menerima kiriman ini; kiriman tetap tersimpan di ponsel dan dicoba lagi nanti. Jawaban server:
galat-ukuran-foto = ukuran foto '{ $ukuran }' tidak dikenal; pakai 'pratinjau' atau 'asli'
galat-foto-tidak-ditemukan = foto tidak ditemukan
galat-foto-tidak-tersimpan = foto ini dilampirkan pada formulir tetapi tidak ada di penyimpanan foto server; beri tahu admin Posko

# Texts the verification handlers put on pages
verifikasi-menunggu = Bacaan tersimpan. Formulir ini menunggu pembaca kedua.
verifikasi-terverifikasi = Bacaan cocok dengan bacaan lain dan kiriman saksi: TPS terverifikasi.
verifikasi-bermasalah = Bacaan tidak cocok: TPS dikirim ke pengawas untuk diputus.
verifikasi-usang = Saksi mengirim revisi baru selama Anda membaca; bacaan tidak disimpan. Baca revisi terbaru.
verifikasi-diputus = Sengketa diputus; TPS terverifikasi.
baca-suara-paslon = IV. Suara paslon { $nomor }. { $calon }
baca-suara-kolom-kosong = IV. Suara kolom kosong (calon tunggal)
baca-suara-sah = V.A Jumlah suara sah
baca-suara-tidak-sah = V.B Jumlah suara tidak sah
baca-galat-bukan-angka = { $kolom }: tulis angka yang terbaca di foto ('{ $isi }' bukan angka)
baca-galat-terlalu-besar = { $kolom }: terlalu besar
sengketa-sah = Sah
sengketa-tidak-sah = Tidak sah
selisih-total = { $tps } TPS, { $suara } suara bergeser
galat-token-paling-depan = formulir tidak lengkap: token harus paling depan

# Incident categories (codes stored; labels shown)
insiden-saksi-dihalangi = Saksi dihalangi atau ditolak masuk
insiden-intimidasi = Intimidasi atau tekanan
insiden-politik-uang = Dugaan politik uang
insiden-logistik = Logistik: surat suara, kotak, formulir
insiden-pemilih = Masalah pemilih: DPT, undangan, identitas
insiden-penghitungan = Penghitungan suara tidak sesuai prosedur
insiden-lain = Lain-lain
beranda-hh-judul = Hari-H di { $wilayah }
beranda-hh-masuk = TPS sudah masuk ({ $persen })
beranda-hh-terverifikasi = terverifikasi
beranda-hh-antrean = menunggu verifikasi
beranda-hh-bermasalah = bermasalah (bacaan berbeda)
beranda-hh-bertanda = dengan temuan hitungan
beranda-hh-tanpa-saksi = TPS tanpa saksi
beranda-hh-hitung-cepat = Hitung cepat: { $masuk } TPS sampel masuk · embargo sampai { $embargo }
pilih-tingkat = Provinsi|Kabupaten/Kota|Kecamatan|Desa/Kelurahan|TPS
pilih-kosong = pilih
pilih-petunjuk = Pilih wilayahnya dari daftar di atas, atau ketik kodenya.
beranda-wilayah-anda = wilayah Anda:
diperbarui = Diperbarui { $jam } · halaman ini memperbarui dirinya sendiri

hc-selang = selang 95 %: { $bawah }–{ $atas } %
hc-margin-poin = ± { $poin } poin
hc-alasan-dua-paslon = laporan memuat kurang dari dua paslon
hc-alasan-tps-kurang = baru { $masuk } TPS sampel masuk; putusan butuh sedikitnya { $minimum }
hc-alasan-strata = { $jumlah } strata ({ $persen } DPT) belum punya laporan; taksiran hanya mewakili strata lain
hc-alasan-galat = galat taksiran belum bisa dihitung
hc-alasan-timpang = kedatangan timpang { $persen } (batas { $batas }): laporan yang masuk belum tersebar seperti sampel
hc-aturan-terbanyak = Aturan: suara sah terbanyak menang.
hc-aturan-lebih-50 = Aturan: menang dengan lebih dari 50 % suara sah; bila tidak ada, putaran kedua antara dua teratas.
hc-aturan-calon-tunggal = Aturan: calon tunggal melawan kolom kosong; paslon menang dengan lebih dari 50 % suara sah, bila tidak pemilihan diulang.
hc-kolom-kosong = Kolom kosong
hc-peluang-ambang = peluang di atas 50 %: { $persen }
hc-peluang-unggul = peluang unggul: { $persen }
hc-selang-di-atas = selang 95 % di atas 50 %
hc-selang-di-bawah = selang 95 % di bawah 50 %
hc-selang-unggul = selang 95 % di atas semua pesaing
hc-kesimpulan-belum = Menurut aturan: belum bisa disimpulkan ({ $alasan })
hc-kesimpulan-menang = Menurut aturan: paslon { $nomor } menang
hc-kesimpulan-menang-tunggal = Menurut aturan: paslon tunggal mengalahkan kolom kosong
hc-kesimpulan-dekat = Menurut aturan: belum bisa disimpulkan, selang 95 % masih melintasi ambang
hc-kesimpulan-putaran-kedua = Menurut aturan: putaran kedua, tidak ada paslon yang selangnya di atas 50 %
hc-kesimpulan-putaran-kedua-mungkin = Menurut aturan: putaran kedua mungkin, tidak ada paslon yang selangnya di atas 50 %
hc-kesimpulan-ulang = Menurut aturan: kolom kosong tidak terkalahkan, pemilihan diulang
hc-peluang-petunjuk = Peluang: perkiraan normal dari taksiran dan galat bakunya (selang yang dilebarkan bila sebagian sampel belum masuk). Selang 95 % di atas ambang sama dengan peluang sedikitnya 97,5 %.
hc-tak-pasti = { $persen } suara sah ada di { $jumlah } kecamatan yang laporannya belum cukup: bagiannya dihitung bisa berapa saja, jadi selang melebar.
hc-grafik-batang = Taksiran suara per paslon dengan selang 95 %
hc-grafik-lintasan = Pergerakan taksiran menurut jumlah laporan masuk
hc-grafik-laporan = { $jumlah } laporan
