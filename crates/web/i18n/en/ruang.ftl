# ruang.html and the region maps
ruang-judul = War room { $nama }
ruang-rekap = Tally
ruang-petunjuk-peta = Touch or point at a region to see its figures; touch again to go in.
ruang-unduh-peta = Download the map (SVG)
ruang-tampilan-biasa = Normal view
ruang-layar-besar = Big screen (TV)
ruang-tabel-rekap = Tally table →
ruang-belum-ada-suara = no votes yet
ruang-seri = tie ({ $persen })
ruang-unggul-nilai = { $paslon }, ahead by { $selisih } points
ruang-tps-masuk = TPS reported ({ $persen })
ruang-terverifikasi = verified ({ $tps } TPS)
ruang-unggul = leading in the real count
ruang-hc-nilai = { $paslon } ± { $margin } points
ruang-hc-galat-belum = { $paslon } (error not yet measurable)
ruang-hc-belum = no reports yet
ruang-hc-label = quick count ({ $masuk } of { $sampel } sampled TPS)
ruang-hc-embargo = The quick count is for the team only until 15:00 WIB, { $tanggal } (embargo).
ruang-hc-strata-belum = { $jumlah ->
    [one] { $jumlah } sample stratum has not reported: the estimate does not yet cover the whole region.
   *[other] { $jumlah } sample strata have not reported: the estimate does not yet cover the whole region.
}
peta-belum-ada-batas = No region boundaries under { $kode } yet; import them with: posko import batas FILE
peta-judul-svg = Map of { $induk }: { $warna } per { $tingkat }
peta-warnai-menurut = Colour by
peta-tingkat-wilayah = Region level on the map
peta-tingkat = Level
peta-warna-dpt = Voters (DPT)
peta-warna-target = Target progress
peta-warna-pendukung = Supporters per voter
peta-warna-saksi = Witness coverage
peta-warna-pemimpin = Leading in the real count
peta-warna-sampel = Quick-count sample arrival
peta-tingkat-provinsi = Province
peta-tingkat-kabkota = Regency/City
peta-tingkat-kecamatan = District
peta-tingkat-desa = Village
grafik-hasil-paslon = Votes per candidate pair (real count)
grafik-partisipasi-label = Turnout
grafik-partisipasi = Turnout at the TPS reported so far
grafik-lintasan-laporan = sampled TPS reports in: { $jumlah }
grafik-lintasan-judul = Quick-count estimate as reports came in
grafik-riil-judul = Real count as TPS came in (share of valid votes per paslon)
grafik-riil-bawah = { $jumlah } TPS in, in order of arrival, { $awal } – { $akhir }
grafik-kurang = { $kurang } short of { $dari }
grafik-celah-target = Largest supporter gaps by area
grafik-belum-ada-data = no data yet

## Map legends and tooltips (peta/pewarnaan.rs)
peta-belum-ada-data = no data yet
peta-skala-berurutan = Sequential cividis scale, { $kelas } classes: darker means more; safe for colour-blind readers
peta-rasio-teratas = 80 % or more
peta-ket-dpt = { $dpt } registered voters · { $tps } TPS
peta-legenda-dpt-judul = Registered voters (DPT)
peta-legenda-dpt-ket = Map of { $induk }: registered voters (DPT) per region. { $skala }
peta-ket-pendukung = { $pendukung } supporters of { $dpt } registered voters ({ $persen })
peta-legenda-pendukung-judul = Supporters per registered voter
peta-legenda-pendukung-ket = Map of { $induk }: recorded supporters divided by registered voters, per region. { $skala }
peta-ket-target = { $bagian } supporters of { $dari } votes needed ({ $persen })
peta-ket-saksi = { $bagian } TPS with a witness of { $dari } ({ $persen })
peta-ket-sampel = { $bagian } sample TPS reported of { $dari } ({ $persen })
peta-legenda-target-judul = Target progress (supporters ÷ votes needed)
peta-legenda-target-arti = supporters divided by the votes needed (turnout { $partisipasi } % of DPT)
peta-legenda-saksi-judul = Witness coverage (TPS with a witness ÷ TPS)
peta-legenda-saksi-arti = TPS with an active witness divided by all TPS
peta-legenda-sampel-judul = Quick-count sample in (TPS reported ÷ sample TPS)
peta-legenda-sampel-arti = sample TPS that have reported divided by sample TPS
peta-legenda-rasio-ket = Map of { $induk }: { $arti }, per region. Sequential cividis scale, 5 fixed classes: darker means more; safe for colour-blind readers
peta-ket-tps-masuk = { $tps } TPS in
peta-ket-seri = tie, { $persen } · { $tps }
peta-ket-unggul = { $nomor } leads with { $persen }, margin { $poin } points · { $tps }
peta-legenda-paslon-unggul = { $nomor } { $nama } leads
peta-legenda-pucat = pale: narrow margin (e.g. { $nomor })
peta-legenda-seri = tie
peta-legenda-pemimpin-judul = Leading in the real count (full colour = margin ≥ 30 points)
peta-legenda-pemimpin-ket = Map of { $induk }: the leading paslon per region, in its Okabe–Ito colour (safe for colour-blind readers); the fuller the colour, the wider the margin
