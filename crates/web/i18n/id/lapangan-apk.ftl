# Ruang lapangan: APK (issue 24).
