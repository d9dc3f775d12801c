# Verification: the queue, reading a form, disputes (issue 19).
verifikasi-umur-baru = just now
verifikasi-umur-menit = { $n } min
verifikasi-umur-jam = { $j } h { $m } min
verifikasi-umur-hari = { $n ->
    [one] { $n } day
   *[other] { $n } days
}
verifikasi-perlu-foto-disimpan = photo recorded as unreadable; the form waits for a new photo from the witness.
verifikasi-pesan-tps = TPS { $tps }: { $pesan }
verifikasi-diperbarui = updated { $jam }
verifikasi-jumlah-menunggu = { $n ->
    [one] { $jumlah } form awaiting
   *[other] { $jumlah } forms awaiting
} verification in your area
verifikasi-jumlah-sengketa = { $jumlah ->
    [one] { $jumlah } disputed TPS
   *[other] { $jumlah } disputed TPS
}
verifikasi-jumlah-perlu-foto = { $jumlah ->
    [one] { $jumlah } TPS needs a new photo
   *[other] { $jumlah } TPS need a new photo
}
verifikasi-urutan = Forms with arithmetic findings first, then those waiting longest.
verifikasi-baca = Read
verifikasi-halaman-tps = TPS page
verifikasi-temuan = { $jumlah ->
    [one] { $jumlah } finding
   *[other] { $jumlah } findings
}
verifikasi-perlu-foto-petunjuk = The photo of these forms could not be read. The TPS's witness needs to send the C.Hasil again with a new photo; the form then returns to the queue.
verifikasi-label-perlu-foto = needs a new photo
verifikasi-semua-sengketa = All disputed TPS →
verifikasi-kembali-antrean = ← Verification queue
baca-tidak-terbaca = Photo unreadable?
baca-tidak-terbaca-petunjuk = The form leaves the queue and is marked "needs a new photo" until the witness sends a new photo. This action is logged.
baca-tidak-terbaca-catatan = Note (optional)
baca-tidak-terbaca-kirim = Photo unreadable: ask for a new photo
sengketa-kembali-daftar = ← Disputed TPS
sengketa-berbeda-di = Differs in: { $kolom }
sengketa-tanda = Readings that differ from the witness's figures are in bold and marked ≠.
sengketa-beda-judul = differs from the witness's figure
sengketa-pakai = Use this reading
sengketa-putusan-lain = Other figures: type them
sengketa-peran-saksi = Witness
sengketa-peran-pembaca = Reader
sengketa-peran-putusan = Decision
sengketa-kolom-paslon = ticket { $nomor }
sengketa-kolom-desa = Village
sengketa-kolom-kecamatan = District
sengketa-kolom-revisi = Revision
sengketa-kolom-temuan = Findings
sengketa-kolom-menunggu = Waiting
sengketa-kolom-catatan = Notes
sengketa-daftar-judul = Disputed TPS: { $pemilihan }
sengketa-daftar-h1 = Disputed TPS
sengketa-saring-wilayah = Area
sengketa-saring-semua = All areas
sengketa-saring-tombol = Show
rekap-status-perlu-foto = needs a new photo
selisih-tanda = Columns that differ are in bold and marked ≠ ("ours → official (difference)"); besides each ticket's votes, valid and invalid votes are compared too.
selisih-beda-judul = our count and the official count differ
kirim-perlu-foto-baru = A verifier could not read the photo of this polling station's C.Hasil (revision { $revisi }). Send this form again with a new, clear photo; it becomes the next revision. Write the reason, e.g. "new photo".
verifikasi-kecamatan = { $nama } district
verifikasi-menunggu-sejak = waiting { $umur }
