# Sign-in and sign-out
masuk-judul = Sign in
masuk-ke-posko = Sign in to Posko
masuk-nama-pengguna = Username
masuk-kata-sandi = Password
masuk-tombol = Sign in
masuk-petunjuk-saksi = Witnesses and volunteers: open the sign-in link your coordinator sent you by SMS or chat.
keluar-judul = Sign out
keluar-masuk-sebagai = You are signed in as
keluar-tombol = Sign out of Posko

# akun.html
akun-judul = My account
akun-nama = Name
akun-telepon = Phone
akun-peran = Role
akun-belum-ada-peran = no role yet
akun-kelola = Manage the accounts in your region →
akun-sesi = Sessions
akun-sesi-petunjuk = Devices this account is signed in on. If you do not recognise one, end all other sessions and change your password.
akun-perangkat = Device
akun-alamat-ip = IP address
akun-masuk = Signed in
akun-berlaku-sampai = Valid until
akun-perangkat-ini = this device
akun-keluar-lain = Sign out of all other devices

# pengguna.html
pengguna-judul = Accounts in your region
pengguna-telepon-disamarkan = Phone numbers are masked on screen and stored encrypted.
pengguna-cakupan = Witness coverage per polling station:
pengguna-impor-judul = Create witness accounts from a file
pengguna-impor-kolom = Upload a CSV or XLSX file with the columns
kata-koma = ,
kata-dan = and
pengguna-impor-kode-tps = (13 digits, e.g. 3171011001001) or
pengguna-impor-satu-baris = . One row per witness. If any row has a problem, no account is created unless you tick the option below.
pengguna-berkas = File
pengguna-lewati = Create accounts for the valid rows only
pengguna-impor-tombol = Import witnesses
pengguna-ekspor = Export accounts with phone numbers (CSV)
pengguna-ekspor-catatan = Exports are recorded in the audit trail and watermarked with your name.
pengguna-kosong = No accounts in your region yet.
pengguna-status = Status
pengguna-akhiri-sesi-judul = End every session of this account
pengguna-akhiri-sesi = End sessions

# impor_saksi.html
impor-baris-bermasalah = Rows with problems
impor-kirim-kode = Send sign-in codes
impor-kode-petunjuk = Each witness signs in with a one-time code (valid for 24 hours) that you send by SMS or chat. Download the file with phone numbers, codes and sign-in links; delete it once everything is sent.
impor-buat-kode = Create sign-in codes and download CSV
label-tps-kolom = Polling station
impor-kembali = ← Back to the accounts

# cakupan_saksi.html
cakupan-judul = Witness coverage:
cakupan-utama = Main witness
cakupan-cadangan = Backups
cakupan-belum-ada = no witness yet
cakupan-jadikan-utama = Make main witness
kolom-wilayah = Region
cakupan-ada = With a witness
cakupan-belum = Without
cakupan-cakupan = Coverage
cakupan-kembali = ← Accounts and witness import

# audit.html
audit-judul = Audit trail
audit-petunjuk = Every change is recorded and chained by hash. Check its integrity with
audit-tindakan-diawali = Action starts with
audit-pelaku = Actor
audit-saring = Filter
audit-kosong = No matching entries.
audit-waktu = Time (UTC)
audit-waktu-wib = Time (WIB)
audit-tindakan = Action
audit-objek = Object
audit-ringkasan = Summary
audit-lebih-lama = Older entries →
akun-keluar-ini = Sign out of this device
pengguna-judul-pendek = Accounts
pengguna-aktif = active
pengguna-nonaktif = inactive

# Texts the account handlers put on pages
akun-perangkat-tidak-diketahui = unknown
akun-telepon-belum-ada = none yet
akun-sesi-lain-diakhiri = { $jumlah ->
    [one] { $jumlah } session on another device ended.
   *[other] { $jumlah } sessions on other devices ended.
}
pengguna-jumlah-sebagian = { $jumlah } accounts in your region; the first { $ditampilkan } are shown (export for all of them).
pengguna-jumlah = { $jumlah ->
    [one] { $jumlah } account in your region.
   *[other] { $jumlah } accounts in your region.
}
galat-pengguna-tidak-ditemukan = user '{ $username }' not found
galat-formulir-tidak-terbaca = the form could not be read: { $galat }
galat-berkas-tidak-terbaca = the file could not be read: { $galat }
galat-formulir-tanpa-token = the form is incomplete: its token is missing
galat-pilih-berkas-saksi = Choose the witness list file (CSV or XLSX) first.
galat-tidak-ada-akun-dipilih = No account was chosen.
galat-tps-di-luar-wilayah = Polling station { $tps } is not in { $wilayah }
cakupan-sekarang-utama = { $username } is now the main witness; the other witnesses at that polling station become backups.
cakupan-ringkas = { $bersaksi } of { $jumlah } polling stations have a witness ({ $persen }); { $berserep } with a backup witness; { $tanpa } polling stations have none yet.

# Sign-in refusals
masuk-salah = Wrong username or password.
masuk-terlalu-sering = Too many failed attempts. Wait 15 minutes and try again.
masuk-sibuk = The server is busy checking many sign-ins at once. Try again in a moment.
masuk-tautan-tidak-berlaku = This sign-in link is no longer valid: it was used or has expired. Ask your coordinator for a new one.
galat-token-formulir = the form token is not valid; reload the page
galat-asal-permintaan = the request did not come from this site
impor-masalah-lain = { $jumlah ->
    [one] … and { $jumlah } more problem.
   *[other] … and { $jumlah } more problems.
}
pengguna-sesi-diakhiri = { $jumlah ->
    [one] One session of { $username } ended.
   *[other] { $jumlah } sessions of { $username } ended.
}

# An account's history (akun.html, akun_kelola.html)
riwayat-judul = Account history
riwayat-petunjuk-sendiri = One-time sign-in codes issued for your account (and by whom), and every time this account signed in. If you do not recognise one, tell the campaign manager at once.
riwayat-petunjuk-kelola = Sign-in codes issued for this account and by whom, when it signed in, and changes to its roles, from the audit log.
riwayat-kosong = Nothing recorded yet.
riwayat-waktu = Time
riwayat-kejadian = Event
riwayat-oleh = By
riwayat-rincian = Details
riwayat-kode-masuk = One-time sign-in code issued
riwayat-masuk = Signed in
riwayat-sesi-diakhiri = Sessions ended
riwayat-akun-dibuat = Account created
riwayat-peran-diberi = Role granted
riwayat-peran-dicabut = Role revoked
riwayat-dinonaktifkan = Account disabled
riwayat-diaktifkan = Account enabled
riwayat-sandi-diganti = Password changed
riwayat-telegram = Telegram link changed
riwayat-telepon = Phone number changed
riwayat-oleh-sistem = Posko
riwayat-oleh-demo = the demo campaign
riwayat-oleh-cli = the server's command line ({ $pengguna })

## Managing accounts: adding, roles, disabling, one-time links
kelola-tambah-judul = Add an account
kelola-tambah-petunjuk = No password to tell anyone: once the account exists you get a one-time sign-in link to send to its owner.
kelola-tidak-ada-peran = There is no role you may grant.
kelola-nama-lengkap = Full name
kelola-telepon-opsional = Mobile number (optional)
kelola-wilayah-peran = Area of the role (region or polling-station code; empty means the whole campaign)
kelola-wilayah-petunjuk = Admins and managers always cover the whole campaign; a saksi one polling station; coordinators and volunteers a region.
kelola-tambah-tombol = Add account
kelola-akun-dibuat = Account { $username } created
kelola-tautan-untuk = Sign-in link for { $nama }
kelola-tautan-petunjuk = Send this link to { $nama }. Whoever opens it is signed in as this account, so send it only privately.
kelola-tautan-label = Sign-in link
kelola-salin = Copy link
kelola-tersalin = Copied
kelola-kirim-wa = Send by WhatsApp to { $telepon }
kelola-tautan-sekali = Works once, for 24 hours. This link is not shown again; make a new one from the account page if needed.
kelola-ke-akun = Open account { $username }
kelola-wa-pesan = Hello { $nama }, here is your Posko sign-in link (works once, for 24 hours): { $tautan }
kelola-kirim-tautan = Send a sign-in link
kelola-kirim-tautan-catatan = Makes a one-time link to send to the account's owner.
kelola-aktifkan = Enable account
kelola-nonaktifkan = Disable account
kelola-nonaktifkan-akibat = A disabled account cannot sign in and all its sessions end. Its data stays, and it can be enabled again.
kelola-nonaktifkan-yakin = Yes, disable { $username }
kelola-nonaktif-belum-yakin = Tick the confirmation first to disable the account.
kelola-cabut = Revoke
kelola-beri-judul = Grant a role
kelola-beri-tombol = Grant role
kelola-selesai-aktif = Account enabled.
kelola-selesai-nonaktif = Account disabled; all its sessions ended.
kelola-selesai-diberi = Role granted.
kelola-selesai-dicabut = Role revoked.
kelola-selesai-tetap = Nothing changed.
kelola-cakupan-semua = the whole campaign
kelola-cakupan-tps = Polling station { $nomor } · { $desa } ({ $kode })
kelola-peran-admin = Admin
kelola-peran-manager = Campaign manager
kelola-peran-koordinator = Coordinator
kelola-peran-relawan = Volunteer
kelola-peran-saksi = Poll witness (saksi)
kelola-peran-verifier = Verifier
kelola-peran-bendahara = Treasurer
kelola-peran-media = Media
kelola-peran-auditor = Auditor
kelola-dilarang-beri = You may not grant the role { $peran } in { $cakupan }: only roles below yours, inside your area.
kelola-dilarang-diri-nonaktif = You cannot disable your own account.
kelola-dilarang-admin-sendiri = You cannot revoke your own last admin role.
