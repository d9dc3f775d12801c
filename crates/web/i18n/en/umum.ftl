# Shared by every page: the frame of base.html, error pages, words used everywhere.
bahasa-lain-kode = id
bahasa-lain-nama = Bahasa Indonesia
nav-beranda = Home
nav-wilayah = Regions
nav-pendukung = Supporters
nav-relawan = Volunteers
nav-akun = Account
kaki = Posko · a self-hosted campaign headquarters
beranda = Home
kembali-ke-beranda = Back to the home page

# Error pages
galat-judul-tidak-ditemukan = Not found
galat-judul-server = Server error
galat-judul-permintaan = The request could not be processed
galat-server = Something went wrong on the server. Try again in a moment; if it keeps happening, contact your Posko admin.
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
