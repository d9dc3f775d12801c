# Ruang lapangan: tugas (issue 24).
