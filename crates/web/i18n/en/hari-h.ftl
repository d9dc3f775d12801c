# Home page: the elections
beranda-pemilihan = Elections
beranda-belum-ada = No election yet. Set one up from the command line:
beranda-atau-lihat = Or look at the
beranda-wilayah-diimpor = regions already imported
beranda-kirim-chasil = Send the C.Hasil of polling station { $tps }
beranda-verifikasi = Verify C.Hasil forms
beranda-rekap-hasil = Results
beranda-wilayah-dan-tps = Regions and polling stations
beranda-ruang = War room (map)
beranda-impor-dpt = Import the voter list (DPT)
beranda-pantau = Election-day watch: check-ins and incidents
beranda-hitung-cepat = Quick count
beranda-selisih = Differences from the official count
beranda-cakupan-saksi = Saksi coverage per TPS
beranda-target = Vote targets
beranda-survei = Doorstep survey questions
beranda-basis-data = Database

# pemilihan.html
pemilihan-hari = Election day:
pemilihan-wilayah = · Region:
pemilihan-paslon = Candidate pairs
pemilihan-belum-ada-paslon = No candidate pair yet. Add one with
pemilihan-jelajahi = Explore regions and polling stations →
angka-tps-tanpa-dpt = { $tanpa ->
    [one] { $tanpa } polling station has no DPT figures yet; the DPT total counts only { $dengan } polling stations.
   *[other] { $tanpa } polling stations have no DPT figures yet; the DPT total counts only { $dengan } polling stations.
}
galat-pemilihan-tidak-ditemukan = election '{ $id }' not found

# kirim_hasil.html
kirim-judul = Send the C.Hasil of polling station { $tps }
kirim-chasil-tps = C.Hasil of polling station { $tps }
kirim-petunjuk = Copy the figures exactly as written on the form, even if you think they are wrong: Posko flags what does not add up. Leave a box empty where the form is empty. Attach a clear photo of the form.
kirim-checkin = I am at the polling station (check in)
kirim-sms = Weak internet signal? Send by SMS or Telegram:
kirim-sms-foto = (add the photo in Telegram).
kirim-iv = IV. Votes for each candidate pair
kirim-v = V. Valid and invalid votes
kirim-foto-formulir = Photo of the form
kirim-foto = Photos (JPEG, PNG or HEIC; more than one is fine)
kirim-i-iii = I–III. Voters and ballot papers
kirim-i-iii-legenda = I. Voters and those who voted; III. Disability
kirim-l = M
kirim-p = F
kirim-jumlah = Total
kirim-label-laki = { $label } men
kirim-label-perempuan = { $label } women
kirim-label-jumlah = { $label } total
kirim-ii = II. Use of ballot papers
kirim-alasan = Note / reason (required when correcting an earlier submission)
kirim-tombol = Send results
kirim-insiden = Report an incident at this polling station
kirim-insiden-jenis = What kind of incident
kirim-insiden-teks = What happened
kirim-insiden-foto = Photos (if any)
kirim-insiden-tombol = Send the report
kirim-riwayat = This TPS's page: the result that counts and every submission

# kirim_selesai.html
selesai-judul = Results of polling station { $tps } sent
selesai-sudah-diterima = The results of polling station { $tps } were already received
selesai-terkirim = Results of polling station { $tps } sent
selesai-tersimpan = { $foto ->
    [one] Saved as revision { $revisi } with { $foto } photo.
   *[other] Saved as revision { $revisi } with { $foto } photos.
}
selesai-ulang = This submission is the same as the one already received; nothing was duplicated.
selesai-cocok = All the form's sums add up.
selesai-perlu-dicek = To check ({ $jumlah })
selesai-petunjuk = The results are saved all the same. Compare with the form again: if you copied wrongly, send again with a reason; if the form really says so, leave it and tell your coordinator.
selesai-perbaikan = Send a correction
selesai-rekap-desa = See the village totals →

# verifikasi.html
verifikasi-judul-pendek = Verification
verifikasi-petunjuk = Read the figures from the photo of the form. You see neither the witness's figures nor anyone else's reading; two readings that match the witness's submission verify the polling station.
verifikasi-kosong = No form is waiting for your reading.
verifikasi-berikutnya = Read the next form (polling station { $tps }) →
verifikasi-tps = Polling station { $tps }
verifikasi-revisi = revision { $revisi }
verifikasi-sengketa = Disputes ({ $jumlah })
verifikasi-tidak-ada-sengketa = No polling station in dispute.

# baca.html
baca-judul = Read polling station { $tps }
baca-h1 = Read the C.Hasil photo of polling station { $tps }
baca-petunjuk = Revision { $revisi }. Write the figures exactly as they read in the photo.
baca-tanpa-foto = This submission has no photo: it cannot be read. Go back to the queue.
baca-foto-asli = Original photo, full resolution
baca-foto-alt = Photo of the C.Hasil form of polling station { $tps }
baca-angka = Figures in the photo
baca-simpan = Save the reading

# selisih.html
selisih-judul = Differences from the official result:
selisih-h1 = Differences from the official result:
selisih-semua = Every polling station reported so far (including those not yet verified).
selisih-hanya = Verified polling stations only.
selisih-urutan = Sorted by the most votes moved. Figures read "ours → official (difference)".
selisih-tombol-hanya = Verified only
selisih-tombol-semua = Include those not yet verified
selisih-unduh-xlsx = Download XLSX
selisih-unduh-pdf = Download the evidence pack (PDF, with photos)
selisih-pdf-kecamatan = PDF evidence pack per kecamatan (for objections at the kecamatan tally)
selisih-n-tps = : { $jumlah } polling stations
selisih-kosong = No differences.
selisih-bergeser = Moved
selisih-foto = Photos
selisih-foto-ke = photo { $nomor }

# sengketa.html
sengketa-judul = Dispute at polling station { $tps }
sengketa-sumber = Source
sengketa-putusan = Decision: the correct figures according to the photo
sengketa-alasan = Reason
sengketa-putuskan = Decide

# pesan.html
pesan-judul = SMS messages that need follow-up
pesan-petunjuk = Messages from numbers that are not the named polling station's witness, messages that could not be read, and floods from one number. Newest first. Numbers are masked; reach witnesses through the account list.
pesan-kosong = No problem messages.
pesan-waktu = Time
pesan-dari = From
pesan-lewat = Via
pesan-masalah = Problem
pesan-lewat-http = HTTP gateway
pesan-masalah-bukan-saksi = not a saksi of this TPS
pesan-masalah-tak-terbaca = could not be read
pesan-masalah-banjir = message flood
pesan-isi = Message
pesan-balasan = Reply

# hitung_cepat.html
hc-judul = Quick count { $judul }
hc-remah = › Quick count
hc-h1 = Quick count: { $judul }
hc-rilis = Public summary →
hc-angka-pm = The ± figure is the 95 % margin of error in percentage points. Kecamatan that have not reported enough count as possibly anything, so the interval stays wide until they are in. A winner is named only once every stratum has reported, enough polling stations are in, arrivals are not skewed, and the leading pair's interval is apart from its rival's.
hc-tps-masuk = sample polling stations in
hc-partisipasi = turnout
hc-tidak-sah = invalid votes
hc-ketimpangan = arrival imbalance
hc-ketimpangan-petunjuk = Arrival imbalance: how far the DPT spread of the polling stations already in departs from the sample's (0 % = arriving evenly like the sample, 100 % = nothing in yet). Early reports usually come from towns; a large figure means the estimate still leans on few strata.
hc-pergerakan = How the estimate moved
hc-garis = Lines: each pair's estimate by the number of reports in (order of arrival); bands: 95 % interval.
hc-belum-laporan = No report from the sample polling stations yet.
hc-kedatangan = Arrivals per stratum
hc-strata = Stratum
hc-masuk-sampel = In / sample
hc-desain-sampel = Sample design
hc-desain = Design
hc-benih = Seed
hc-ditarik = Drawn
hc-desain-tercatat = The design and seed are in the audit log: anyone can draw the same sample again from the same list of polling stations, and the sample cannot be redrawn.
hc-unduh-csv = Download the sample polling stations (CSV)
hc-belum-sampel = No sample yet. Set up its design, preview the margin of error to expect, then draw the sample.
hc-stratifikasi = Stratification
hc-alokasi = Allocation
hc-ukuran-label = Sample size (polling stations)
hc-target-margin = or target margin (± percentage points)
hc-isi-ukuran = Fill in the sample size, or leave it empty and fill in the target margin: Posko works out the smallest size that reaches it. The seed is filled in at random; you may change it, for instance to a number announced beforehand.
hc-pratinjau = Preview
hc-margin-perkiraan = Expected margin of error
hc-per-paslon = per candidate pair (95 %)
hc-ukuran = Sample size
hc-ukuran-nilai = { $ukuran } polling stations (at least { $minimum })
hc-populasi = Population
hc-populasi-nilai = { $tps } polling stations in { $strata } strata
hc-desain-nilai = { $desain }, seed { $benih }
hc-perkiraan = Estimated assuming a usual spread of votes between polling stations; the real margin is computed from the reports that come in.
hc-perkiraan-riwayat = Estimated with the spread between TPS of the followed candidate's share in { $riwayat }; the real margin is computed from the reports as they arrive.
hc-sekali = The sample is drawn only once per election. The design and seed { $benih } are recorded in the audit log with the chosen polling stations, so the sample cannot be redrawn until the result looks good.
hc-tarik = Draw the sample
hc-oleh-manajer = The campaign manager draws the sample.

# Quick count: texts its handler puts on the page
hc-galat-belum-terukur = { $nilai } (error not yet measurable)
hc-belum-ada-data = – (no data yet)
hc-stratifikasi-tanpa = no strata (simple random)
hc-stratifikasi-kab-kota = by regency/city
hc-stratifikasi-kecamatan = by kecamatan
hc-alokasi-proporsional = proportional to DPT
hc-alokasi-merata = equal per stratum
hc-galat-stratifikasi = unknown stratification '{ $nilai }': choose tanpa, kab_kota or kecamatan
hc-galat-alokasi = unknown allocation '{ $nilai }': choose proporsional_dpt or merata
hc-galat-bukan-bilangan = { $apa } '{ $nilai }' is not a positive whole number
hc-galat-benih = seed '{ $nilai }' is not a positive whole number
hc-galat-margin = target margin '{ $nilai }' is not valid: write it in percentage points, e.g. 1.5
hc-ukuran-sampel = sample size
hc-sebutkan-ukuran = give the sample size
hc-sebutkan-benih = give the seed
hc-belum-ditarik = the quick-count sample has not been drawn yet
hc-unggul = Pair { $nomor } leads
hc-terlalu-ketat = Too close to call
hc-belum-cukup = Not enough yet: { $alasan }
hc-teks-desain = { $ukuran } polling stations, strata { $stratifikasi }, allocation { $alokasi }
hc-strata-belum = { $jumlah ->
    [one] { $jumlah } stratum ({ $persen } of DPT) has no report yet: { $strata }. The estimate speaks for the other strata only.
   *[other] { $jumlah } strata ({ $persen } of DPT) have no report yet: { $strata }. The estimate speaks for the other strata only.
}
hc-di-luar-sampel = { $jumlah ->
    [one] { $jumlah } report from a polling station outside the sample was ignored.
   *[other] { $jumlah } reports from polling stations outside the sample were ignored.
}
hc-boleh-publikasi = May be published now
hc-embargo = Internal — may be published from { $waktu }
hc-rilis-h1 = Quick-count result: { $judul }
hc-rilis-keadaan = As of { $waktu }. Estimated from a random sample of polling stations, 95 % confidence interval.
hc-rilis-tps-masuk = Sample polling stations in
hc-rilis-partisipasi = Turnout
hc-rilis-tidak-sah = Invalid votes
hc-rilis-ditarik = Sample drawn
hc-bukan-resmi = A quick count is not the official result. The official result is set by the KPU through the tiered tally.

# Texts the C.Hasil handlers put on pages
kirim-sudah-ada-revisi = This polling station already has a submission (revision { $revisi }). A new one becomes the next revision; the old one stays stored. Write the reason.
kirim-checkin-tercatat = Check-in recorded. Thank you for being at the polling station.
kirim-insiden-terkirim = Incident report sent to your coordinator.
kirim-galat-negatif = { $label } ({ $kolom }): must not be negative
kirim-galat-bukan-angka = { $label } ({ $kolom }): '{ $isi }' is not a number; write digits only
kirim-galat-terlalu-besar = { $label } ({ $kolom }): '{ $isi }' is too large
galat-token-sebelum-foto = the form is incomplete: its token must come before the photos
galat-foto-tidak-terbaca = the photo could not be read: { $galat }
kirim-suara-paslon = votes for candidate pair number { $nomor }
kirim-kolom-tidak-dikenal = unknown field '{ $kolom }'
kirim-belum-bisa = The form cannot be sent yet: { $salah }. Fix it and send again.
# The offline queue of the form (posko.js reads these from the page)
kirim-antrean-tersimpan = Saved on this phone; sending…
kirim-antrean-menunggu = form(s) waiting on this phone; sending…
kirim-antrean-tanpa-sinyal = No signal yet. The form is saved on this phone and is sent by itself when the signal returns.
kirim-antrean-gangguan = The Posko server has a problem. The form is saved on this phone and is sent again by itself; no need to fill it in again.
kirim-antrean-masuk-lagi = Your session has ended. The form is still saved on this phone: sign in again, and it is sent by itself.
kirim-antrean-tautan-masuk = Sign in again
kirim-antrean-ditolak = The server has not accepted this form; it stays saved on this phone and is tried again later. The server said:
galat-ukuran-foto = unknown photo size '{ $ukuran }'; use 'pratinjau' or 'asli'
galat-foto-tidak-ditemukan = photo not found
galat-foto-tidak-tersimpan = this photo is attached to the form but missing from the server's photo store; tell the Posko admin

# Texts the verification handlers put on pages
verifikasi-menunggu = Reading saved. This form is waiting for a second reader.
verifikasi-terverifikasi = The reading matches another reading and the witness's submission: polling station verified.
verifikasi-bermasalah = The readings do not match: the polling station goes to a supervisor to decide.
verifikasi-usang = The witness sent a new revision while you were reading; your reading was not saved. Read the latest revision.
verifikasi-diputus = Dispute decided; polling station verified.
baca-suara-paslon = IV. Votes for pair { $nomor }. { $calon }
baca-suara-kolom-kosong = IV. Votes for the blank box (kolom kosong)
baca-suara-sah = V.A Valid votes
baca-suara-tidak-sah = V.B Invalid votes
baca-galat-bukan-angka = { $kolom }: write the figure as read in the photo ('{ $isi }' is not a number)
baca-galat-terlalu-besar = { $kolom }: too large
sengketa-sah = Valid
sengketa-tidak-sah = Invalid
selisih-total = { $tps } polling stations, { $suara } votes moved
galat-token-paling-depan = the form is incomplete: its token must come first

# Incident categories (codes stored; labels shown)
insiden-saksi-dihalangi = Saksi obstructed or refused entry
insiden-intimidasi = Intimidation or pressure
insiden-politik-uang = Suspected vote buying
insiden-logistik = Logistics: ballots, boxes, forms
insiden-pemilih = Voter problems: DPT, invitations, identity
insiden-penghitungan = Counting not done by the procedure
insiden-lain = Other
beranda-hh-judul = Election day in { $wilayah }
beranda-hh-masuk = TPS in ({ $persen })
beranda-hh-terverifikasi = verified
beranda-hh-antrean = waiting for verification
beranda-hh-bermasalah = in dispute (readings differ)
beranda-hh-bertanda = with arithmetic findings
beranda-hh-tanpa-saksi = TPS without a saksi
beranda-hh-hitung-cepat = Quick count: { $masuk } sample TPS in · embargo until { $embargo }
pilih-tingkat = Province|Regency/City|District|Village|Polling station
pilih-kosong = choose
pilih-petunjuk = Choose the place from the lists above, or type its code.
beranda-wilayah-anda = your area:
diperbarui = Updated { $jam } · this page updates itself

hc-selang = 95 % interval: { $bawah }–{ $atas } %
hc-margin-poin = ± { $poin } points
hc-alasan-dua-paslon = the reports hold fewer than two candidate pairs
hc-alasan-tps-kurang = only { $masuk } sample polling stations in; a call needs at least { $minimum }
hc-alasan-strata = { $jumlah } strata ({ $persen } of voters) have no report yet; the estimate stands for the other strata only
hc-alasan-galat = the estimate's error cannot be computed yet
hc-alasan-timpang = arrivals skewed { $persen } (limit { $batas }): the reports in are not yet spread like the sample
hc-aturan-terbanyak = Rule: most valid votes wins.
hc-aturan-lebih-50 = Rule: more than 50 % of valid votes wins; otherwise a second round between the top two.
hc-aturan-calon-tunggal = Rule: a single pair against the blank box; the pair wins with more than 50 % of valid votes, otherwise the election is held again.
hc-kolom-kosong = Blank box
hc-peluang-ambang = probability above 50 %: { $persen }
hc-peluang-unggul = probability of leading: { $persen }
hc-selang-di-atas = 95 % interval above 50 %
hc-selang-di-bawah = 95 % interval below 50 %
hc-selang-unggul = 95 % interval above every rival
hc-kesimpulan-belum = By the rule: nothing can be concluded yet ({ $alasan })
hc-kesimpulan-menang = By the rule: pair { $nomor } wins
hc-kesimpulan-menang-tunggal = By the rule: the single pair beats the blank box
hc-kesimpulan-dekat = By the rule: not settled, the 95 % intervals still cross the threshold
hc-kesimpulan-putaran-kedua = By the rule: a second round, no pair's interval lies above 50 %
hc-kesimpulan-putaran-kedua-mungkin = By the rule: a second round is likely, no pair's interval lies above 50 %
hc-kesimpulan-ulang = By the rule: the blank box is not beaten, the election is held again
hc-peluang-petunjuk = Probability: a normal approximation from the estimate and its standard error (the widened interval where part of the sample is not in). A 95 % interval above the threshold is the same as a probability of at least 97.5 %.
hc-tak-pasti = { $persen } of valid votes are in { $jumlah } kecamatan that have not reported enough: their share counts as possibly anything, so the interval widens.
hc-grafik-batang = Estimated vote share per candidate pair with 95 % intervals
hc-grafik-lintasan = How the estimate moved as reports came in
hc-grafik-laporan = { $jumlah } reports
