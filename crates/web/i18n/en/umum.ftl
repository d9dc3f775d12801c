# Shared by every page: the frame of base.html, error pages, words used everywhere.
bahasa-lain-kode = id
bahasa-lain-nama = Bahasa Indonesia
nav-beranda = Home
nav-wilayah = Regions
nav-pendukung = Supporters
nav-relawan = Volunteers
nav-pengguna = Users
nav-pesan = SMS inbox
nav-audit = Audit
nav-menu = Menu
nav-akun = Account
kaki = Posko · a self-hosted campaign headquarters
beranda = Home
kembali-ke-beranda = Back to the home page

# Error pages
galat-halaman-tidak-ada = There is no such page. Check the address, or go on from the menu.
galat-judul-tidak-ditemukan = Not found
galat-judul-server = Server error
galat-judul-permintaan = The request could not be processed
galat-server = Something went wrong on the server. Try again in a moment; if it keeps happening, contact your Posko admin.
galat-judul-sibuk = Server busy
galat-sibuk = The server is busy. Try again in a moment.
galat-basis-data-gangguan = Posko cannot reach its database right now. Nothing was saved or changed; try again in a few seconds.
galat-terlalu-besar = The request is too large: at most { $batas }. Send less at once, or smaller photos.
galat-halaman-gagal-disusun = The page could not be put together.
galat-belum-masuk = You are not signed in.
galat-tidak-berwenang = You may not open this: it is outside your role or the region you are assigned to.

# Counts that English pluralises
jumlah-tps = { $jumlah ->
    [one] { $jumlah } polling station
   *[other] { $jumlah } polling stations
}
label-tps = polling stations
label-pemilih-dpt = voters (DPT)
# Path segments that name nothing; the reason after the colon comes from the domain, in Indonesian
galat-kode-tps = polling station '{ $kode }': { $galat }
galat-kode-wilayah = region '{ $kode }': { $galat }

## Region, tally and election-day pages
wilayah-jejak = Region trail
wilayah-label-dpt = registered voters (DPT)
wilayah-label-laki = men
wilayah-label-perempuan = women
wilayah-petunjuk-peta = Tap or point at a region to see its figures.
wilayah-anak-kosong = No { $anak } imported here yet.
wilayah-kolom-nama = Name
wilayah-kolom-l = M
wilayah-kolom-p = W
wilayah-tps-kosong = No TPS imported in this village yet.
rekap-judul-tab = Tally { $nama }
rekap-judul = Results tally: { $nama }
rekap-label-terverifikasi = verified
rekap-label-partisipasi = turnout (TPS in)
rekap-label-bertanda = TPS with arithmetic findings
rekap-label-bermasalah = TPS with problems
rekap-sumber-angka = Figures are the verified results where there are any, else the witness's latest submission.
rekap-ke-selisih = Compare with the official count →
rekap-ke-pantau = Election-day watch (check-ins, incidents) →
rekap-ke-ruang = War room (map, TV screen) →
pantau-insiden-terbaru = Latest incidents
pantau-insiden-kosong = No incidents reported yet.
pantau-belum-checkin = TPS not yet checked in
pantau-semua-checkin = Every TPS has checked in.
pantau-judul = Election-day watch: { $nama }
pantau-hadir = { $checkin } of { $jumlah } TPS have a witness checked in ({ $persen }); { $belum } not yet.
pantau-sebelum-buka = Witnesses should be there before the TPS opens at 07.00.
pantau-tanpa-lebih = … and { $jumlah ->
    [one] one more TPS.
   *[other] { $jumlah } more TPS.
}
pantau-foto-ke = photo { $nomor }
target-daftar-jalan = walk list
relawan-jalan-tps-anda = Your TPS walk list
relawan-target-dan-jalan = Targets and walk lists per TPS
rekap-tidak-berwenang = You may not open this tally.
rekap-selisih = Number { $a } leads number { $b } by { $suara } votes ({ $poin } points)
rekap-belum-ada-suara = No votes in yet.
rekap-status-masuk = in
rekap-status-terverifikasi = verified
rekap-status-bermasalah = disputed
rekap-status-temuan = { $status }, { $jumlah ->
    [one] 1 finding
   *[other] { $jumlah } findings
}
rekap-revisi = revision { $n }
wilayah-seluruh-indonesia = All of Indonesia
