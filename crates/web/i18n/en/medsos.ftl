# The social-media room (medsos).
medsos-pilih-judul = Official social media
medsos-pilih-kosong = There is no election whose social-media room you may open yet.
medsos-judul = Official social media: { $nama }
medsos-pengantar = The campaign's official accounts registered with the KPU, held by the team itself, each member under their own name: content is approved before it goes out, claims are answered with evidence. Posko stores no platform password and manages no anonymous or fake account.
