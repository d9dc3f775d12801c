
# relawan.html
relawan-judul = Volunteers
relawan-h1 = Volunteer: { $nama }
relawan-catat-pendukung = Record a supporter
relawan-daftar-pendukung = Supporters
relawan-dugaan-ganda = Possible duplicates
relawan-wilayah-rekrutan = The recruit's assigned region
relawan-wilayah-tugas = Assigned region
relawan-tingkat = Level
relawan-rekrutan = Recruits
relawan-bawahan = { $jumlah } people under you
relawan-undang = Invite a new volunteer
relawan-kode-undangan = Invitation code:
relawan-tautan-bergabung = Link to join:
relawan-kirim-kode = Send this code or link to the new volunteer. It is valid for 14 days for one person and is shown only once.
relawan-kode-wilayah-petunjuk = A kecamatan code (31.71.01), village (31.71.01.1001) or polling station (3171011001001) inside your region.
relawan-buat-kode = Create an invitation code
relawan-jaringan = Your network
relawan-per-hari = Supporters and visits per day
relawan-per-hari-petunjuk = By you and your network, the last 30 days with records (WIB).
relawan-belum-pendukung = No supporter or visit recorded yet.
relawan-hari = Day
relawan-belum-terdaftar = Your account is not registered as a volunteer. Ask your coordinator for an invitation code, then open the link to join that you are sent.
relawan-peringkat = Leaderboard
relawan-tampilkan = Show
relawan-anda = { $nama } (you)
relawan-belum-ada-di-wilayah = No volunteers in this region yet.

# relawan_gabung.html
gabung-judul = Join as a volunteer
gabung-selamat = Welcome aboard
gabung-dibuat = Account { $username } created: { $wilayah }. Sign in with the password you just chose.
gabung-kata-sandi-baru = Password (at least 10 characters)
gabung-nama-lengkap = Full name
gabung-tombol = Join
gabung-sudah-punya = Already have an account?

# target.html
target-judul = Targets { $nama }
target-h1 = Vote target: { $nama }
target-pemilihan = Election
target-partisipasi = Turnout (% of DPT)
target-suara = Vote target (% of valid votes)
target-hitung = Calculate
target-asumsi = Assumptions:
target-urutan = Sorted by the largest gap. Gap = votes needed − supporters recorded, counted per polling station and then added up.
target-wilayah-tps = Region/polling station
target-dibutuhkan = Needed
target-kekurangan = Gap
target-tercapai = Reached
target-tidak-ada-tps = No polling station in this region.
relawan-belum-rekrutan = No recruits yet. Create an invitation code above.

# pendukung.html
pendukung-judul = Supporters in your region
pendukung-tinjau-ganda = Review possible duplicates
pendukung-halaman-relawan = Volunteer page
pendukung-cari-nama = Search by name
pendukung-cari = Search
pendukung-jumlah = { $jumlah } supporters
pendukung-nama-mirip = whose name has a word beginning “{ $q }”
pendukung-petunjuk = NIK and phone numbers are stored encrypted and not shown in the list. DPT column: the polling station whose imported DPT lists the name and date of birth, or “not found” in the village.
pendukung-kosong = No supporters yet.
pendukung-kosong-nama = No supporters with that name yet.
pendukung-tps-desa = Polling station/village
pendukung-dukungan = Support
pendukung-dicatat = Recorded

# pendukung_baru.html
baru-nik-ganda = A supporter with this NIK is already recorded:
baru-lihat-data = see the existing record
baru-tidak-disimpan = Nothing new was saved.
baru-persetujuan = Consent (required)
baru-bacakan = Read out to the supporter: the campaign keeps their data only for the purposes they agree to, and deletes it 90 days after the election unless they extend it. They may ask to see, correct or delete their data at any time.
baru-setuju = Agrees to { $keperluan }
pendukung-domisili = Polling station or village
baru-nik = NIK (optional)
baru-nik-ketik-lagi = (the NIK is not shown again; type it again)
baru-telepon = Mobile number (optional)
baru-tanggal-lahir = Date of birth (optional, YYYY-MM-DD)
baru-alamat = Address (optional)
baru-sumber = Source (e.g. house visit)
pendukung-tingkat-dukungan = Level of support
baru-simpan = Save the supporter
baru-petunjuk = Polling station: 13 digits (e.g. 3171011001001). Village: the dotted code (e.g. 31.71.01.1001). NIK and mobile numbers are stored encrypted.

# pendukung_detail.html
detail-judul = Supporter { $nama }
detail-tanggal-lahir = Date of birth
detail-alamat = Address
detail-sumber = Source
detail-tersimpan = stored (encrypted)
detail-nomor-hp = Mobile number
detail-persetujuan = Consent
detail-disimpan-sampai = Kept until
detail-perpanjang-judul = Extend how long it is kept
detail-perpanjang-petunjuk = Only if the data's owner agrees to keep it longer.
detail-simpan-sampai = Keep until
detail-perpanjang = Extend
detail-hak = The data owner's rights
detail-hak-petunjuk = At the data owner's request (Law 27/2022). Every action is recorded in the audit trail.
detail-unduh = Download all their data (JSON)
detail-koreksi = Correct the data
detail-koreksi-petunjuk = NIK and mobile number are not shown. Leave them empty if unchanged; fill them in only to replace them. To delete all the data, use "Delete data" below.
detail-simpan-koreksi = Save the correction
detail-hapus-judul = Delete data
detail-hapus-yakin = The data's owner asks for it to be deleted. I understand it cannot be brought back.
detail-hapus = Delete the supporter's data
detail-oleh-koordinator = Downloads, corrections and deletions at the data owner's request are done by your region's coordinator.

# pendukung_ragu.html
ragu-judul = Possible duplicate supporters
ragu-petunjuk = Two records with very similar names and the same date of birth and village. Check, then decide. Nothing is merged automatically: if they are the same, delete the extra record from its page.
ragu-kosong = No possible duplicates in your region.
ragu-catatan-a = Record A
ragu-catatan-b = Record B
ragu-desa = Village
ragu-kemiripan = Similarity
ragu-putusan = Decision
ragu-sama = Same person
ragu-beda = Different people

# Texts the volunteer and supporter handlers put on pages
galat-formulir-tidak-lengkap = the form is incomplete; reload the page and send it again
galat-pendukung-tidak-ditemukan = supporter '{ $id }' not found
relawan-semua-wilayah = all regions
relawan-cakupan-tps = polling station { $tps }
relawan-peringkat-untuk-koordinator = The leaderboard is for regional coordinators; you are assigned to one polling station.
pendukung-dpt-tidak-ditemukan = not found
pendukung-dihapus = The supporter's data was deleted at the owner's request.
dukungan-kuat = strong (will surely vote)
dukungan-condong = leaning
dukungan-ragu = undecided
pendukung-tercatat = Supporter recorded.
pendukung-tercatat-mirip = { $jumlah ->
    [one] Supporter recorded. { $jumlah } other record is similar (same name, date of birth and village): sent to the review of possible duplicates.
   *[other] Supporter recorded. { $jumlah } other records are similar (same name, date of birth and village): sent to the review of possible duplicates.
}
pendukung-dikoreksi = The supporter's data was corrected.
pendukung-diperpanjang = The keeping period was extended.
galat-ekspor-gagal = the export could not be put together: { $galat }
galat-simpan-setelah-hari-ini = the keep-until date must be after today
galat-tanggal = date '{ $isi }': write it as YYYY-MM-DD (e.g. 2030-03-01)
galat-centang-hapus = Tick the deletion confirmation first: deleted data cannot be brought back.
ragu-tercatat = Review recorded.
ragu-status-sama = same person
ragu-status-beda = different people
ragu-status-belum = not yet reviewed
galat-pasangan-tidak-ditemukan = pair '{ $id }' not found
galat-pilih-putusan = choose: same person or different people
target-belum-ada-pemilihan = No election covers this region yet: targets are worked out per election.
target-galat-partisipasi = turnout: { $galat }
target-galat-target = vote target: { $galat }
target-asumsi-partisipasi-bawaan = Turnout is assumed to be { $persen } % of the DPT (the default; change it above).
target-asumsi-partisipasi = Turnout: { $persen } % of the DPT become valid votes.
target-asumsi-target-bawaan = There are { $paslon } candidate pairs: the target share is assumed to be { $persen } % of valid votes (the default; change it above).
target-asumsi-target = There are { $paslon } candidate pairs: the target share is { $persen } % of valid votes.
target-asumsi-dua-paslon = { $paslon ->
    [one] { $paslon } candidate pair: votes needed = half the valid votes + 1 at every polling station.
   *[other] { $paslon } candidate pairs: votes needed = half the valid votes + 1 at every polling station.
}
target-sumber = Turnout from
target-sumber-tetap = the figure above for every TPS
target-sumber-riwayat = { $riwayat }, per desa
target-simpan = Save as this election's assumptions
target-disimpan = Assumptions saved; everyone's target pages now use them.
target-asumsi-tersimpan = Assumptions saved for this election (by { $oleh }, { $waktu }).
target-asumsi-riwayat = Each TPS's turnout = valid votes ÷ DPT of its desa in { $riwayat } ({ $tps } TPS).
target-asumsi-riwayat-cadangan = { $tps } TPS in desa without history use { $persen } %.
relawan-kunjungan = Visits
relawan-per-wilayah = Per area below
pendukung-cari-petunjuk = The search matches the beginnings of the name's words (at least 3 letters; shorter words must be whole) across every supporter in your area.
pendukung-rentang = Showing { $dari }–{ $sampai }
pendukung-sebelumnya = ← Previous
pendukung-berikutnya = Next →
survei-judul = Doorstep survey · { $nama }
survei-kembali = ← Election page
survei-disimpan = Survey saved; walk lists now ask it.
survei-petunjuk = Short questions volunteers ask when they meet a voter, each with 2 to 8 answer options. Retired questions are no longer asked, but the answers already given stay stored and counted.
survei-bawaan = This election still uses the three built-in questions. The first change copies them into this election's own survey.
survei-pertanyaan = Questions
survei-kode = Code
survei-teks = Question (Indonesian)
survei-teks-en = Question (English, optional)
survei-pilihan = Answer options
survei-pilihan-baris = Answer options, one per line: code = label
survei-status = Status
survei-aktif = asked
survei-pensiun = retired
survei-pensiunkan = Retire
survei-tanyakan-lagi = Ask again
survei-ubah = Edit
survei-simpan = Save question
survei-tambah = Add a question
survei-kode-petunjuk = Code: lower-case a-z, digits and hyphens, at most 24 characters (e.g. air-bersih). Saving an existing code edits that question.
survei-atur = Manage the doorstep survey questions
survei-hasil = Doorstep survey results
survei-hasil-petunjuk = Answers from every visit in this area, per question of { $pemilihan }.
survei-jawaban = Answer
survei-jumlah = Count
survei-belum-dijawab = No answers yet.
survei-jumlah-jawaban = { $jumlah } answers

# jalan.html: the walk list of a TPS and its visit form
jalan-judul = Walk list TPS { $nomor } { $desa }
jalan-h1 = Walk list TPS { $nomor } · { $desa }
jalan-ringkas = { $rumah ->
    [one] one household
   *[other] { $rumah } households
} · { $pemilih ->
    [one] one voter
   *[other] { $pemilih } voters
} · { $dikunjungi ->
    [one] one household visited
   *[other] { $dikunjungi } households visited
}
jalan-rt = RT { $rt }
jalan-label-rt = RT
jalan-semua-rt = every RT
jalan-tampilkan = Show
jalan-cetak = Print (PDF)
jalan-kosong = No voters yet: this TPS's voter list has not been imported.
jalan-kosong-rt = No voters in this RT yet: this TPS's voter list has not been imported.
jalan-n-rumah = { $jumlah ->
    [one] one household
   *[other] { $jumlah } households
}
jalan-n-pemilih = { $jumlah ->
    [one] one voter
   *[other] { $jumlah } voters
}
jalan-n-pendukung = { $jumlah ->
    [one] one supporter
   *[other] { $jumlah } supporters
}
jalan-sudah-dikunjungi = visited
jalan-siapa = Who was visited
jalan-no = no. { $urut }
jalan-lencana-pendukung = supporter: { $dukungan }
jalan-terakhir = last: { $kunjungan }
jalan-hasil = Outcome
jalan-dukungan = Support (if met)
jalan-catatan = Note (optional)
jalan-simpan = Save visit
jalan-pendukung-lain = Supporters at this TPS who are not on the voter list
jalan-pendukung-lain-petunjuk = Visit them at the address they gave, and make sure they are registered to vote.
jalan-rt-rw = RT { $rt } / RW { $rw }
jalan-rt-rw-tidak-tercatat = RT/RW not recorded
jalan-alamat-tidak-tercatat = (no address recorded)
jalan-jk-laki = M
jalan-jk-perempuan = F
jalan-lahir = born { $tahun }
jalan-kali-dikunjungi = (visited { $jumlah } times)
jalan-dipersempit = This TPS has { $jumlah } voters: to keep the page light on a phone, only the first RT is shown. Choose another RT, or every RT, above.
jalan-tersimpan = Visit saved.
jalan-galat-rt = rt '{ $rt }': write an RT number (e.g. 3)
jalan-galat-urut = field urut '{ $urut }': not a number
jalan-hasil-bertemu = met
jalan-hasil-tidak-di-rumah = not at home
jalan-hasil-menolak = refused
jalan-hasil-pindah = moved / unknown
jalan-dukungan-kuat = strong
jalan-dukungan-condong = leaning
jalan-dukungan-ragu = undecided
# The built-in survey's answers (stored by their codes)
jalan-isu-ekonomi = prices & jobs
jalan-isu-infrastruktur = roads, water & floods
jalan-isu-kesehatan = health
jalan-isu-pendidikan = education
jalan-isu-keamanan = safety
jalan-isu-lain = other
jalan-kenal-ya = yes
jalan-kenal-sedikit = a little
jalan-kenal-belum = not yet
jalan-datang-pasti = certainly
jalan-datang-mungkin = maybe
jalan-datang-tidak = no
# The offline queue of visits (posko.js reads these from the page)
jalan-antrean-menunggu = visit(s) saved on this phone, waiting for a signal to be sent.
jalan-antrean-ditolak = Refused by the server:
jalan-antrean-masuk-lagi = Your session has ended: sign in again to send the visits saved on this phone.
jalan-antrean-gangguan = The Posko server has a problem; visits are saved on this phone and sent again by themselves.
jalan-antrean-tertunda = The server has not accepted the visits yet; they stay saved on this phone and are tried again later. The server said:
relawan-mulai-judul = Start a volunteer network
relawan-mulai-petunjuk = You are not part of the volunteer tree yet. As a team lead you can head the network for one area of your territory, then make invitation codes for the coordinators and volunteers under you.
relawan-mulai-wilayah = Area of the network
relawan-mulai-tombol = Make me the head of this network

# relawan_tahan.html
tahan-judul = Field records on hold
tahan-tautan = Field records on hold
tahan-petunjuk = One volunteer's records of one day (WIB) that need a look first. While on hold they are not counted in targets or the leaderboard. A finding is a reason to check, not an accusation: ask the volunteer, then approve (the records count) or roll back (that day's supporters and visits are deleted).
tahan-kosong = No field records are on hold in your region.
tahan-catatan = { $jumlah } records
tahan-alasan-jumlah = { $alasan } ({ $jumlah })
tahan-setujui = Approve
tahan-batalkan = Roll back
tahan-disetujui = Approved: that day's records count again.
tahan-dibatalkan = Rolled back: that day's supporters and visits were deleted.
tahan-alasan-nik-tanggal-lahir = the date of birth in the NIK differs from the one written
tahan-alasan-nik-kecamatan = most NIKs were issued in another district than where the person lives
tahan-alasan-tidak-di-dpt = many supporters are not on the voter list of the polling station they were recorded at
tahan-alasan-beruntun = more than 20 supporters recorded within 10 minutes
tahan-alasan-jeda-pendek = supporters were mostly recorded less than 30 seconds apart
tahan-alasan-gps-cepat = between two visits the phone moved faster than 60 km/h
tahan-alasan-gps-berkumpul = most visits were logged within 20 m of one spot
tahan-alasan-foto-sama = the same photo is used on several records
tahan-alasan-kontak-tinggi = more than 95 % of doors answered, over at least 50 visits
tahan-alasan-relawan-lain = several people were already recorded by another volunteer
galat-batch-tidak-ditemukan = those field records were not found
galat-pilih-putusan-tahan = choose: approve or roll back
