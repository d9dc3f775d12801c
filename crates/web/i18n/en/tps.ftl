# The TPS page (/pemilihan/ID/tps/KODE): one polling station on election
# day, and the rule for which revision of its C.Hasil counts.

tps-judul = TPS { $nomor } · { $desa }
tps-kode = TPS code
tps-desa = Village (desa/kelurahan)
tps-kecamatan = District (kecamatan)
tps-kabupaten = Regency/city
tps-dpt = Voter list (DPT)
tps-dpt-rinci = { $total } ({ $laki } men, { $perempuan } women)
tps-dpt-tidak-diketahui = not known yet
tps-alamat = Address
tps-kirim = Send this TPS's C.Hasil
tps-hasil-judul = The result that counts
tps-belum-ada-hasil = No C.Hasil has arrived from this TPS yet.
tps-dihitung-pertama = Revision { $revisi } counts: this TPS's first submission.
tps-dihitung-mengganti = Revision { $revisi } counts: it replaced revision { $sebelumnya }.
tps-dihitung-bertahan = Revision { $revisi } still counts; { $jumlah ->
    [one] one later revision did not replace it
   *[other] { $jumlah } later revisions did not replace it
} (see the history).
tps-dihitung-berfoto = This revision is backed by a photo.
tps-dihitung-tanpa-foto = This revision has no photo: any later revision will replace it.
tps-dihitung-terverifikasi = Its figures were verified from the photo; the verified figures are what counts.
tps-kolom-isian = Field
tps-kolom-posko = Posko
tps-kolom-resmi = KPU (official)
tps-kolom-selisih = Difference
tps-sah = Valid votes
tps-tidak-sah = Invalid votes
tps-total = Total votes
tps-partisipasi = Turnout
tps-resmi-sama = The KPU's official figures match what Posko counts.
tps-resmi-beda = The KPU's official figures differ from what Posko counts in { $jumlah } fields (marked).
tps-resmi-belum = The KPU's official result for this TPS has not been imported.
tps-aturan-judul = Which revision counts
tps-aturan = Every submission is stored as a new revision and never overwritten. A later revision replaces the one that counts, unless the one that counts is backed by a photo or verified and the later one has no photo of the form or no reason for the correction. Such a revision is still stored as evidence, but does not change the vote totals.
tps-verifikasi-judul = Verification
tps-status-masuk = Not verified yet
tps-status-terverifikasi = Verified
tps-status-bermasalah = Disputed: readings differ, awaiting a decision
tps-dibaca = Read by { $jumlah } of { $perlu } verifiers.
tps-bacaan-tersembunyi = Verifiers' readings are shown only to those who settle disputes and to verifiers who have already read this form.
tps-kolom-pembaca = Reader
tps-kolom-waktu = Time
tps-putusan = decision
tps-riwayat-judul = Submission history ({ $jumlah })
tps-revisi = Revision { $revisi }
tps-lencana-dihitung = counts
tps-lencana-tidak-dihitung = does not count
tps-lencana-digantikan = replaced
tps-oleh = Sent by
tps-waktu = Time
tps-saluran = Channel
tps-alasan = Reason
tps-tanpa-alasan = no reason given
tps-foto = Photos
tps-tanpa-foto = no photo
tps-foto-alt = C.Hasil photo of TPS { $tps }, revision { $revisi }, photo { $nomor }
tps-foto-buka = Open the full-size photo
tps-temuan = Arithmetic flags
tps-temuan-tidak-ada = All of the form's arithmetic adds up.
tps-tidak-dihitung = Revision { $revisi } was stored but does not count: revision { $dihitung }, which counts, { $pelindung ->
    [verifikasi] has been verified
   *[foto] is backed by a photo
}, and revision { $revisi } { $kurang ->
    [foto] has no photo of the form
    [alasan] gives no reason for the correction
   *[keduanya] has neither a photo of the form nor a reason for the correction
}. A correction replaces it when it comes with a photo of the form and a reason.
tps-saluran-web = Web form
tps-saluran-api = API
tps-saluran-sms = SMS
tps-saluran-telegram = Telegram
tps-saluran-demo = Demo data
tps-checkin-judul = Saksi check-in
tps-checkin-belum = No saksi has checked in at this TPS yet.
tps-checkin-baris = { $waktu } · { $oleh }
tps-insiden-judul = Incidents
tps-insiden-tidak-ada = No incident has been reported from this TPS.
tps-saksi-judul = Saksi
tps-saksi-belum = This TPS has no saksi yet.
tps-saksi-utama = main saksi
tps-saksi-cadangan = backup saksi
tps-telepon = Phone
tps-whatsapp = WhatsApp
tps-telepon-tersembunyi = Saksi phone numbers are shown only to this area's coordinators and to managers.
tps-foto-perkecil = Zoom out
tps-foto-perbesar = Zoom in
tps-foto-putar = Rotate 90°
tps-foto-asli = Open full size
selesai-halaman-tps = See this TPS's page →
tps-angka = Figures
tps-aturan-singkat = If the result that counts is backed by a photo or verified, a correction replaces it only when it comes with a photo of the form and a reason; without them it is stored but does not count.
beranda-halaman-tps = TPS { $tps } page
tps-putuskan-sengketa = Settle the dispute
