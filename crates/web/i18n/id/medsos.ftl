# The social-media room (medsos).
medsos-pilih-judul = Media sosial resmi
medsos-pilih-kosong = Belum ada pemilihan yang ruang media sosialnya boleh Anda buka.
medsos-judul = Media sosial resmi: { $nama }
medsos-pengantar = Akun resmi kampanye yang didaftarkan ke KPU, dipegang tim sendiri dengan nama masing-masing: konten disetujui sebelum tayang, isu dijawab dengan bukti. Posko tidak menyimpan kata sandi platform dan tidak mengelola akun anonim atau palsu.
